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


subscriptions = sa.Table(
    "tip_subscriptions",
    metadata,
    sa.Column("platform", sa.String(16), primary_key=True),
    sa.Column("channel", sa.String(255), primary_key=True),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("since", sa.DateTime(timezone=True), nullable=False),  # first tip: the next due moment after
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),  # place in the tip rotation
    sa.Column("paused_reason", sa.String(100)),
)

tip_deliveries = sa.Table(
    "tip_deliveries",
    metadata,
    sa.Column("platform", sa.String(16), primary_key=True),
    sa.Column("channel", sa.String(255), primary_key=True),
    sa.Column("day", sa.Date, primary_key=True),  # the unique (channel, day) claim
    sa.Column("status", sa.String(16), nullable=False),  # claimed, sent or failed
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("bullet", sa.String(64)),
    sa.Column("error", sa.String(200)),
)


def m002_tips(connection: Connection) -> None:
    """Daily-tip subscriptions with their rotation place, and one claim per channel and day."""
    subscriptions.create(connection, checkfirst=True)
    tip_deliveries.create(connection, checkfirst=True)


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


handled_events = sa.Table(
    "handled_events",
    metadata,
    sa.Column("platform", sa.String(16), primary_key=True),
    sa.Column("event_id", sa.String(255), primary_key=True),  # the platform's id of one delivery's event
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False, index=True),
)


def m004_handled_events(connection: Connection) -> None:
    """The ids of events already answered, for about an hour: a redelivery is answered once."""
    handled_events.create(connection, checkfirst=True)


MIGRATIONS: tuple[tuple[str, Callable[[Connection], None]], ...] = (
    ("m001_feedback", m001_feedback),
    ("m002_tips", m002_tips),
    ("m003_conversation_references", m003_conversation_references),
    ("m004_handled_events", m004_handled_events),
)


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
