"""Our server on a free port, for the platform tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import aiohttp

from bot.assembly import Assembly
from bot.config import Settings
from bot.core.replies import Replies
from bot.web import ASSEMBLY, create_app
from tests.fakes import start_on_free_port

SUNDAY_NOON = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
"""The servers' clock: on a Sunday no tip is due, so the tip loop stays asleep during platform tests."""


async def serve(
    replies: Replies, settings: Settings
) -> AsyncIterator[tuple[str, aiohttp.ClientSession, Assembly]]:
    """Run Kodeks' web application (store opened, routes mounted); yield its URL, a client, its parts."""
    app = await create_app(settings, replies, clock=lambda: SUNDAY_NOON)
    runner, port = await start_on_free_port(app)
    try:
        async with aiohttp.ClientSession() as session:
            yield f"http://127.0.0.1:{port}", session, app[ASSEMBLY]
    finally:
        await runner.cleanup()
