"""Questions sent to the codex owners are deleted by the server once their retention has passed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp import web

from bot.config import Settings
from bot.core.replies import Replies
from bot.retention import EVERY_SECONDS, FIRST_AFTER, retention_loop
from bot.store import AskedQuestion, QuestionQueue, open_store
from bot.web import ASSEMBLY, create_app

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


async def test_the_server_deletes_a_question_older_than_the_retention(
    service: Replies, tmp_path: Path
) -> None:
    """With KODEKS_RETENTION_DAYS=30, a question of 31 days ago is gone soon after start; 29 days stays."""
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'k.db'}", retention_days=30)
    app = await create_app(settings, service, clock=lambda: NOW)
    store = app[ASSEMBLY].store
    await store.enqueue(NOW - timedelta(days=31), "slack", "gammelt spørgsmål", ("no_match", None), None)
    await store.enqueue(NOW - timedelta(days=29), "teams", "nyere spørgsmål", ("no_match", None), None)
    store_questions: list[AskedQuestion] = []
    runner = web.AppRunner(app)
    await runner.setup()  # starts the cleanup_ctx loops, the retention loop among them
    try:
        await _until(lambda: len(store_questions) == 1, store_questions, store)
        (kept,) = store_questions
    finally:
        await runner.cleanup()

    assert kept.question == "nyere spørgsmål"


async def test_the_retention_loop_looks_again_every_hour(tmp_path: Path) -> None:
    """The loop runs just after start and then hourly: a question that ages past the retention goes then."""
    store = await open_store(f"sqlite:///{tmp_path / 'k.db'}")
    now = [NOW]
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += timedelta(seconds=seconds)
        await asyncio.sleep(0)

    await store.enqueue(NOW - timedelta(days=89, hours=23, minutes=30), "slack", "snart for gammelt",
                        ("match", "neutralitet"), None)  # fmt: skip
    questions: list[AskedQuestion] = []
    context = retention_loop(store, 90, lambda: now[0], sleep=sleep)(web.Application())
    await anext(context)
    try:
        await _until(lambda: not questions, questions, store)
    finally:
        await anext(context, None)
        await store.close()

    assert slept[:2] == [FIRST_AFTER, EVERY_SECONDS] and now[0] >= NOW + timedelta(hours=1)


async def _until(done: Callable[[], bool], questions: list[AskedQuestion], store: QuestionQueue) -> None:
    """Re-read the queue into ``questions`` until ``done()``, for at most five seconds."""
    for _ in range(500):
        questions[:] = await store.questions()
        if done():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"the queue still holds {len(questions)} questions")
