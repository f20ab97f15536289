"""What the platform tests share: the service of the server under test."""

from __future__ import annotations

from typing import Protocol

import pytest

from bot.service import Kodeks


class HasService(Protocol):
    kodeks: Kodeks


@pytest.fixture
def bot(server: HasService) -> Kodeks:
    """The service inside this test's server, built complete by the server with its own store."""
    return server.kodeks
