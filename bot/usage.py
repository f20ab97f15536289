"""Usage counts without slowing replies: counted in memory, written to the database in batches.

A reply adds one to a (day, platform, kind, topic) counter in a dict, which costs nothing next to the
reply itself; the server's loop writes the batch every ``FLUSH_SECONDS`` and once more at shutdown.
Counts only: no question text, no person.

Note:
    What a crash can lose: the counts of at most the last ``FLUSH_SECONDS`` (a kill -9 or a power
    cut; SIGTERM flushes first). A batch the database refuses is kept and retried with the next one,
    so an outage of the database loses nothing unless the process dies during it.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import AsyncIterator, Callable
from datetime import date

from aiohttp import web

from bot.store import UsageKey, UsageStore

log = logging.getLogger(__name__)

FLUSH_SECONDS = 10.0
"""How often counts are written: often enough that the console is current, rare enough to cost nothing."""


class UsageCounter:
    """Counts replies in memory; ``flush`` writes them to the store."""

    def __init__(self, store: UsageStore) -> None:
        self._store = store
        self._pending: Counter[UsageKey] = Counter()

    def count(self, day: date, platform: str, kind: str, topic: str | None) -> None:
        """Count one reply of ``kind`` about ``topic`` (None: no topic) on ``platform`` on ``day``."""
        self._pending[(day, platform, kind, topic or "")] += 1

    async def flush(self) -> None:
        """Write what was counted since the last flush; on failure keep it for the next one."""
        batch, self._pending = self._pending, Counter()
        try:
            await self._store.add_usage(batch)
        except Exception:  # the database is down: keep counting, write it all next time
            self._pending.update(batch)
            log.warning("usage_flush_failed", extra={"pending": sum(self._pending.values())})

    def loop(self, every: float = FLUSH_SECONDS) -> Callable[[web.Application], AsyncIterator[None]]:
        """A ``cleanup_ctx`` that flushes every ``every`` seconds and once more at shutdown."""

        async def flushing(_: web.Application) -> AsyncIterator[None]:
            async def run() -> None:
                while True:
                    await asyncio.sleep(every)
                    await self.flush()

            task = asyncio.create_task(run(), name="kodeks-usage")
            yield
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            await self.flush()

        return flushing
