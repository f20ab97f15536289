"""Handled event ids are kept in the database, on SQLite and PostgreSQL, so a redelivery is answered once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.store import EVENTS_KEPT, open_store
from bot.store.sql import PRUNE_EVERY

NOON = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


async def test_an_event_id_is_handled_once_even_after_a_restart(database_url: str) -> None:
    """The first delivery of an id wins; a second one, before or after a restart, does not."""
    first = await open_store(database_url)
    won = await first.first_delivery("slack", "Ev0001", NOON)
    again = await first.first_delivery("slack", "Ev0001", NOON)
    other_platform = await first.first_delivery("teams", "Ev0001", NOON)
    await first.close()

    second = await open_store(database_url)
    after_restart = await second.first_delivery("slack", "Ev0001", NOON + timedelta(minutes=2))
    await second.close()

    assert (won, again, other_platform, after_restart) == (True, False, True, False)


async def test_concurrent_deliveries_of_one_event_are_won_by_one(database_url: str) -> None:
    """Two processes receiving the same id at the same time: exactly one handles it."""
    stores = [await open_store(database_url) for _ in range(2)]
    results = await asyncio.gather(*(store.first_delivery("slack", "Ev0002", NOON) for store in stores * 3))
    for store in stores:
        await store.close()

    assert sorted(results) == [False] * 5 + [True]


async def test_event_ids_are_forgotten_after_an_hour(database_url: str) -> None:
    """Ids older than EVENTS_KEPT are deleted, so the table stays small (and the id counts as new)."""
    store = await open_store(database_url)
    await store.first_delivery("slack", "Ev0003", NOON)
    later = NOON + EVENTS_KEPT + PRUNE_EVERY + timedelta(seconds=1)
    await store.first_delivery("slack", "Ev0004", later)  # prunes on the way
    forgotten = await store.first_delivery("slack", "Ev0003", later)
    await store.close()

    assert forgotten
