"""Questions to the codex owners are deleted after ``KODEKS_RETENTION_DAYS``, by the server itself.

A question may name a situation at work, so it is kept only as long as the owners need it. The loop
runs in the server's ``cleanup_ctx``, once just after start and then every ``EVERY_SECONDS``: a question is
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
FIRST_AFTER = 1.0
"""The first round waits this long after start, so a server stopped right away never starts one."""


async def forget_old_questions(queue: QuestionQueue, days: int, clock: Clock) -> int:
    """Delete the questions asked more than ``days`` days before now; return how many."""
    deleted = await queue.forget_before(clock() - timedelta(days=days))
    if deleted:
        log.info("questions_forgotten", extra={"count": deleted, "retention_days": days})
    return deleted


def retention_loop(
    queue: QuestionQueue,
    days: int,
    clock: Clock,
    every: float = EVERY_SECONDS,
    sleep: Sleep = asyncio.sleep,
    first_after: float = FIRST_AFTER,
) -> Callable[[web.Application], AsyncIterator[None]]:
    """A ``cleanup_ctx`` that deletes old questions ``first_after`` seconds after start, then every ``every``.

    Note:
        At shutdown the loop is asked to stop, not cancelled: a deletion in flight finishes before the
        server closes the database, so no connection is cut off mid-statement.
    """

    async def nap(stop: asyncio.Event, seconds: float) -> None:
        napping, stopping = asyncio.ensure_future(sleep(seconds)), asyncio.ensure_future(stop.wait())
        await asyncio.wait({napping, stopping}, return_when=asyncio.FIRST_COMPLETED)
        for waiting in (napping, stopping):
            waiting.cancel()

    async def run(stop: asyncio.Event) -> None:
        await nap(stop, first_after)
        while not stop.is_set():
            try:
                await forget_old_questions(queue, days, clock)
            except Exception:  # the loop must outlive a database hiccup; the next round retries
                log.exception("retention_round_failed")
            await nap(stop, every)

    async def running(_: web.Application) -> AsyncIterator[None]:
        stop = asyncio.Event()
        task = asyncio.create_task(run(stop), name="kodeks-retention")
        yield
        stop.set()
        await task

    return running
