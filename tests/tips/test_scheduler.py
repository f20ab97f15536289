"""The server's tip loop, on a simulated clock: it wakes at 09:00 local on working days, and only then."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio

from bot.core.answer import Answer
from bot.core.replies import Replies
from bot.store import Store, open_store
from bot.tips.schedule import TipSchedule
from bot.tips.scheduler import TipScheduler
from bot.tips.sender import TipSender
from tests.tips.calendar import REGION_DAYS

CPH = ZoneInfo("Europe/Copenhagen")


class SimulatedTime:
    """A clock that moves only when the loop sleeps, and stops the loop at ``end``."""

    def __init__(self, start: datetime, end: datetime) -> None:
        self.now, self.end = start, end

    def clock(self) -> datetime:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
        if self.now >= self.end:
            raise asyncio.CancelledError


class Channel:
    """Records when each tip arrived, in local time."""

    platform = "slack"

    def __init__(self, time: SimulatedTime) -> None:
        self.time = time
        self.arrivals: list[datetime] = []

    async def post_tip(self, channel: str, answer: Answer) -> None:
        self.arrivals.append(self.time.now.astimezone(CPH))


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    """A SQLite store of this test's own."""
    opened = await open_store(f"sqlite:///{tmp_path / 'kodeks.db'}")
    yield opened
    await opened.close()


async def run_loop(service: Replies, store: Store, start: datetime, end: datetime) -> list[datetime]:
    """Run the real loop for one subscribed channel from ``start`` to ``end``; return the arrivals."""
    simulated = SimulatedTime(start, end)
    channel = Channel(simulated)
    await store.subscribe("slack", "C1", start)
    schedule = TipSchedule(time(9, 0), CPH, REGION_DAYS)
    sender = TipSender(schedule, store, {"slack": channel}, service.rotation_tip)
    loop = TipScheduler(sender, simulated.clock, simulated.sleep)
    with pytest.raises(asyncio.CancelledError):
        await loop.run()
    return channel.arrivals


async def test_across_the_end_of_summer_time_every_tip_arrives_at_nine_local(
    service: Replies, store: Store
) -> None:
    """Two weeks around 25 October 2026: ten tips, each on a weekday at 09:00 Copenhagen time."""
    start = datetime(2026, 10, 19, 7, 0, tzinfo=CPH)  # a Monday morning
    arrivals = await run_loop(service, store, start, start + timedelta(days=14))

    assert len(arrivals) == 10
    assert all(moment.weekday() < 5 for moment in arrivals)
    assert {(moment.hour, moment.minute) for moment in arrivals} == {(9, 0)}
    assert {moment.astimezone(UTC).hour for moment in arrivals} == {7, 8}  # summer, then winter


async def test_over_christmas_and_new_year_no_tip_on_days_off(service: Replies, store: Store) -> None:
    """21 Dec 2026 – 4 Jan 2027: tips on the 21st–23rd, 28th–30th and 4 January only."""
    start = datetime(2026, 12, 21, 6, 0, tzinfo=CPH)
    arrivals = await run_loop(service, store, start, datetime(2027, 1, 4, 12, 0, tzinfo=CPH))

    days = [moment.date() for moment in arrivals]
    expected = [date(2026, 12, d) for d in (21, 22, 23, 28, 29, 30)] + [date(2027, 1, 4)]
    assert days == expected


async def test_a_loop_started_after_nine_sends_todays_tip_at_once(service: Replies, store: Store) -> None:
    """A server restarted at 11:30 on a working day sends the morning's missed tip right away."""
    start = datetime(2026, 11, 25, 11, 30, tzinfo=CPH)
    await store.subscribe("slack", "C1", start - timedelta(days=1))
    arrivals = await run_loop(service, store, start, start + timedelta(hours=2))

    assert [moment.time() for moment in arrivals] == [time(11, 30)]
