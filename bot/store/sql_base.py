"""What every part of the SQL store shares: the engine, the dialect's upsert, UTC moments."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine


class SqlBase:
    """The engine, and the dialect's INSERT that can ``on_conflict_do_*``."""

    _engine: AsyncEngine

    def _insert(self, table: sa.Table) -> Any:
        """The dialect's INSERT, which has ``on_conflict_do_*``; imported lazily (3 MB for the other one)."""
        if self._engine.dialect.name == "sqlite":
            from sqlalchemy.dialects import sqlite

            return sqlite.insert(table)
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)


def utc(moment: datetime) -> datetime:
    """Store moments in UTC: SQLite keeps no offset, so every stored moment must share one."""
    if moment.tzinfo is None:
        raise ValueError("moments must carry a timezone")
    return moment.astimezone(UTC)


def aware(moment: datetime) -> datetime:
    """Read a stored moment back as UTC (SQLite returns it without an offset)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
