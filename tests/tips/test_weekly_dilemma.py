"""A subscribed channel gets one dilemma a week, on the week's first working day, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest_asyncio
import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from bot.core.answer import Answer, DilemmaShown
from bot.core.dilemmas import weekly_order
from bot.core.replies import Replies
from bot.store import DILEMMA, TIP, Store, open_store
from bot.store import migrations as m
from bot.store.sql import async_url
from bot.tips.schedule import TipSchedule
from bot.tips.sender import TipSender
from tests.tips.calendar import REGION_DAYS

CPH = ZoneInfo("Europe/Copenhagen")
SUNDAY = date(2026, 12, 27)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A Copenhagen wall-clock moment."""
    return datetime.combine(day, time(hour, minute), tzinfo=CPH)


@dataclass
class Channels:
    """A chat platform that records every post: (day, channel, what was posted)."""

    platform: str = "slack"
    posts: list[tuple[date, str, str]] = field(default_factory=list)
    today: date = SUNDAY

    async def post_tip(self, channel: str, answer: Answer) -> None:
        await asyncio.sleep(0)  # let a concurrent sender run in between, as real I/O would
        content = answer.content
        item = content.dilemma.id if isinstance(content, DilemmaShown) else answer.bullets[0].id
        self.posts.append((self.today, channel, item))

    def dilemmas(self) -> list[tuple[date, str]]:
        """The dilemmas posted, with their day."""
        return [(day, item) for day, _, item in self.posts if "." not in item]


@pytest_asyncio.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    """An open store on SQLite or PostgreSQL."""
    opened = await open_store(database_url)
    yield opened
    await opened.close()


def sender(service: Replies, store: Store, channels: Channels) -> TipSender:
    """A sender of tips and weekly dilemmas at 09:00 Copenhagen time, in the region's calendar."""
    schedule = TipSchedule(time(9, 0), CPH, REGION_DAYS)
    return TipSender(
        schedule, store, {channels.platform: channels}, service.rotation_tip, service.rotation_dilemma
    )


async def test_a_year_of_weekly_dilemmas_has_one_per_week_on_its_first_working_day_without_repeats(
    service: Replies, database_url: str
) -> None:
    """2027, two senders racing each morning and at noon: one case a week, all 18 before any repeats."""
    one, two = await open_store(database_url), await open_store(database_url)
    await one.subscribe("slack", "C1", at(SUNDAY, 12), kind=DILEMMA)
    channels = Channels()
    senders = (sender(service, one, channels), sender(service, two, channels))
    day = SUNDAY + timedelta(days=1)
    while day.year == 2027 or day < date(2027, 1, 1):
        channels.today = day
        for moment in (at(day, 9, 5), at(day, 12)):
            await asyncio.gather(*(s.send_due(moment) for s in senders))
        day += timedelta(days=1)
    await one.close()
    await two.close()

    posted = channels.dilemmas()
    weeks = [d.isocalendar()[:2] for d, _ in posted]
    assert len(weeks) == len(set(weeks)) >= 52  # at most once a week, and every week of the year
    for posted_on, _ in posted:
        monday = posted_on - timedelta(days=posted_on.weekday())
        first = next(monday + timedelta(n) for n in range(7) if monday + timedelta(n) in REGION_DAYS)
        assert posted_on == first
    days = [posted_on for posted_on, _ in posted]
    assert date(2027, 3, 30) in days and date(2027, 3, 29) not in days  # Easter Monday is a day off
    cases = [case for _, case in posted]
    assert cases[:18] == list(weekly_order(service.dilemmas)) and cases[18] == cases[0]


async def test_a_dilemma_subscription_does_not_touch_the_daily_tip(service: Replies, store: Store) -> None:
    """A channel with both gets a tip and the week's dilemma on Monday, and only the tip on Tuesday."""
    await store.subscribe("slack", "C1", at(SUNDAY, 12))
    await store.subscribe("slack", "C1", at(SUNDAY, 12), kind=DILEMMA)
    channels = Channels()
    posts = sender(service, store, channels)

    monday = await posts.send_due(at(SUNDAY + timedelta(days=1), 9, 5))
    tuesday = await posts.send_due(at(SUNDAY + timedelta(days=2), 9, 5))
    assert await store.unsubscribe("slack", "C1", kind=DILEMMA) is True
    left = await store.subscriptions()

    assert sorted(monday.sent) == ["slack:C1", "slack:C1 (dilemma)"] and tuesday.sent == ["slack:C1"]
    assert [(s.kind, s.position) for s in left] == [(TIP, 2)]


async def test_a_weekly_dilemma_subscribed_after_monday_nine_starts_the_next_week(
    service: Replies, store: Store
) -> None:
    """`dilemma til` on a Monday at ten posts nothing that week; the next Monday brings the first case."""
    monday = SUNDAY + timedelta(days=1)
    await store.subscribe("slack", "C1", at(monday, 10), kind=DILEMMA)
    channels = Channels()
    posts = sender(service, store, channels)

    for offset in range(8):
        await posts.send_due(at(monday + timedelta(days=offset), 10, 30))

    assert [item for _, _, item in channels.posts] == [weekly_order(service.dilemmas)[0]]


async def test_the_rotation_goes_on_after_the_last_case_sent_when_the_owners_edit_the_file(
    service: Replies, store: Store
) -> None:
    """The store keeps the last case id: a new case added at the top does not restart the rotation."""
    await store.subscribe("slack", "C1", at(SUNDAY, 12), kind=DILEMMA)
    channels = Channels()
    await sender(service, store, channels).send_due(at(SUNDAY + timedelta(days=1), 9, 5))
    (sub,) = await store.subscriptions()
    first = weekly_order(service.dilemmas)[0]

    assert sub.last == first and sub.position == 1
    answer = service.rotation_dilemma(sub.position, sub.last)
    assert isinstance(answer.content, DilemmaShown)
    assert answer.content.dilemma.id == weekly_order(service.dilemmas)[1]


def _old_schema(connection: Connection) -> None:
    """The database as the previous release left it: m001–m003, one tip subscription, one sent tip."""
    m.schema_migrations.create(connection)
    for name, step in m.MIGRATIONS[:3]:
        step(connection)
        connection.execute(m.schema_migrations.insert().values(name=name))
    since = datetime(2026, 11, 20, 8, tzinfo=UTC)
    old_subscriptions = sa.table(
        "tip_subscriptions", *(sa.column(n) for n in ("platform", "channel", "active", "since", "position"))
    )
    old_deliveries = sa.table(
        "tip_deliveries",
        *(sa.column(n) for n in ("platform", "channel", "day", "status", "attempts", "claimed_at", "bullet")),
    )
    connection.execute(
        old_subscriptions.insert().values(
            platform="slack", channel="C1", active=True, since=since, position=7
        )
    )
    sent = {"day": date(2026, 11, 25), "status": "sent", "attempts": 1, "claimed_at": since}
    connection.execute(
        old_deliveries.insert().values(platform="slack", channel="C1", bullet="sandhed.1", **sent)
    )


async def test_existing_tip_subscriptions_and_claims_survive_the_kind_migration(database_url: str) -> None:
    """m004 turns every existing row into a tip: the place in the rotation and sent days are kept."""
    engine = create_async_engine(async_url(database_url))
    async with engine.begin() as connection:
        await connection.run_sync(_old_schema)
    await engine.dispose()

    store = await open_store(database_url)
    subscriptions = await store.subscriptions()
    again = await store.claim_tip("slack", "C1", date(2026, 11, 25), at(date(2026, 11, 25), 9))
    dilemma = await store.claim_tip("slack", "C1", date(2026, 11, 23), at(date(2026, 11, 23), 9), DILEMMA)
    await store.close()

    assert [(s.channel, s.kind, s.position) for s in subscriptions] == [("C1", TIP, 7)]
    assert again is None  # the day already sent stays sent
    assert dilemma is not None and dilemma.kind == DILEMMA  # another kind has its own claims
