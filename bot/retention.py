"""Questions to the codex owners are deleted after ``KODEKS_RETENTION_DAYS``, by the server itself.

A question may name a situation at work, so it is kept only as long as the owners need it. The loop
runs in the server's ``cleanup_ctx``, once at start and then every ``EVERY_SECONDS``: a question is
deleted at most an hour after its retention ends, and a server that was down catches up when it
starts. Every instance may run the loop: deleting twice deletes nothing more.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta

from aiohttp import web

from bot.clock import Clock
from bot.store import QuestionQueue

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]

EVERY_SECONDS = 3600.0
"""How often old questions are looked for: retention is counted in days, an hour late is nothing."""


async def forget_old_questions(queue: QuestionQueue, days: int, clock: Clock) -> int:
    """Delete the questions asked more than ``days`` days before now; return how many."""
    deleted = await queue.forget_before(clock() - timedelta(days=days))
    if deleted:
        log.info("questions_forgotten", extra={"count": deleted, "retention_days": days})
    return deleted


def retention_loop(
    queue: QuestionQueue, days: int, clock: Clock, every: float = EVERY_SECONDS, sleep: Sleep = asyncio.sleep
) -> Callable[[web.Application], AsyncIterator[None]]:
    """A ``cleanup_ctx`` that deletes old questions at start and every ``every`` seconds after."""

    async def run() -> None:
        while True:
            try:
                await forget_old_questions(queue, days, clock)
            except Exception:  # the loop must outlive a database hiccup; the next round retries
                log.exception("retention_round_failed")
            await sleep(every)

    async def running(_: web.Application) -> AsyncIterator[None]:
        task = asyncio.create_task(run(), name="kodeks-retention")
        yield
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    return running
