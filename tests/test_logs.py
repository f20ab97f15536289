"""The operator's log: warnings and errors only for what someone must act on."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.config import Settings, SlackSettings
from bot.core.replies import Replies
from tests import payloads
from tests.fakes.bot_connector import FakeBotConnector
from tests.fakes.slack_api import FakeSlack
from tests.platforms.server import serve

MALFORMED = [
    b"null",
    b"[]",
    b'{"type": "message", "conversation": "a:1"}',
    b'{"type": "message", "channelId": "msteams", "serviceUrl": "http://127.0.0.1:1/", "text": "hej",'
    b' "conversation": {"id": "a:1"}, "recipient": {"id": "28:kodeks-bot"}}',  # no sender ("from")
]


async def test_starting_and_refusing_malformed_activities_logs_nothing_to_act_on(
    service: Replies,
    slack_api: FakeSlack,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Starting with SLACK_BOT_TOKEN, answering Teams and refusing junk warns only of anonymous mode."""
    caplog.set_level(logging.INFO)  # before the server exists: the SDKs' loggers copy the level then
    monkeypatch.setenv("SLACK_BOT_TOKEN", payloads.BOT_TOKEN)  # Bolt reads it by itself
    connector = FakeBotConnector()
    await connector.start()
    slack = SlackSettings(payloads.BOT_TOKEN, payloads.SIGNING_SECRET, "", slack_api.api_url)
    settings = Settings(slack=slack, database_url=f"sqlite:///{tmp_path / 'kodeks.db'}")
    statuses = []
    try:
        async for url, session, _ in serve(service, settings):
            for body in MALFORMED:
                headers = {"Content-Type": "application/json"}
                async with session.post(f"{url}/api/messages", data=body, headers=headers) as response:
                    statuses.append(response.status)
            for _ in range(2):
                message = payloads.teams_message("tavshedspligt", connector.url)
                async with session.post(f"{url}/api/messages", json=message) as response:
                    statuses.append(response.status)
            await connector.wait_for_posts(2)
    finally:
        await connector.close()

    noteworthy = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]
    assert statuses == [400, 400, 400, 400, 202, 202]
    assert [message.split(":")[0] for message in noteworthy] == ["teams_anonymous"]
