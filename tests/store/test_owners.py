"""What the codex owners read is kept on SQLite and PostgreSQL: usage counts and asked questions."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest_asyncio

from bot.store import QuestionState, Store, UsageCount, open_store
from bot.usage import UsageCounter

MONDAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest_asyncio.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    """An open store on SQLite or PostgreSQL."""
    opened = await open_store(database_url)
    yield opened
    await opened.close()


async def test_usage_is_counted_in_batches_and_adds_up(store: Store) -> None:
    """Replies counted in memory reach the database on flush, and a second batch adds to the first."""
    counter = UsageCounter(store)
    for _ in range(3):
        counter.count(MONDAY, "slack", "match", "neutralitet")
    counter.count(MONDAY, "teams", "no_match", None)
    assert await store.usage(MONDAY, MONDAY) == []  # nothing written before the flush

    await counter.flush()
    counter.count(MONDAY, "slack", "match", "neutralitet")
    await counter.flush()

    assert await store.usage(MONDAY, MONDAY + timedelta(days=6)) == [
        UsageCount(MONDAY, "slack", "match", "neutralitet", 4),
        UsageCount(MONDAY, "teams", "no_match", "", 1),
    ]
    assert await store.usage(MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)) == []


async def test_an_anonymous_question_keeps_no_asker_and_moves_through_its_states(store: Store) -> None:
    """A question is queued as open without anyone's id, answered once, then closed; a second answer loses."""
    asked = await store.enqueue(NOW, "slack", "må jeg sige nej til min chef?", ("no_match", None), None)

    answered = await store.resolve(asked.id, QuestionState.ANSWERED, "U0EXPERT", "Ja, se Lovlighed.", NOW)
    again = await store.resolve(asked.id, QuestionState.ANSWERED, "U0OTHER", "Nej", NOW)
    closed = await store.resolve(asked.id, QuestionState.CLOSED, "U0EXPERT", None, NOW)

    assert asked.state is QuestionState.OPEN and asked.asker is None
    assert (
        answered is not None and answered.answer == "Ja, se Lovlighed." and answered.handled_by == "U0EXPERT"
    )
    assert again is None
    assert (
        closed is not None and closed.state is QuestionState.CLOSED and closed.answer == "Ja, se Lovlighed."
    )
    assert [q.id for q in await store.questions(QuestionState.CLOSED)] == [asked.id]
    assert await store.questions(QuestionState.OPEN) == []


async def test_questions_older_than_the_retention_period_are_deleted(store: Store) -> None:
    """Retention: a question asked 91 days ago is deleted, one asked yesterday is kept."""
    old = await store.enqueue(
        NOW - timedelta(days=91), "teams", "gammel", ("match", "sandhed"), {"user": "x"}
    )
    new = await store.enqueue(NOW - timedelta(days=1), "teams", "ny", ("match", "sandhed"), None)

    deleted = await store.forget_before(NOW - timedelta(days=90))

    assert deleted == 1
    assert await store.question(old.id) is None and await store.question(new.id) is not None
