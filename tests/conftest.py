"""Shared fixtures: the real knowledge folder, a loaded service, and an isolated environment."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import PROJECT_KNOWLEDGE_DIR
from bot.service import Kodeks

DATA = Path(__file__).parent / "data"
ENVIRONMENT_PREFIXES = ("KODEKS_", "SLACK_", "CONNECTIONS__", "DATABASE_URL", "PORT")


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test sees the developer's own Slack tokens, database or knowledge folder."""
    import os

    for name in list(os.environ):
        if name.startswith(ENVIRONMENT_PREFIXES):
            monkeypatch.delenv(name)
    yield


@pytest.fixture(scope="session")
def service() -> Kodeks:
    """The bot's service on the project's own knowledge folder, loaded once."""
    return Kodeks.from_directory(PROJECT_KNOWLEDGE_DIR)


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A writable copy of the knowledge folder, for tests that break it on purpose."""
    target = tmp_path / "knowledge"
    shutil.copytree(PROJECT_KNOWLEDGE_DIR, target)
    return target
