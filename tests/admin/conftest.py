"""The console on a free port over real HTTP, with the in-memory backend."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import pytest_asyncio
from aiohttp import web

from bot.admin import mount
from bot.admin.throttle import LoginThrottle
from bot.core.replies import Replies
from tests.admin.fake_backend import FakeBackend
from tests.fakes import start_on_free_port

TOKEN = "test-console-token-0123456789-abcdefghij"


class FakeClock:
    """A monotonic clock the tests move by hand, for the login throttle."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Console:
    """A running console: its base URL, its backend and the throttle's clock."""

    url: str
    backend: FakeBackend
    clock: FakeClock


async def healthz(_: web.Request) -> web.Response:
    """A route of the host application, to show the console leaves it alone."""
    return web.json_response({"status": "ok"})


async def start_console(service: Replies) -> tuple[web.AppRunner, Console]:
    """Mount the console on an otherwise empty application and serve it on a free port."""
    backend, clock = FakeBackend(service), FakeClock()
    app = web.Application()
    app.router.add_get("/healthz", healthz)
    mount(app, backend, TOKEN, secure_cookies=False, throttle=LoginThrottle(clock))
    runner, port = await start_on_free_port(app)
    return runner, Console(f"http://127.0.0.1:{port}", backend, clock)


@pytest_asyncio.fixture
async def console(service: Replies) -> AsyncIterator[Console]:
    """The console served over HTTP."""
    runner, running = await start_console(service)
    yield running
    await runner.cleanup()


@pytest_asyncio.fixture
async def client() -> AsyncIterator[aiohttp.ClientSession]:
    """A client with its own cookie jar (the unsafe jar: the server is addressed by IP)."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        yield session
