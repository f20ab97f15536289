"""What the platform tests share: the service of the server under test, the fake Bot Connector."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

import pytest
import pytest_asyncio

from bot.service import Kodeks
from tests.fakes.bot_connector import FakeBotConnector


class HasService(Protocol):
    kodeks: Kodeks


@pytest.fixture
def bot(server: HasService) -> Kodeks:
    """The service inside this test's server, built complete by the server with its own store."""
    return server.kodeks


@pytest_asyncio.fixture
async def connector() -> AsyncIterator[FakeBotConnector]:
    """The fake Bot Connector on a free port."""
    fake = FakeBotConnector()
    await fake.start()
    yield fake
    await fake.close()
