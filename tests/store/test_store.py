"""The store keeps anonymous feedback counts on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from datetime import date

import pytest

from bot.errors import StoreError
from bot.store import FeedbackCount, open_store


async def test_votes_are_counted_per_day_topic_and_bullet(database_url: str) -> None:
    """Two 👍 and one 👎 on the same bullet and day become one row of counts, nothing about who voted."""
    store = await open_store(database_url)
    day = date(2026, 11, 24)
    await store.record_feedback(day, "neutralitet", "neutralitet.2", True)
    await store.record_feedback(day, "neutralitet", "neutralitet.2", True)
    await store.record_feedback(day, "neutralitet", "neutralitet.2", False)
    await store.record_feedback(day, "eskalering", None, False)

    counts = await store.feedback()
    await store.close()

    assert counts == [
        FeedbackCount(day, "eskalering", "", 0, 1),
        FeedbackCount(day, "neutralitet", "neutralitet.2", 2, 1),
    ]


async def test_counts_survive_a_restart_and_migrations_run_once(database_url: str) -> None:
    """Reopening the database keeps the counts and does not re-apply migrations."""
    first = await open_store(database_url)
    await first.record_feedback(date(2026, 11, 24), "sandhed", "sandhed.1", True)
    await first.close()

    second = await open_store(database_url)
    counts = await second.feedback()
    await second.ping()
    await second.close()

    assert [c.helpful for c in counts] == [1]


async def test_an_unreachable_database_is_a_clear_error() -> None:
    """A PostgreSQL URL nobody listens on gives StoreError naming the problem, not a driver traceback."""
    with pytest.raises(StoreError, match="cannot open the database"):
        await open_store("postgresql://nobody@127.0.0.1:1/kodeks")
