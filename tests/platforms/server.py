"""Our server on a free port, for the platform tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp

from bot.config import Settings
from bot.service import Kodeks
from bot.web import create_app
from tests.fakes import start_on_free_port


async def serve(bot: Kodeks, settings: Settings) -> AsyncIterator[tuple[str, aiohttp.ClientSession]]:
    """Run Kodeks' web application (store opened, routes mounted); yield its base URL and a client."""
    runner, port = await start_on_free_port(create_app(bot, settings))
    try:
        async with aiohttp.ClientSession() as session:
            yield f"http://127.0.0.1:{port}", session
    finally:
        await runner.cleanup()
