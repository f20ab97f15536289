"""The Store on SQLAlchemy's async engine: aiosqlite for SQLite, asyncpg for PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any, Self

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.errors import StoreError
from bot.store import EVENTS_KEPT, MAX_ATTEMPTS, RETRY_AFTER, TIP, FeedbackCount, Subscription, TipClaim
from bot.store.migrations import (
    conversation_references,
    feedback,
    handled_events,
    migrate,
    subscriptions,
    tip_deliveries,
)
from bot.store.sql_base import aware, utc
from bot.store.sql_owners import SqlOwners

PRUNE_EVERY = timedelta(minutes=5)
"""How often (at most) one process deletes handled event ids older than ``EVENTS_KEPT``."""


def async_url(url: str) -> str:
    """Map the documented ``DATABASE_URL`` forms onto SQLAlchemy's async drivers."""
    if url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + url.removeprefix("sqlite:///")
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url.removeprefix(prefix)
    raise StoreError(f"unsupported database URL scheme: {url.split(':', 1)[0]}")


class SqlStore(SqlOwners):
    """One implementation for both databases; only the upsert differs, and SQLAlchemy writes it."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._pruned_at: datetime | None = None

    @classmethod
    async def open(cls, url: str) -> Self:
        """Connect, apply pending migrations, and return the store; StoreError if unreachable."""
        engine = create_async_engine(async_url(url), pool_pre_ping=True)
        try:
            async with engine.begin() as connection:
                await connection.run_sync(migrate)
        except (SQLAlchemyError, OSError) as error:
            await engine.dispose()
            raise StoreError(f"cannot open the database: {error.__class__.__name__}: {error}") from None
        return cls(engine)

    async def record_feedback(self, day: date, topic: str, bullet: str | None, helpful: bool) -> None:
        """Count one vote for (day, topic, bullet)."""
        column = "helpful" if helpful else "unhelpful"
        statement = self._insert(feedback).values(day=day, topic=topic, bullet=bullet or "", **{column: 1})
        statement = statement.on_conflict_do_update(
            index_elements=["day", "topic", "bullet"], set_={column: feedback.c[column] + 1}
        )
        async with self._engine.begin() as connection:
            await connection.execute(statement)

    async def feedback(self) -> list[FeedbackCount]:
        """All counts, oldest day first."""
        query = sa.select(feedback).order_by(feedback.c.day, feedback.c.topic, feedback.c.bullet)
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [FeedbackCount(row.day, row.topic, row.bullet, row.helpful, row.unhelpful) for row in rows]

    async def subscribe(self, platform: str, channel: str, now: datetime, kind: str = TIP) -> bool:
        """Insert or re-activate the subscription; its rotation place is kept."""
        key = _subscription_key(platform, channel, kind)
        async with self._engine.begin() as connection:
            active = await connection.scalar(sa.select(subscriptions.c.active).where(key))
            if active:
                return False
            values = {"active": True, "since": utc(now), "paused_reason": None}
            await connection.execute(  # a returning channel keeps its position: it is not in ``values``
                self._insert(subscriptions)
                .values(platform=platform, channel=channel, kind=kind, **values)
                .on_conflict_do_update(index_elements=["platform", "channel", "kind"], set_=values)
            )
        return True

    async def unsubscribe(self, platform: str, channel: str, kind: str = TIP) -> bool:
        """Mark the subscription inactive; the row stays so a comeback resumes the rotation."""
        statement = (
            subscriptions.update()
            .where(_subscription_key(platform, channel, kind), subscriptions.c.active)
            .values(active=False, paused_reason=None)
        )
        async with self._engine.begin() as connection:
            return (await connection.execute(statement)).rowcount == 1

    async def pause(self, platform: str, channel: str, reason: str, kind: str = TIP) -> None:
        """Inactive with a reason: ``tip til`` (or ``dilemma til``) in the channel later resumes it."""
        statement = (
            subscriptions.update()
            .where(_subscription_key(platform, channel, kind))
            .values(active=False, paused_reason=reason[:100])
        )
        async with self._engine.begin() as connection:
            await connection.execute(statement)

    async def subscriptions(self) -> list[Subscription]:
        """Active subscriptions, in a stable order."""
        query = (
            sa.select(subscriptions)
            .where(subscriptions.c.active)
            .order_by(subscriptions.c.kind.desc(), subscriptions.c.platform, subscriptions.c.channel)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [
            Subscription(
                row.platform, row.channel, aware(row.since), row.position, row.kind, row.last_item or ""
            )
            for row in rows
        ]

    async def claim_tip(
        self, platform: str, channel: str, day: date, now: datetime, kind: str = TIP
    ) -> TipClaim | None:
        """Insert the (channel, kind, day) row, or take over a failed or abandoned one, atomically.

        Note:
            Both paths are single statements whose success is read from ``rowcount``: the primary
            key decides between concurrent inserts, and the ``WHERE`` of the update is re-checked
            under the row lock, so two senders can never both hold the day.
        """
        key = (
            (tip_deliveries.c.platform == platform)
            & (tip_deliveries.c.channel == channel)
            & (tip_deliveries.c.kind == kind)
            & (tip_deliveries.c.day == day)
        )
        stale = utc(now) - RETRY_AFTER
        free_again = (
            (tip_deliveries.c.status != "sent")
            & (tip_deliveries.c.attempts < MAX_ATTEMPTS)
            & (tip_deliveries.c.claimed_at <= stale)
        )
        async with self._engine.begin() as connection:
            inserted = await connection.execute(
                self._insert(tip_deliveries)
                .values(
                    platform=platform,
                    channel=channel,
                    kind=kind,
                    day=day,
                    status="claimed",
                    attempts=1,
                    claimed_at=utc(now),
                )
                .on_conflict_do_nothing(index_elements=["platform", "channel", "kind", "day"])
            )
            if inserted.rowcount != 1:
                taken = await connection.execute(
                    tip_deliveries.update()
                    .where(key, free_again)
                    .values(status="claimed", attempts=tip_deliveries.c.attempts + 1, claimed_at=utc(now))
                )
                if taken.rowcount != 1:
                    return None
            attempt = await connection.scalar(sa.select(tip_deliveries.c.attempts).where(key))
            place = (
                await connection.execute(
                    sa.select(subscriptions.c.position, subscriptions.c.last_item).where(
                        _subscription_key(platform, channel, kind)
                    )
                )
            ).first()
        position, last = (place.position, place.last_item) if place else (0, None)
        return TipClaim(platform, channel, day, position or 0, attempt or 1, kind, last or "")

    async def tip_sent(self, claim: TipClaim, bullet: str) -> None:
        """Mark the day sent and advance the rotation, in one transaction."""
        async with self._engine.begin() as connection:
            await connection.execute(
                tip_deliveries.update()
                .where(*_claim_key(claim))
                .values(status="sent", bullet=bullet, error=None)
            )
            await connection.execute(
                subscriptions.update()
                .where(_subscription_key(claim.platform, claim.channel, claim.kind))
                .values(position=claim.position + 1, last_item=bullet or None)
            )

    async def tip_failed(self, claim: TipClaim, error: str, now: datetime) -> None:
        """Mark the day failed; ``claimed_at`` restarts the wait before the next try."""
        async with self._engine.begin() as connection:
            await connection.execute(
                tip_deliveries.update()
                .where(*_claim_key(claim))
                .values(status="failed", error=error[:200], claimed_at=utc(now))
            )

    async def subscribed_channels(self) -> dict[str, int]:
        """How many channels get each kind of scheduled post now."""
        query = (
            sa.select(subscriptions.c.kind, sa.func.count())
            .where(subscriptions.c.active)
            .group_by(subscriptions.c.kind)
        )
        async with self._engine.connect() as connection:
            return {kind: int(count) for kind, count in (await connection.execute(query)).all()}

    async def scheduled_sent(self, first: date, last: date) -> dict[str, int]:
        """Scheduled posts sent on the days ``first`` to ``last``, by kind (a dilemma dated by its Monday)."""
        query = (
            sa.select(tip_deliveries.c.kind, sa.func.count())
            .where(tip_deliveries.c.status == "sent")
            .where(tip_deliveries.c.day >= first, tip_deliveries.c.day <= last)
            .group_by(tip_deliveries.c.kind)
        )
        async with self._engine.connect() as connection:
            return {kind: int(count) for kind, count in (await connection.execute(query)).all()}

    async def save_reference(self, platform: str, conversation_id: str, reference: dict[str, Any]) -> None:
        """Insert or replace the reference of (platform, conversation_id)."""
        values = {"reference": json.dumps(reference, ensure_ascii=False), "updated_at": datetime.now(UTC)}
        statement = self._insert(conversation_references).values(
            platform=platform, conversation_id=conversation_id, **values
        )
        statement = statement.on_conflict_do_update(
            index_elements=["platform", "conversation_id"], set_=values
        )
        async with self._engine.begin() as connection:
            await connection.execute(statement)

    async def reference(self, platform: str, conversation_id: str) -> dict[str, Any] | None:
        """The stored reference, or None."""
        query = sa.select(conversation_references.c.reference).where(
            conversation_references.c.platform == platform,
            conversation_references.c.conversation_id == conversation_id,
        )
        async with self._engine.connect() as connection:
            stored = (await connection.execute(query)).scalar_one_or_none()
        return None if stored is None else dict(json.loads(stored))

    async def first_delivery(self, platform: str, event_id: str, now: datetime) -> bool:
        """Insert the (platform, event id) row; whoever inserts it handles the event.

        Note:
            One statement whose success is read from ``rowcount``: the primary key decides between
            two processes (or two concurrent deliveries) inserting the same id. Every ``PRUNE_EVERY``
            the same transaction also deletes ids older than ``EVENTS_KEPT``.
        """
        moment = utc(now)
        statement = (
            self._insert(handled_events)
            .values(platform=platform, event_id=event_id[:255], received_at=moment)
            .on_conflict_do_nothing(index_elements=["platform", "event_id"])
        )
        prune = self._pruned_at is None or moment - self._pruned_at >= PRUNE_EVERY
        async with self._engine.begin() as connection:
            if prune:
                self._pruned_at = moment
                await connection.execute(
                    handled_events.delete().where(handled_events.c.received_at < moment - EVENTS_KEPT)
                )
            inserted = await connection.execute(statement)
        return bool(inserted.rowcount == 1)

    async def ping(self) -> None:
        """Raise StoreError if the database does not answer."""
        try:
            async with self._engine.connect() as connection:
                await connection.execute(sa.text("SELECT 1"))
        except (SQLAlchemyError, OSError) as error:
            raise StoreError(f"database unreachable: {error.__class__.__name__}") from None

    async def close(self) -> None:
        """Close every pooled connection."""
        await self._engine.dispose()


def _subscription_key(platform: str, channel: str, kind: str) -> sa.ColumnElement[bool]:
    return (
        (subscriptions.c.platform == platform)
        & (subscriptions.c.channel == channel)
        & (subscriptions.c.kind == kind)
    )


def _claim_key(claim: TipClaim) -> tuple[sa.ColumnElement[bool], ...]:
    return (
        tip_deliveries.c.platform == claim.platform,
        tip_deliveries.c.channel == claim.channel,
        tip_deliveries.c.kind == claim.kind,
        tip_deliveries.c.day == claim.day,
    )
