"""Each subscribed channel gets each working day's tip exactly once, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest_asyncio

from bot.core.answer import Answer
from bot.core.replies import Replies
from bot.errors import ChannelGone
from bot.store import RETRY_AFTER, Store, open_store
from bot.tips.schedule import TipSchedule
from bot.tips.sender import TipSender
from tests.tips.calendar import REGION_DAYS

CPH = ZoneInfo("Europe/Copenhagen")
WEDNESDAY = date(2026, 11, 25)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A Copenhagen wall-clock moment."""
    return datetime.combine(day, time(hour, minute), tzinfo=CPH)


@dataclass
class Channel:
    """A chat platform as a tip sees it: posts land in channels; a channel may refuse or be gone."""

    platform: str = "slack"
    posts: list[tuple[str, str]] = field(default_factory=list)  # (channel, bullet id)
    refuse_next: int = 0
    gone: set[str] = field(default_factory=set)

    async def post_tip(self, channel: str, answer: Answer) -> None:
        await asyncio.sleep(0)  # let a concurrent sender run in between, as real I/O would
        if channel in self.gone:
            raise ChannelGone("not_in_channel")
        if self.refuse_next:
            self.refuse_next -= 1
            raise ConnectionError("connection reset")
        self.posts.append((channel, answer.bullets[0].id))


@pytest_asyncio.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    """An open store on SQLite or PostgreSQL."""
    opened = await open_store(database_url)
    yield opened
    await opened.close()


def sender(service: Replies, store: Store, channel: Channel) -> TipSender:
    """A tip sender for one platform, tips at 09:00 Copenhagen time."""
    schedule = TipSchedule(time(9, 0), CPH, REGION_DAYS)
    return TipSender(schedule, store, {channel.platform: channel}, service.rotation_tip)


async def test_a_subscribed_channel_gets_one_tip_at_nine_and_not_again_that_day(
    service: Replies, store: Store
) -> None:
    """Rounds at 08:59, 09:00, 09:05 and 15:00 post exactly one tip, at 09:00."""
    slack = Channel()
    await store.subscribe("slack", "C1", at(WEDNESDAY, 8))
    tips = sender(service, store, slack)

    before = await tips.send_due(at(WEDNESDAY, 8, 59))
    first = await tips.send_due(at(WEDNESDAY, 9))
    for later in (at(WEDNESDAY, 9, 5), at(WEDNESDAY, 15)):
        await tips.send_due(later)

    assert before.sent == [] and first.sent == ["slack:C1"]
    assert len(slack.posts) == 1


async def test_a_channel_goes_through_all_38_bullets_before_any_repeats_across_restarts(
    service: Replies, database_url: str
) -> None:
    """38 working days, a restart (new store and sender) every morning: 38 different bullets, mixed."""
    slack = Channel()
    first = await open_store(database_url)
    await first.subscribe("slack", "C1", at(WEDNESDAY, 8))
    await first.close()
    day = WEDNESDAY
    while len(slack.posts) < 39:
        if day in REGION_DAYS:
            store = await open_store(database_url)
            await sender(service, store, slack).send_due(at(day, 9, 1))
            await store.close()
        day += timedelta(days=1)

    bullets = [bullet for _, bullet in slack.posts]
    assert len(set(bullets[:38])) == 38 == len(service.codex.bullets)
    assert bullets[38] == bullets[0]  # then the rotation starts again
    virtues = [bullet.split(".")[0] for bullet in bullets[:7]]
    assert len(set(virtues)) == 7  # the first week and a half quotes every virtue once


async def test_two_senders_at_the_same_moment_post_once(service: Replies, database_url: str) -> None:
    """Two servers (two connections to one database) sending at 09:00 together: one post per channel."""
    slack = Channel()
    one, two = await open_store(database_url), await open_store(database_url)
    for channel in ("C1", "C2", "C3"):
        await one.subscribe("slack", channel, at(WEDNESDAY, 8))

    reports = await asyncio.gather(
        sender(service, one, slack).send_due(at(WEDNESDAY, 9)),
        sender(service, two, slack).send_due(at(WEDNESDAY, 9)),
    )
    await one.close()
    await two.close()

    assert sorted(channel for channel, _ in slack.posts) == ["C1", "C2", "C3"]
    assert sorted(reports[0].sent + reports[1].sent) == ["slack:C1", "slack:C2", "slack:C3"]


async def test_a_crash_between_claim_and_send_does_not_lose_the_day(service: Replies, store: Store) -> None:
    """A sender claimed the day and died; after the retry delay the day is sent by someone else."""
    slack = Channel()
    await store.subscribe("slack", "C1", at(WEDNESDAY, 8))
    assert await store.claim_tip("slack", "C1", WEDNESDAY, at(WEDNESDAY, 9)) is not None  # then: crash

    soon = await sender(service, store, slack).send_due(at(WEDNESDAY, 9, 2))
    assert soon.taken == ["slack:C1"] and slack.posts == []

    later = await sender(service, store, slack).send_due(at(WEDNESDAY, 9) + RETRY_AFTER)
    assert later.sent == ["slack:C1"] and len(slack.posts) == 1


async def test_a_failed_send_is_retried_later_the_same_day(service: Replies, store: Store) -> None:
    """A network error at 09:00 is recorded; the 09:10 round sends the same tip once."""
    slack = Channel(refuse_next=1)
    await store.subscribe("slack", "C1", at(WEDNESDAY, 8))
    tips = sender(service, store, slack)

    failed = await tips.send_due(at(WEDNESDAY, 9))
    too_soon = await tips.send_due(at(WEDNESDAY, 9, 5))
    retried = await tips.send_due(at(WEDNESDAY, 9) + RETRY_AFTER)
    await tips.send_due(at(WEDNESDAY, 12))

    assert failed.failed == ["slack:C1"] and too_soon.taken == ["slack:C1"]
    assert retried.sent == ["slack:C1"]
    assert slack.posts == [("C1", service.rotation_tip(0).bullets[0].id)]


async def test_a_channel_the_app_was_removed_from_is_paused_until_subscribed_again(
    service: Replies, store: Store
) -> None:
    """not_in_channel pauses the subscription: no more attempts; `tip til` later resumes it."""
    slack = Channel(gone={"C1"})
    await store.subscribe("slack", "C1", at(WEDNESDAY, 8))
    tips = sender(service, store, slack)

    report = await tips.send_due(at(WEDNESDAY, 9))
    assert report.paused == ["slack:C1"]
    assert await store.subscriptions() == []

    slack.gone.clear()
    assert await store.subscribe("slack", "C1", at(WEDNESDAY, 10)) is True
    await tips.send_due(at(WEDNESDAY + timedelta(days=1), 9))
    assert len(slack.posts) == 1


async def test_a_server_down_at_nine_sends_when_back_that_day_but_not_the_day_after(
    service: Replies, store: Store
) -> None:
    """Back at 14:00: today's tip goes out. Down all Wednesday, back Thursday: only Thursday's tip."""
    slack = Channel()
    await store.subscribe("slack", "C1", at(WEDNESDAY, 8))
    tips = sender(service, store, slack)

    await tips.send_due(at(WEDNESDAY, 14))
    assert len(slack.posts) == 1

    friday = WEDNESDAY + timedelta(days=2)
    await tips.send_due(at(friday, 10))  # nothing ran on Thursday
    assert len(slack.posts) == 2


async def test_a_channel_subscribed_after_nine_gets_its_first_tip_the_next_working_day(
    service: Replies, store: Store
) -> None:
    """Subscribing at 10:00 does not post a tip at once; Thursday 09:00 does."""
    slack = Channel()
    await store.subscribe("slack", "C1", at(WEDNESDAY, 10))
    tips = sender(service, store, slack)

    today = await tips.send_due(at(WEDNESDAY, 10, 1))
    tomorrow = await tips.send_due(at(WEDNESDAY + timedelta(days=1), 9))

    assert today.skipped == ["slack:C1"] and tomorrow.sent == ["slack:C1"]


async def test_unsubscribed_channels_and_unconfigured_platforms_get_nothing(
    service: Replies, store: Store
) -> None:
    """`tip fra` stops the tips; a Teams subscription with Teams not configured is skipped, not failed."""
    slack = Channel()
    await store.subscribe("slack", "C1", at(WEDNESDAY, 8))
    await store.subscribe("teams", "19:abc@thread.tacv2", at(WEDNESDAY, 8))
    assert await store.unsubscribe("slack", "C1") is True
    assert await store.unsubscribe("slack", "C1") is False

    report = await sender(service, store, slack).send_due(at(WEDNESDAY, 9))

    assert slack.posts == []
    assert report.skipped == ["teams:19:abc@thread.tacv2"]


async def test_dry_run_lists_the_due_tips_and_sends_nothing(service: Replies, store: Store) -> None:
    """`tips send-due --dry-run` says what would go out, claims nothing, so the real run still sends."""
    slack = Channel()
    await store.subscribe("slack", "C1", at(WEDNESDAY, 8))
    tips = sender(service, store, slack)

    dry = await tips.send_due(at(WEDNESDAY, 9), dry_run=True)
    real = await tips.send_due(at(WEDNESDAY, 9))

    assert dry.would_send == ["slack:C1"] and real.sent == ["slack:C1"]
    assert len(slack.posts) == 1
