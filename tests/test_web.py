"""The real server process: health and clean errors over real HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest_asyncio

from tests.server_process import ServerProcess


@pytest_asyncio.fixture
async def server(tmp_path: Path) -> AsyncIterator[str]:
    """`python -m bot serve` on a free port; yields its base URL and stops it with SIGTERM."""
    process = ServerProcess({"DATABASE_URL": f"sqlite:///{tmp_path / 'kodeks.db'}"})
    await process.start()
    yield process.url
    assert await process.stop() == 0


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


async def test_the_privacy_page_says_what_kodeks_keeps_and_never_keeps(server: str) -> None:
    """GET /privacy is a Danish HTML page naming what is stored, what never is, and the codex owner."""
    async with aiohttp.ClientSession() as session, session.get(f"{server}/privacy") as response:
        assert response.status == 200 and response.content_type == "text/html"
        page = await response.text()

    assert '<html lang="da">' in page
    for fact in ("anonyme optællinger", "kanalens id", "samtalereference", "i en time"):
        assert fact in page
    assert "Dine spørgsmål, dit navn eller dit bruger-id" in page
    assert "Regionssekretariatet" in page
