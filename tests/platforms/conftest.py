"""What the platform tests share: a fresh service per test."""

from __future__ import annotations

import pytest_asyncio

from bot.service import Kodeks


@pytest_asyncio.fixture
async def bot(service: Kodeks) -> Kodeks:
    """A service of its own for each test, so the store the server attaches is this test's."""
    return Kodeks(service.knowledge)
