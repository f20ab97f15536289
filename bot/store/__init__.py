"""Persistence behind small interfaces, one per concern: SQLite by default, PostgreSQL via ``DATABASE_URL``.

Each consumer receives only the protocol it uses (the Teams adapter a ``ReferenceStore``, the tip
sender a ``TipStore`` …); one SQL implementation (``bot.store.sql.SqlStore``) serves them all.

Nothing about people is stored: feedback is counted per day, topic and bullet, without user or text;
tip subscriptions know a channel id, never who subscribed it; conversation references say where to
post, not who asked; handled event ids are kept for an hour, without their content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class FeedbackCount:
    """How many 👍 and 👎 one topic and bullet got on one day."""

    day: date
    topic: str
    bullet: str  # "" when the answer quoted no bullet (the escalation path)
    helpful: int
    unhelpful: int


@dataclass(frozen=True, slots=True)
class Subscription:
    """A channel that gets the daily tip."""

    platform: str  # "slack" or "teams"
    channel: str  # the platform's channel or conversation id
    since: datetime  # subscribed (again) at this moment; tips due before it are not owed
    position: int  # how many tips this channel has been sent: its place in the rotation


@dataclass(frozen=True, slots=True)
class TipClaim:
    """The right to send one channel's tip of one day, held by exactly one sender."""

    platform: str
    channel: str
    day: date
    position: int  # the rotation place to send
    attempt: int  # 1 for the first try of the day


class FeedbackStore(Protocol):
    """Anonymous 👍/👎 counts."""

    async def record_feedback(self, day: date, topic: str, bullet: str | None, helpful: bool) -> None:
        """Count one vote; the same vote twice counts twice (people may click on two answers)."""

    async def feedback(self) -> list[FeedbackCount]:
        """All counts, oldest day first."""


class TipStore(Protocol):
    """Tip subscriptions and the exactly-once claims of scheduled posts."""

    async def subscribe(self, platform: str, channel: str, now: datetime) -> bool:
        """Start (or resume) daily tips for a channel; False if it was already subscribed.

        A channel that comes back keeps its place in the rotation, so it does not start over.
        """

    async def unsubscribe(self, platform: str, channel: str) -> bool:
        """Stop daily tips for a channel; False if it was not subscribed."""

    async def pause(self, platform: str, channel: str, reason: str) -> None:
        """Stop tips for a channel the app can no longer post to, keeping why."""

    async def subscriptions(self) -> list[Subscription]:
        """Every active subscription."""

    async def claim_tip(self, platform: str, channel: str, day: date, now: datetime) -> TipClaim | None:
        """Take the one right to send this channel's tip of this day, or None if someone else has it.

        A claim is free when nobody claimed the day, when an earlier send failed at least
        ``RETRY_AFTER`` ago, or when a claim was never completed within ``RETRY_AFTER`` (its sender
        crashed). A day already sent, or given up after ``MAX_ATTEMPTS``, is never claimed again.
        """

    async def tip_sent(self, claim: TipClaim, bullet: str) -> None:
        """Record the send and move the channel one place on in the rotation."""

    async def tip_failed(self, claim: TipClaim, error: str, now: datetime) -> None:
        """Record a failed send; the day is claimable again after ``RETRY_AFTER``."""


class ReferenceStore(Protocol):
    """Where to post later: a platform's reference to a conversation (Teams)."""

    async def save_reference(self, platform: str, conversation_id: str, reference: dict[str, Any]) -> None:
        """Remember (or replace) how to post to a conversation later, e.g. a Teams conversation reference.

        Note:
            The latest reference wins: Teams may move a conversation to another service URL.
        """

    async def reference(self, platform: str, conversation_id: str) -> dict[str, Any] | None:
        """The stored reference of a conversation, or None if the bot never saw it."""


class EventLog(Protocol):
    """Which platform events were already handled, so a redelivered event is answered once."""

    async def first_delivery(self, platform: str, event_id: str, now: datetime) -> bool:
        """True for exactly one delivery of an event id, across restarts and instances.

        Note:
            Ids are kept for ``EVENTS_KEPT`` (Slack redelivers within minutes), then forgotten; they
            say nothing about people.
        """


class Health(Protocol):
    """The database's life cycle: readiness and shutdown."""

    async def ping(self) -> None:
        """Raise StoreError if the database cannot be reached (readiness)."""

    async def close(self) -> None:
        """Release connections."""


class Store(FeedbackStore, TipStore, ReferenceStore, EventLog, Health, Protocol):
    """Every concern at once: what the composition root opens and hands out piece by piece."""


RETRY_AFTER = timedelta(minutes=10)
"""A failed send is retried, and a claim whose sender vanished is taken over, after this long."""
MAX_ATTEMPTS = 5
"""Tries per channel and day; after that the day is given up (and logged), not retried forever."""
EVENTS_KEPT = timedelta(hours=1)
"""How long a handled event id is remembered; Slack's retries come within minutes."""


async def open_store(url: str) -> Store:
    """Connect to ``url`` (validated by config) and apply pending migrations."""
    from bot.store.sql import SqlStore

    return await SqlStore.open(url)
