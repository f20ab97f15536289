"""Dilemmas and intro steps look the same on every platform, with buttons that carry chat words."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from bot.core.answer import Answer
from bot.core.replies import Replies
from bot.render import adaptive_card, layout, plain, slack_blocks
from tests.render.test_adaptive_card import _validate

MONDAY = date(2026, 11, 30)
ASKED = (
    "dilemma",
    "dilemma svar listen-over-klagere neutralitet",
    "dilemma svar listen-over-klagere faglighed",
    "intro",
    "intro 5",
    "intro 9",
    "dilemma til",
)


def _slack_buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [element for block in blocks if block["type"] == "actions" for element in block["elements"]]


def _answer(service: Replies, asked: str) -> Answer:
    return service.handle(asked, MONDAY)


@pytest.mark.parametrize("asked", ASKED)
def test_every_dilemma_and_intro_answer_is_a_valid_adaptive_card(service: Replies, asked: str) -> None:
    """Cases, answers to them, intro steps and the switch notice validate against Adaptive Cards 1.5."""
    _validate(adaptive_card.render(_answer(service, asked)))


@pytest.mark.parametrize("asked", ASKED)
def test_slack_action_ids_are_unique_and_every_command_button_carries_chat_words(
    service: Replies, asked: str
) -> None:
    """Slack rejects repeated action ids; each command button's value parses back to its own words."""
    buttons = _slack_buttons(slack_blocks.render(_answer(service, asked), share=asked))
    ids = [button["action_id"] for button in buttons]

    assert len(ids) == len(set(ids))
    for button in buttons:
        if button["action_id"].startswith(f"{slack_blocks.ACTION_COMMAND}:"):
            assert button["action_id"] == f"{slack_blocks.ACTION_COMMAND}:{button['value']}"
            assert len(button["action_id"]) <= 255 and len(button["value"]) <= 2000


def test_slack_and_teams_show_the_same_virtue_buttons_under_a_case(service: Replies) -> None:
    """The seven virtue buttons are the same on Slack and in Teams, and carry the same words."""
    answer = _answer(service, "dilemma")
    slack = {
        b["text"]["text"]: b["value"]
        for b in _slack_buttons(slack_blocks.render(answer))
        if b["action_id"].startswith(slack_blocks.ACTION_COMMAND)
    }
    card = json.dumps(adaptive_card.render(answer), ensure_ascii=False)

    assert len(slack) == 7
    for title, words in slack.items():
        assert json.dumps({"type": "Action.Submit", "title": title}, ensure_ascii=False)[1:-1] in card
        assert json.dumps({"verb": adaptive_card.VERB_COMMAND, "command": words})[1:-1] in card


def test_an_answered_case_quotes_the_codex_under_det_siger_kodeks_in_every_renderer(
    service: Replies,
) -> None:
    """Plain text, Slack blocks and the Teams card quote the same bullets with their citations."""
    answer = _answer(service, "dilemma svar listen-over-klagere neutralitet")
    quotes = [s for s in layout.sections(answer) if isinstance(s, layout.Quote)]
    outputs = (
        plain.render(answer),
        json.dumps(slack_blocks.render(answer), ensure_ascii=False),
        json.dumps(adaptive_card.render(answer), ensure_ascii=False),
    )

    assert [q.citation for q in quotes] == [
        "Neutralitet, punkt 4",
        "Neutralitet, punkt 2",
        "Lovlighed, punkt 1",
    ]
    for shown in outputs:
        assert "Det siger kodeks" in shown
        assert all(q.citation in shown for q in quotes)


def test_plain_text_tells_how_to_choose_and_go_on_where_there_are_no_buttons(service: Replies) -> None:
    """The local chat says what to type to choose a virtue, and to go to the next intro step."""
    case = plain.render(_answer(service, "dilemma"))
    step = plain.render(_answer(service, "intro 3"))

    assert "Hvilken dyd er på spil? Skriv »dilemma svar " in case
    assert "Forrige: skriv »intro 2« · Næste: skriv »intro 4«" in step
