"""Shared fixtures: the real knowledge folder, a loaded service, and an isolated environment."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.config import PROJECT_KNOWLEDGE_DIR
from bot.core.knowledge import load_knowledge
from bot.core.replies import Replies
from tests.fakes.slack_api import FakeSlack
from tests.postgres import postgres_cluster

DATA = Path(__file__).parent / "data"
ENVIRONMENT_PREFIXES = ("KODEKS_", "SLACK_", "CONNECTIONS__", "DATABASE_URL", "PORT")


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test sees the developer's own Slack tokens, database or knowledge folder."""
    for name in list(os.environ):
        if name.startswith(ENVIRONMENT_PREFIXES):
            monkeypatch.delenv(name)
    yield


@pytest.fixture(scope="session")
def service() -> Replies:
    """The bot's replies on the project's own knowledge folder, loaded once."""
    return Replies(load_knowledge(PROJECT_KNOWLEDGE_DIR))


@pytest_asyncio.fixture
async def slack_api() -> AsyncIterator[FakeSlack]:
    """The fake Slack Web API on a free port."""
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.close()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server for the session; skipped only outside CI when none is installed."""
    with postgres_cluster() as url:
        if url is None:
            if os.environ.get("CI"):
                pytest.fail("PostgreSQL is not installed; .ci/run installs Debian's postgresql package")
            pytest.skip("PostgreSQL is not installed (CI installs it)")
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store test runs on SQLite (a file) and on PostgreSQL (a fresh database per test)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kodeks.db'}"
    server: str = request.getfixturevalue("postgres_url")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = server.rsplit("/", 1)[0] + "/postgres"
    import asyncio

    import asyncpg

    async def create() -> None:
        connection = await asyncpg.connect(admin)
        await connection.execute(f'CREATE DATABASE "{name}"')
        await connection.close()

    asyncio.run(create())
    return f"{server.rsplit('/', 1)[0]}/{name}"


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A writable copy of the knowledge folder, for tests that break it on purpose."""
    target = tmp_path / "knowledge"
    shutil.copytree(PROJECT_KNOWLEDGE_DIR, target)
    return target
