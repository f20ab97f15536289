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


_m002 = sa.MetaData()
"""The tip tables exactly as ``m002_tips`` created them; ``m004_post_kinds`` rebuilt them with a kind."""

_subscriptions_v1 = sa.Table(
    "tip_subscriptions",
    _m002,
    sa.Column("platform", sa.String(16), primary_key=True),
    sa.Column("channel", sa.String(255), primary_key=True),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("since", sa.DateTime(timezone=True), nullable=False),  # first tip: the next due moment after
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),  # place in the tip rotation
    sa.Column("paused_reason", sa.String(100)),
)

_tip_deliveries_v1 = sa.Table(
    "tip_deliveries",
    _m002,
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
    _subscriptions_v1.create(connection, checkfirst=True)
    _tip_deliveries_v1.create(connection, checkfirst=True)


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


subscriptions = sa.Table(
    "tip_subscriptions",
    metadata,
    sa.Column("platform", sa.String(16), nullable=False),
    sa.Column("channel", sa.String(255), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False, server_default="tip"),  # "tip" or "dilemma"
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("since", sa.DateTime(timezone=True), nullable=False),  # first post: the next due moment after
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),  # how many posts were sent
    sa.Column("paused_reason", sa.String(100)),
    sa.Column("last_item", sa.String(64)),  # the last bullet or case id sent: where the rotation goes on
    sa.PrimaryKeyConstraint("platform", "channel", "kind", name="tip_subscriptions_kind_pkey"),
)

tip_deliveries = sa.Table(
    "tip_deliveries",
    metadata,
    sa.Column("platform", sa.String(16), nullable=False),
    sa.Column("channel", sa.String(255), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False, server_default="tip"),
    sa.Column("day", sa.Date, nullable=False),  # a tip's day; a weekly dilemma's ISO week, by its Monday
    sa.Column("status", sa.String(16), nullable=False),  # claimed, sent or failed
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("bullet", sa.String(64)),  # what was sent: a bullet id, or a dilemma's case id
    sa.Column("error", sa.String(200)),
    sa.PrimaryKeyConstraint("platform", "channel", "kind", "day", name="tip_deliveries_kind_pkey"),
)


def m004_post_kinds(connection: Connection) -> None:
    """Scheduled posts of a kind ("tip" or "dilemma"): subscriptions and claims keyed by it too.

    Note:
        SQLite cannot change a primary key in place, so each table is renamed, created anew with the
        ``kind`` column in its key, refilled with every existing row as kind "tip", and the old one
        dropped; PostgreSQL takes the same path, in the same transaction. The new keys have their own
        constraint names, since PostgreSQL keeps the old ``…_pkey`` index name on the renamed table.
    """
    for new, old in ((subscriptions, _subscriptions_v1), (tip_deliveries, _tip_deliveries_v1)):
        kept = ", ".join(column.name for column in old.columns)
        connection.execute(sa.text(f"ALTER TABLE {new.name} RENAME TO {new.name}_v1"))
        new.create(connection)
        connection.execute(
            sa.text(f"INSERT INTO {new.name} ({kept}, kind) SELECT {kept}, 'tip' FROM {new.name}_v1")
        )
        connection.execute(sa.text(f"DROP TABLE {new.name}_v1"))


usage_counts = sa.Table(
    "usage_counts",
    metadata,
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("platform", sa.String(16), primary_key=True),
    sa.Column("kind", sa.String(32), primary_key=True),  # the kind of reply: match, no_match, virtue …
    sa.Column("topic", sa.String(64), primary_key=True),  # "" when the reply is about no topic
    sa.Column("count", sa.Integer, nullable=False),
)

asked_questions = sa.Table(
    "asked_questions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("platform", sa.String(16), nullable=False),
    sa.Column("question", sa.Text, nullable=False),
    sa.Column("kodeks_kind", sa.String(32), nullable=False),  # what Kodeks had answered: no_match, match …
    sa.Column("kodeks_topic", sa.String(64)),  # … and with which topic, if any
    sa.Column("state", sa.String(16), nullable=False),  # open, answered or closed
    sa.Column("asker", sa.Text),  # JSON, only for an asker who chose to be named: where to reply
    sa.Column("card", sa.Text),  # JSON: where the experts' card is, to update it in place
    sa.Column("handled_by", sa.String(100)),
    sa.Column("answer", sa.Text),
    sa.Column("handled_at", sa.DateTime(timezone=True)),
)


def m005_usage_and_questions(connection: Connection) -> None:
    """Anonymous usage counts per day, platform, kind and topic; the queue of questions to the owners."""
    usage_counts.create(connection, checkfirst=True)
    asked_questions.create(connection, checkfirst=True)


handled_events = sa.Table(
    "handled_events",
    metadata,
    sa.Column("platform", sa.String(16), primary_key=True),
    sa.Column("event_id", sa.String(255), primary_key=True),  # the platform's id of one delivery's event
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False, index=True),
)


def m006_handled_events(connection: Connection) -> None:
    """The ids of events already answered, for about an hour: a redelivery is answered once."""
    handled_events.create(connection, checkfirst=True)


MIGRATIONS: tuple[tuple[str, Callable[[Connection], None]], ...] = (
    ("m001_feedback", m001_feedback),
    ("m002_tips", m002_tips),
    ("m003_conversation_references", m003_conversation_references),
    ("m004_post_kinds", m004_post_kinds),
    ("m005_usage_and_questions", m005_usage_and_questions),
    ("m006_handled_events", m006_handled_events),
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
