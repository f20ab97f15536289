"""Replies the codex cannot give, or gives unsure, offer to send the question to the codex owners."""

from __future__ import annotations

from bot.core.answer import Answer, Matched
from bot.core.replies import Replies
from bot.render import actions, adaptive_card, layout, slack_blocks


def _slack_buttons(answer: Answer) -> dict[str, dict[str, str]]:
    return {
        element["text"]["text"]: element
        for block in slack_blocks.render(answer)
        if block["type"] == "actions"
        for element in block["elements"]
    }


def test_kan_ikke_svare_offers_spoerg_regionssekretariatet_with_the_question(service: Replies) -> None:
    """A question the codex does not answer gets "Spørg Regionssekretariatet" carrying those words."""
    answer = service.ask("hvornår lukker kantinen")

    button = _slack_buttons(answer)["Spørg Regionssekretariatet"]
    assert button["action_id"].startswith("kodeks_ask")
    assert button["action_id"] == "kodeks_ask:no_match:"
    assert button["value"] == "hvornår lukker kantinen"


def test_an_unsure_answer_offers_the_button_and_a_sure_one_does_not(service: Replies) -> None:
    """Below the low-confidence line the answer offers the owners; a confident answer only 👍/👎."""
    sure = service.ask("må jeg give partipolitisk rådgivning?")
    virtue = service.codex.virtue("neutralitet")
    weak = Matched(virtue, virtue.bullets[:1], layout.LOW_CONFIDENCE / 2, question="hmm")
    unsure = Answer(weak, sure.context)

    assert "Spørg Regionssekretariatet" not in _slack_buttons(sure)
    button = _slack_buttons(unsure)["Spørg Regionssekretariatet"]
    assert (button["action_id"], button["value"]) == ("kodeks_ask:match:neutralitet", "hmm")
    card = adaptive_card.render(unsure)
    assert {"verb": "ask", "question": "hmm", "kind": "match", "topic": "neutralitet"} in [
        action["data"] for action in _actions(card)
    ]


def test_a_shown_virtue_has_no_ask_button(service: Replies) -> None:
    """A virtue shown by name answers no question, so there are no words to send."""
    assert "Spørg Regionssekretariatet" not in _slack_buttons(service.show_topic("neutralitet"))


def test_a_long_question_is_cut_to_slacks_limit_for_button_values(service: Replies) -> None:
    """Slack refuses button values over 2,000 characters; the question is cut, not the message lost."""
    answer = service.ask("kantine " * 400)

    assert len(_slack_buttons(answer)["Spørg Regionssekretariatet"]["value"]) == actions.SHARE_LIMIT


def test_a_thumbs_down_brings_the_question_back_for_the_thanks(service: Replies) -> None:
    """The 👎 value carries the question, so the thanks can offer to ask the owners; 👍 carries none."""
    answer = service.ask("må jeg give partipolitisk rådgivning?")
    buttons = _slack_buttons(answer)

    down = actions.decode_vote(buttons["👎 Ikke hjælpsomt"]["value"])
    up = actions.decode_vote(buttons["👍 Hjælpsomt"]["value"])
    assert down is not None and down.question == "må jeg give partipolitisk rådgivning?"
    assert up is not None and up.question == ""
    offer = layout.ask_after_vote("Regionssekretariatet", down.helpful, down.topic, down.question)
    assert offer == layout.AskOwner(
        "Spørg Regionssekretariatet", "må jeg give partipolitisk rådgivning?", "match", "neutralitet"
    )


def _actions(node: object) -> list[dict[str, object]]:
    if isinstance(node, dict):
        own = [node] if node.get("type") == "Action.Submit" else []
        return own + [found for child in node.values() for found in _actions(child)]
    if isinstance(node, list):
        return [found for child in node for found in _actions(child)]
    return []
