"""Persistence behind one small interface: SQLite by default, PostgreSQL via ``DATABASE_URL``.

Nothing about people is stored: feedback is counted per day, topic and bullet, without user or text;
conversation references say where to post, not who asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class FeedbackCount:
    """How many 👍 and 👎 one topic and bullet got on one day."""

    day: date
    topic: str
    bullet: str  # "" when the answer quoted no bullet (the escalation path)
    helpful: int
    unhelpful: int


class Store(Protocol):
    """What the bot keeps between restarts."""

    async def record_feedback(self, day: date, topic: str, bullet: str | None, helpful: bool) -> None:
        """Count one vote; the same vote twice counts twice (people may click on two answers)."""

    async def feedback(self) -> list[FeedbackCount]:
        """All counts, oldest day first."""

    async def save_reference(self, platform: str, conversation_id: str, reference: dict[str, Any]) -> None:
        """Remember (or replace) how to post to a conversation later, e.g. a Teams conversation reference.

        Note:
            The latest reference wins: Teams may move a conversation to another service URL.
        """

    async def reference(self, platform: str, conversation_id: str) -> dict[str, Any] | None:
        """The stored reference of a conversation, or None if the bot never saw it."""

    async def ping(self) -> None:
        """Raise StoreError if the database cannot be reached (readiness)."""

    async def close(self) -> None:
        """Release connections."""


async def open_store(url: str) -> Store:
    """Connect to ``url`` (validated by config) and apply pending migrations."""
    from bot.store.sql import SqlStore

    return await SqlStore.open(url)
