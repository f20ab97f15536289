"""The real server process: health and clean errors over real HTTP."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from collections.abc import AsyncIterator

import aiohttp
import pytest
import pytest_asyncio


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest_asyncio.fixture
async def server() -> AsyncIterator[str]:
    """`python -m bot serve` on a free port; yields its base URL and stops it with SIGTERM."""
    port = _free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "serve", env={**os.environ, "PORT": str(port)},
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as session:
        for _ in range(100):
            try:
                async with session.get(f"{base}/healthz"):
                    break
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.1)
        else:
            process.kill()
            pytest.fail("server did not start")
    yield base
    process.terminate()
    assert await asyncio.wait_for(process.wait(), 10) == 0


async def test_healthz_answers_ok(server: str) -> None:
    """GET /healthz answers 200 with the number of virtues loaded."""
    async with aiohttp.ClientSession() as session, session.get(f"{server}/healthz") as response:
        assert response.status == 200
        assert await response.json() == {"status": "ok", "virtues": 7}


async def test_unknown_paths_get_a_json_404(server: str) -> None:
    """An unknown path is a clean 404 with a short JSON body, not an HTML error page."""
    async with aiohttp.ClientSession() as session, session.get(f"{server}/wp-admin") as response:
        assert response.status == 404
        assert await response.json() == {"error": "Not Found"}
