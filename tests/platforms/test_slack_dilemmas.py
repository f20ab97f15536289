"""Slack end to end: dilemmas, the weekly dilemma and the intro, via signed requests and the fake Web API."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.render import slack_blocks
from bot.service import Kodeks
from tests import payloads
from tests.fakes.slack_api import FakeSlack
from tests.platforms.test_slack import Server, _send_due, _text_of
from tests.platforms.test_slack import server as server  # the fixture: Kodeks with Slack over HTTP

COMMAND_BUTTON = f"{slack_blocks.ACTION_COMMAND}:"
MONDAY_0905 = datetime.fromisoformat("2026-11-23T09:05:00+01:00")
"""The first working morning after the test server's clock (Sunday 22 November 2026, noon)."""


def _buttons(blocks: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """Every button by its label, with its action id and value."""
    return {
        element["text"]["text"]: (element["action_id"], element["value"])
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
    }


async def _click(server: Server, slack_api: FakeSlack, action_id: str, value: str) -> dict[str, Any]:
    """Press a button under an ephemeral reply; return what Slack got back on the response URL."""
    before = len(slack_api.of("response_url"))
    await server.post(payloads.action(action_id, value, slack_api.response_url()))
    calls = await slack_api.wait_for("response_url", count=before + 1)
    params: dict[str, Any] = calls[before].params
    return params


async def test_slash_dilemma_shows_a_case_with_a_button_per_virtue_and_a_share_button(
    server: Server, slack_api: FakeSlack, bot: Kodeks
) -> None:
    """`/kodeks dilemma` answers only the asker with the case, seven virtue buttons and "Del i kanalen"."""
    status, body = await server.post(payloads.command("dilemma", slack_api.response_url()))
    reply = json.loads(body)
    buttons = _buttons(reply["blocks"])
    virtues = {
        label: value for label, (action, value) in buttons.items() if action.startswith(COMMAND_BUTTON)
    }

    assert status == 200 and reply["response_type"] == "ephemeral"
    assert "Hvilken dyd er på spil?" in _text_of(reply["blocks"])
    assert "Et dilemma til drøftelse" in _text_of(reply["blocks"])
    assert list(virtues) == [virtue.name for virtue in bot.codex.virtues]
    case = virtues["Neutralitet"].split()[2]
    assert virtues["Neutralitet"] == f"dilemma svar {case} neutralitet"
    assert buttons["Del i kanalen"] == (slack_blocks.ACTION_SHARE, f"dilemma {case}")


async def test_pressing_a_virtue_shows_what_is_at_stake_the_quoted_bullets_and_questions(
    server: Server, slack_api: FakeSlack, bot: Kodeks
) -> None:
    """A virtue button answers ephemerally: at stake or not, "Det siger kodeks" verbatim, the questions."""
    value = "dilemma svar opslag-om-foedeklinikken neutralitet"
    shown = _text_of((await _click(server, slack_api, f"{COMMAND_BUTTON}{value}", value))["blocks"])

    assert "Ja, Neutralitet er på spil i casen." in shown
    assert "Det siger kodeks" in shown and "Spørgsmål til drøftelse" in shown
    (case,) = [case for case in bot.replies.dilemmas if case.id == "opslag-om-foedeklinikken"]
    for bullet in case.bullets:
        assert slack_blocks.escape(bot.codex.bullet(bullet).text) in shown


async def test_sharing_a_dilemma_posts_the_same_case_in_the_channel(
    server: Server, slack_api: FakeSlack
) -> None:
    """The share button under a case posts that case for everyone, with its virtue buttons."""
    await server.post(
        payloads.action(slack_blocks.ACTION_SHARE, "dilemma slet-mailen", slack_api.response_url())
    )

    (call,) = await slack_api.wait_for("chat.postMessage")
    assert call.params["channel"] == "C0TEAM"
    assert "delte dette svar" in _text_of(call.params["blocks"])
    assert "Hvilken dyd er på spil?" in _text_of(call.params["blocks"])


async def test_slash_intro_and_next_walk_through_the_tour(
    server: Server, slack_api: FakeSlack, bot: Kodeks
) -> None:
    """`/kodeks intro` quotes the foreword; "Næste" shows the first virtue with its bullets and a case."""
    _, body = await server.post(payloads.command("intro", slack_api.response_url()))
    first = json.loads(body)
    action, value = _buttons(first["blocks"])["Næste"]

    step_two = await _click(server, slack_api, action, value)
    shown = _text_of(step_two["blocks"])
    lovlighed = bot.codex.virtues[0]

    assert "Hvad er kodeks til?" in _text_of(first["blocks"]) and "Forrige" not in _buttons(first["blocks"])
    assert value == "intro 2"
    assert lovlighed.name in shown and slack_blocks.escape(lovlighed.bullets[-1].text) in shown
    assert "Hvilken dyd er på spil her?" in shown
    assert _buttons(step_two["blocks"])["Forrige"][1] == "intro"
    assert _buttons(step_two["blocks"])["Del i kanalen"][1] == "intro 2"


async def test_a_button_on_the_home_tab_answers_in_the_dm(server: Server, slack_api: FakeSlack) -> None:
    """The Home tab's "Introduktion til kodeks" has no message to answer under: the intro goes to the DM."""
    await server.post(payloads.action(f"{COMMAND_BUTTON}intro", "intro", response_url=""))

    (call,) = await slack_api.wait_for("chat.postMessage")
    assert call.params["channel"] == "U0STAFF"
    assert "Hvad er kodeks til?" in _text_of(call.params["blocks"])


async def test_dilemma_til_posts_the_weekly_dilemma_once_on_monday_and_nothing_on_tuesday(
    server: Server, slack_api: FakeSlack, tmp_path: Path
) -> None:
    """`/kodeks dilemma til`; send-due Monday 09:05 twice posts one case; Tuesday posts no dilemma."""
    _, body = await server.post(payloads.command("dilemma til", slack_api.response_url(), channel="C0MEET"))
    assert "hver uge, på ugens første arbejdsdag" in json.loads(body)["text"]
    assert "Det første kommer i morgen kl. 9.00" in " ".join(json.loads(body)["text"].split())

    first = await _send_due(tmp_path, slack_api, MONDAY_0905)
    second = await _send_due(tmp_path, slack_api, MONDAY_0905)
    tuesday = await _send_due(tmp_path, slack_api, MONDAY_0905.replace(day=24))

    (post,) = slack_api.of("chat.postMessage")
    assert post.params["channel"] == "C0MEET"
    assert "Ugens dilemma" in _text_of(post.params["blocks"])
    assert "sent 1" in first and "already taken 1" in second and "sent" not in tuesday

    _, off = await server.post(payloads.command("dilemma fra", slack_api.response_url(), channel="C0MEET"))
    assert "får ikke længere ugens dilemma" in json.loads(off)["text"]
