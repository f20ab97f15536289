"""The codex owners learn how Kodeks is used: the report after real requests, and /admin's access rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.config import Settings, SlackSettings
from bot.core.replies import Replies
from bot.owners import build_report
from bot.render import slack_blocks
from bot.report_format import report_to_dict
from bot.store import open_store
from tests import payloads
from tests.fakes.slack_api import FakeSlack
from tests.platforms.server import SUNDAY_NOON, serve

TOKEN = "t" * 40


async def test_the_report_counts_a_known_sequence_of_requests(
    service: Replies, slack_api: FakeSlack, database_url: str
) -> None:
    """Two answered questions, one unanswered, a virtue shown and a 👎 are in the report, and nothing else."""
    slack = SlackSettings(payloads.BOT_TOKEN, payloads.SIGNING_SECRET, "", slack_api.api_url)
    settings = Settings(slack=slack, database_url=database_url)
    async for url, session, _ in serve(service, settings):
        for request in (
            payloads.command("må jeg give partipolitisk rådgivning?", slack_api.response_url()),
            payloads.command("jeg har begået en fejl", slack_api.response_url()),
            payloads.command("hvornår lukker kantinen?", slack_api.response_url()),
            payloads.command("neutralitet", slack_api.response_url()),
            payloads.action(f"{slack_blocks.ACTION_FEEDBACK}:down", "down|neutralitet|neutralitet.2",
                            slack_api.response_url()),
        ):  # fmt: skip
            async with session.post(f"{url}/slack/events", data=request.body, headers=request.headers) as r:
                assert r.status == 200
        await slack_api.wait_for("response_url")
    # the server has stopped: its usage counts were flushed at shutdown
    store = await open_store(database_url)
    day = SUNDAY_NOON.astimezone(Settings().timezone).date()
    report = report_to_dict(await build_report(store, day, day))
    await store.close()

    assert report["questions"] == {"answered": 2, "not_answered": 1}
    assert report["by_topic"] == {"neutralitet": 1, "aabenhed-om-fejl": 1}
    assert report["by_platform"] == {"slack": 3}
    assert report["by_kind"]["virtue"] == 1
    assert report["feedback"] == {"up": 0, "down": 1}
    assert "kantinen" not in json.dumps(report) and "U0STAFF" not in json.dumps(report)


async def test_admin_is_not_there_without_a_token_and_answers_scripts_with_the_report(
    service: Replies, tmp_path: Path
) -> None:
    """Without KODEKS_ADMIN_TOKEN /admin is 404; with it a bearer token reads the report, a wrong one: 401."""
    off = Settings(database_url=f"sqlite:///{tmp_path / 'off.db'}")
    async for url, session, _ in serve(service, off):
        async with session.get(f"{url}/admin/report.json") as response:
            assert response.status == 404
    on = Settings(database_url=f"sqlite:///{tmp_path / 'on.db'}", admin_token=TOKEN)
    async for url, session, _ in serve(service, on):
        bearer = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}
        async with session.get(f"{url}/admin/report.json", headers=bearer) as response:
            assert response.status == 200
            body = await response.json()
            assert response.headers["X-Frame-Options"] == "DENY"
        wrong = {"Authorization": "Bearer " + "x" * 40, "Accept": "application/json"}
        async with session.get(f"{url}/admin/report.json", headers=wrong) as response:
            assert response.status == 401
        async with session.get(f"{url}/admin/questions", allow_redirects=False) as response:
            assert response.status in (303, 401)
    assert {"questions", "by_topic", "by_platform", "feedback", "asked", "tips_sent"} <= set(body)


@pytest.mark.parametrize("token", ["kort", "x" * 31])
def test_a_short_admin_token_stops_the_start(token: str) -> None:
    """A console token under 32 characters is refused before anything starts."""
    from bot.errors import ConfigError

    with pytest.raises(ConfigError, match="KODEKS_ADMIN_TOKEN"):
        Settings.from_env({"KODEKS_ADMIN_TOKEN": token})
