"""Persistence behind small interfaces, one per concern: SQLite by default, PostgreSQL via ``DATABASE_URL``.

Each consumer receives only the protocol it uses (the Teams adapter a ``ReferenceStore``, the tip
sender a ``TipStore`` …); one SQL implementation (``bot.store.sql.SqlStore``) serves them all.

Nothing about people is stored: feedback is counted per day, topic and bullet, without user or text;
tip subscriptions know a channel id, never who subscribed it; conversation references say where to
post, not who asked; handled event ids are kept for an hour, without their content.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class FeedbackCount:
    """How many 👍 and 👎 one topic and bullet got on one day."""

    day: date
    topic: str
    bullet: str  # "" when the answer quoted no bullet (the escalation path)
    helpful: int
    unhelpful: int


TIP = "tip"
"""The daily tip: one bullet each working morning."""
DILEMMA = "dilemma"
"""The weekly dilemma: one case on the first working day of each ISO week."""
POST_KINDS = (TIP, DILEMMA)
"""The kinds of scheduled post; subscriptions and claims are kept per (platform, channel, kind)."""


@dataclass(frozen=True, slots=True)
class Subscription:
    """A channel that gets a kind of scheduled post (the daily tip unless ``kind`` says otherwise)."""

    platform: str  # "slack" or "teams"
    channel: str  # the platform's channel or conversation id
    since: datetime  # subscribed (again) at this moment; posts due before it are not owed
    position: int  # how many posts of this kind this channel has been sent: its place in the rotation
    kind: str = TIP
    last: str = ""  # the id of the last bullet or case sent ("" before the first)


@dataclass(frozen=True, slots=True)
class TipClaim:
    """The right to send one channel's tip of one day, held by exactly one sender."""

    platform: str
    channel: str
    day: date  # a tip's day; for a weekly dilemma the Monday of its ISO week
    position: int  # the rotation place to send
    attempt: int  # 1 for the first try of the day
    kind: str = TIP
    last: str = ""  # the id of the last bullet or case sent to this channel


@dataclass(frozen=True, slots=True)
class UsageCount:
    """How many replies of one kind, about one topic, one platform gave on one day."""

    day: date
    platform: str
    kind: str  # the reply's kind: match, no_match, virtue, help, tip …
    topic: str  # "" when the reply is about no topic
    count: int


UsageKey = tuple[date, str, str, str]
"""(day, platform, kind, topic) of a usage count."""


class QuestionState(StrEnum):
    """Where a question sent to the codex owners stands."""

    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class AskedQuestion:
    """A question a person sent to the codex owners, as the review queue keeps it.

    Nothing about the person is kept unless they chose to be named; then ``asker`` holds only what
    the platform needs to send them the answer (e.g. a Slack user id, or a Teams conversation
    reference), never a name.
    """

    id: int
    asked_at: datetime
    platform: str
    question: str
    kodeks_kind: str  # what Kodeks had replied: no_match, match …
    kodeks_topic: str | None
    state: QuestionState
    asker: Mapping[str, Any] | None  # None: asked anonymously
    card: Mapping[str, Any] | None  # where the experts' card is, to update it in place
    handled_by: str | None
    answer: str | None
    handled_at: datetime | None


class UsageStore(Protocol):
    """Anonymous usage counts: no text, no person."""

    async def add_usage(self, counts: Mapping[UsageKey, int]) -> None:
        """Add a batch of counts (the server flushes them every few seconds)."""

    async def usage(self, first: date, last: date) -> list[UsageCount]:
        """Counts of the days ``first`` to ``last`` inclusive, oldest first."""


class QuestionQueue(Protocol):
    """Questions sent to the codex owners, kept for the retention period."""

    async def enqueue(
        self,
        asked_at: datetime,
        platform: str,
        question: str,
        kodeks: tuple[str, str | None],
        asker: Mapping[str, Any] | None,
    ) -> AskedQuestion:
        """Keep a new question; ``kodeks`` is (kind, topic) of what Kodeks had replied."""

    async def attach_card(self, question_id: int, card: Mapping[str, Any]) -> None:
        """Remember where the experts' card of a question is."""

    async def questions(self, state: QuestionState | None = None) -> list[AskedQuestion]:
        """The queue, newest first; only one state if given."""

    async def question(self, question_id: int) -> AskedQuestion | None:
        """One question, or None if there is none with that id (or it was deleted)."""

    async def resolve(
        self, question_id: int, state: QuestionState, by: str, answer: str | None, now: datetime
    ) -> AskedQuestion | None:
        """Mark a question answered or closed; None if it does not exist or is already closed."""

    async def forget_before(self, cutoff: datetime) -> int:
        """Delete questions asked before ``cutoff`` (retention); returns how many."""


class FeedbackStore(Protocol):
    """Anonymous 👍/👎 counts."""

    async def record_feedback(self, day: date, topic: str, bullet: str | None, helpful: bool) -> None:
        """Count one vote; the same vote twice counts twice (people may click on two answers)."""

    async def feedback(self) -> list[FeedbackCount]:
        """All counts, oldest day first."""


class TipStore(Protocol):
    """Subscriptions to scheduled posts (tips, weekly dilemmas) and their exactly-once claims.

    Every method takes the post's ``kind`` (default: the daily tip); one channel may have both kinds.
    """

    async def subscribe(self, platform: str, channel: str, now: datetime, kind: str = TIP) -> bool:
        """Start (or resume) a kind of post for a channel; False if it was already subscribed.

        A channel that comes back keeps its place in the rotation, so it does not start over.
        """

    async def unsubscribe(self, platform: str, channel: str, kind: str = TIP) -> bool:
        """Stop a kind of post for a channel; False if it was not subscribed."""

    async def pause(self, platform: str, channel: str, reason: str, kind: str = TIP) -> None:
        """Stop a kind of post for a channel the app can no longer post to, keeping why."""

    async def subscriptions(self) -> list[Subscription]:
        """Every active subscription, of every kind."""

    async def claim_tip(
        self, platform: str, channel: str, day: date, now: datetime, kind: str = TIP
    ) -> TipClaim | None:
        """Take the one right to send this channel's post of this kind and day, or None if taken.

        A claim is free when nobody claimed the day, when an earlier send failed at least
        ``RETRY_AFTER`` ago, or when a claim was never completed within ``RETRY_AFTER`` (its sender
        crashed). A day already sent, or given up after ``MAX_ATTEMPTS``, is never claimed again.
        """

    async def tip_sent(self, claim: TipClaim, bullet: str) -> None:
        """Record the send (``bullet``: the bullet or case id sent) and move the rotation one place on."""

    async def tip_failed(self, claim: TipClaim, error: str, now: datetime) -> None:
        """Record a failed send; the day is claimable again after ``RETRY_AFTER``."""

    async def subscribed_channels(self) -> Mapping[str, int]:
        """How many channels get each kind of scheduled post now ("tip", "dilemma"), for the report."""

    async def scheduled_sent(self, first: date, last: date) -> Mapping[str, int]:
        """Scheduled posts sent on the days ``first`` to ``last``, by kind ("tip", "dilemma")."""


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


class Store(FeedbackStore, TipStore, ReferenceStore, UsageStore, QuestionQueue, EventLog, Health, Protocol):
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
