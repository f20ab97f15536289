"""The server's own tip loop: sleep until the next tip moment, send, repeat.

The clock and the sleep are injected so tests can walk through weekends, holidays and summer time
without waiting. Every instance may run this loop: the sender's database claim keeps posts single.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from aiohttp import web

from bot.clock import Clock, utc_now
from bot.store import RETRY_AFTER
from bot.tips.schedule import seconds_until
from bot.tips.sender import TipSender

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]

MAX_SLEEP = 3600.0
"""Wake at least hourly, so a changed wall clock (or a missed wake-up) is noticed within the hour."""
ERROR_PAUSE = 60.0
"""After a round that raised (the database was unreachable), try again this soon."""


class TipScheduler:
    """Runs ``TipSender.send_due`` at every tip moment, and again while sends wait to be retried."""

    def __init__(self, sender: TipSender, clock: Clock = utc_now, sleep: Sleep = asyncio.sleep) -> None:
        self.sender = sender
        self.clock = clock
        self.sleep = sleep

    async def run_once(self) -> float:
        """Send what is due now; return how many seconds to sleep before the next round."""
        now = self.clock()
        try:
            report = await self.sender.send_due(now)
        except Exception:  # the loop must outlive a database hiccup; the next round retries
            log.exception("tips_round_failed")
            return ERROR_PAUSE
        wait = seconds_until(self.sender.schedule.next_moment(now), now)
        if report.failed:
            wait = min(wait, RETRY_AFTER.total_seconds())
        return max(1.0, min(wait, MAX_SLEEP))

    async def run(self) -> None:
        """Loop until cancelled."""
        while True:
            await self.sleep(await self.run_once())


def tip_loop(scheduler: TipScheduler) -> Callable[[web.Application], AsyncIterator[None]]:
    """A ``cleanup_ctx`` running the loop while the server runs."""

    async def running(_: web.Application) -> AsyncIterator[None]:
        task = asyncio.create_task(scheduler.run(), name="kodeks-tips")
        yield
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    return running
