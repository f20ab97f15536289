"""Our server on a free port, for the platform tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import aiohttp

from bot.config import Settings
from bot.service import Kodeks
from bot.web import create_app
from tests.fakes import start_on_free_port

SUNDAY_NOON = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
"""The servers' clock: on a Sunday no tip is due, so the tip loop stays asleep during platform tests."""


async def serve(bot: Kodeks, settings: Settings) -> AsyncIterator[tuple[str, aiohttp.ClientSession]]:
    """Run Kodeks' web application (store opened, routes mounted); yield its base URL and a client."""
    runner, port = await start_on_free_port(create_app(bot, settings, clock=lambda: SUNDAY_NOON))
    try:
        async with aiohttp.ClientSession() as session:
            yield f"http://127.0.0.1:{port}", session
    finally:
        await runner.cleanup()
