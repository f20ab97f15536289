"""The Store on SQLAlchemy's async engine: aiosqlite for SQLite, asyncpg for PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any, Self

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.errors import StoreError
from bot.store import FeedbackCount
from bot.store.migrations import conversation_references, feedback, migrate


def async_url(url: str) -> str:
    """Map the documented ``DATABASE_URL`` forms onto SQLAlchemy's async drivers."""
    if url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + url.removeprefix("sqlite:///")
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url.removeprefix(prefix)
    raise StoreError(f"unsupported database URL scheme: {url.split(':', 1)[0]}")


class SqlStore:
    """One implementation for both databases; only the upsert differs, and SQLAlchemy writes it."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

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

    def _insert(self, table: sa.Table) -> Any:
        dialect = sqlite if self._engine.dialect.name == "sqlite" else postgresql
        return dialect.insert(table)

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
