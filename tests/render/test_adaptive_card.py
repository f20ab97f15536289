"""Teams cards are valid Adaptive Cards 1.5 and show what Slack shows, in every theme."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import jsonschema
import pytest

from bot.core.answer import Answer
from bot.core.replies import Replies
from bot.render import adaptive_card, layout
from tests.conftest import DATA

TODAY = date(2026, 11, 24)
"""A Tuesday: the day whose tip ``tip`` shows."""

SCHEMA = json.loads((DATA / "schemas" / "adaptive-card-1.5.schema.json").read_text(encoding="utf-8"))
ASKED = {
    "match": "må jeg give partipolitisk rådgivning?",
    "escalation": "hvem kan jeg gå til",
    "help": "hjælp",
    "virtue": "udvikling",
    "no_match": "hvor er kantinen",
}


def _answers(service: Replies) -> dict[str, Answer]:
    answers = {kind: service.handle(question, TODAY) for kind, question in ASKED.items()}
    return answers | {"tip": service.tip(date(2026, 11, 24))}


def _validate(card: dict[str, Any]) -> None:
    """Validate against the public schema, which does not know Teams' own ``msteams`` card extension."""
    assert set(card.get("msteams", {})) <= {"width"}
    jsonschema.Draft6Validator(SCHEMA).validate(
        {key: value for key, value in card.items() if key != "msteams"}
    )


@pytest.mark.parametrize("kind", [*ASKED, "tip"])
def test_every_kind_of_answer_is_a_valid_adaptive_card_1_5(service: Replies, kind: str) -> None:
    """Match, escalation, help, virtue, no-match and tip cards all validate against the 1.5 schema."""
    answer = _answers(service)[kind]
    assert answer.kind == kind

    card = adaptive_card.render(answer)

    assert card["version"] == "1.5"
    _validate(card)


@pytest.mark.parametrize("in_channel", [False, True])
def test_the_welcome_card_is_valid(service: Replies, in_channel: bool) -> None:
    """The welcome card sent on install validates too, in a 1:1 chat and in a channel."""
    _validate(adaptive_card.welcome(service.help(), in_channel))


def test_the_schema_check_catches_a_broken_card(service: Replies) -> None:
    """A misspelt element type fails validation, so the tests above can fail."""
    card = adaptive_card.render(service.help())
    card["body"][0]["type"] = "TextBlok"

    with pytest.raises(jsonschema.ValidationError):
        _validate(card)


def test_a_match_card_shows_virtue_promise_quote_version_and_whom_to_go_to(service: Replies) -> None:
    """Heading: the virtue; then its promise, the numbered quote, the version, the path and contacts."""
    answer = service.handle(ASKED["match"], TODAY)
    card = adaptive_card.render(answer)
    texts = [block.get("text", "") for block in _walk(card) if block.get("type") == "TextBlock"]

    assert card["body"][0] == {**card["body"][0], "text": "Neutralitet", "style": "heading"}
    assert texts[1] == "Vi skal være troværdige og upartiske."
    assert "— Neutralitet, punkt 2" in texts
    assert f"Kilde: {answer.context.codex_title} ({answer.context.version})" in texts
    assert "Hvis du er i tvivl" in texts and "Mere viden eller hjælp?" in texts
    assert any(text.startswith("Hvis du mener, at en af dyderne krænkes") for text in texts)
    assert "[regionssekretariatet@rm.dk](mailto:regionssekretariatet@rm.dk)" in json.dumps(
        card, ensure_ascii=False
    )


@pytest.mark.parametrize("kind", [*ASKED, "tip"])
def test_the_card_shows_every_section_slack_shows(service: Replies, kind: str) -> None:
    """Every heading, quote, step, contact and topic of the shared layout appears on the card."""
    answer = _answers(service)[kind]
    shown = json.dumps(adaptive_card.render(answer), ensure_ascii=False)
    expected: list[str] = []
    for section in layout.sections(answer):
        match section:
            case layout.Title(text, subtitle) | layout.Quote(text, subtitle):
                expected += [text, subtitle]
            case layout.Heading(text) | layout.Note(text):
                expected.append(text)
            case layout.Paragraphs(items) | layout.Steps(items):
                expected += items
            case layout.Contacts(contacts):
                expected += [c.email for c in contacts] + [c.phone for c in contacts]
            case layout.Choices(heading, topics):
                expected += [heading, *(topic.name for topic in topics)]

    assert [text for text in expected if json.dumps(text, ensure_ascii=False)[1:-1] not in shown] == []


def test_cards_use_no_fixed_colours(service: Replies) -> None:
    """No colour names or hex codes: Teams' light, dark and high-contrast themes style the card."""
    for answer in _answers(service).values():
        card = adaptive_card.render(answer)
        assert not [block for block in _walk(card) if "color" in block or "backgroundImage" in block]
        assert not re.search(r"#[0-9a-fA-F]{6}\b", json.dumps(card))
        assert {block["style"] for block in _walk(card) if "style" in block} <= {"heading", "emphasis"}


def test_buttons_carry_ids_only(service: Replies) -> None:
    """Answer buttons send back a verb with topic and bullet ids; only 👎 carries the words asked.

    The 👎 brings the question back so that its thanks can offer to send it to the codex owners.
    """
    card = adaptive_card.render(service.handle(ASKED["match"], TODAY))
    data = [block["data"] for block in _walk(card) if block.get("type") == "Action.Submit"]
    down = [item for item in data if item.get("value", "").startswith("down|")]

    assert {"verb": "show_topic", "topic": "neutralitet"} in data
    assert {"verb": "feedback", "value": "up|neutralitet|neutralitet.2"} in data
    assert all("partipolitisk" not in json.dumps(item) for item in data if item not in down)
    assert down == [{"verb": "feedback", "value": f"down|neutralitet|neutralitet.2|{ASKED['match']}"}]


def _walk(node: Any) -> list[dict[str, Any]]:
    """Every JSON object in the card, depth first."""
    if isinstance(node, dict):
        return [node] + [found for child in node.values() for found in _walk(child)]
    if isinstance(node, list):
        return [found for child in node for found in _walk(child)]
    return []
