"""Named schema migrations, applied once each and recorded in ``schema_migrations``.

The same list serves SQLite and PostgreSQL: tables are described with SQLAlchemy Core, which writes
each dialect's DDL. Append new migrations; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

metadata = sa.MetaData()

schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)

feedback = sa.Table(
    "feedback",
    metadata,
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("topic", sa.String(64), primary_key=True),
    sa.Column("bullet", sa.String(64), primary_key=True),
    sa.Column("helpful", sa.Integer, nullable=False, server_default="0"),
    sa.Column("unhelpful", sa.Integer, nullable=False, server_default="0"),
)


def m001_feedback(connection: Connection) -> None:
    """Anonymous 👍/👎 counts per day, topic and bullet."""
    feedback.create(connection, checkfirst=True)


MIGRATIONS: tuple[tuple[str, Callable[[Connection], None]], ...] = (("m001_feedback", m001_feedback),)


def migrate(connection: Connection) -> list[str]:
    """Apply every migration not yet recorded; return the names applied now."""
    schema_migrations.create(connection, checkfirst=True)
    done = set(connection.scalars(sa.select(schema_migrations.c.name)))
    applied = []
    for name, step in MIGRATIONS:
        if name not in done:
            step(connection)
            connection.execute(schema_migrations.insert().values(name=name))
            applied.append(name)
    return applied


# --- Teams conversation references (kept in one block so that other migrations merge around it) ---

conversation_references = sa.Table(
    "conversation_references",
    metadata,
    sa.Column("platform", sa.String(32), primary_key=True),
    sa.Column("conversation_id", sa.String(512), primary_key=True),
    sa.Column("reference", sa.Text, nullable=False),  # JSON: what the platform needs to post there later
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)


def m003_conversation_references(connection: Connection) -> None:
    """Where the bot may post later (daily tips): the latest reference per platform and conversation."""
    conversation_references.create(connection, checkfirst=True)


MIGRATIONS += (("m003_conversation_references", m003_conversation_references),)
