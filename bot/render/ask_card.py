"""Asking the codex owners on Teams: the form, the owners' card, the answer and the thanks as cards.

Buttons are ``Action.Submit`` with a ``verb`` the Teams adapter routes on. Teams merges a card's
inputs into the submitted data: the form sends ``question`` and ``who`` with ``ask_send``, the
owners' card sends ``answer`` with ``review_answer``.
"""

from __future__ import annotations

from typing import Any

from bot.render import adaptive_card, layout, texts
from bot.render.ask_view import ANONYMOUS, NAMED, AskForm, Review, facts, moves

Element = dict[str, Any]

VERB_SEND = "ask_send"
VERB_REVIEW = "review"  # + "_answer", "_done", "_close"
QUESTION_INPUT, WHO_INPUT, ANSWER_INPUT = "question", "who", "answer"
INPUT_LIMIT = 2000


def _text(text: str, **style: Any) -> Element:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def _card(body: list[Element], fallback: str) -> Element:
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": adaptive_card.CARD_VERSION,
        "fallbackText": fallback,
        "msteams": {"width": "Full"},
        "body": body,
    }


def _quoted(text: str) -> Element:
    return {"type": "Container", "style": "emphasis", "items": [_text(text)]}


def form(ask: AskForm) -> Element:
    """The form: the question to edit, the reminder, anonymous or named, and "Send".

    The submit data carries what Kodeks had answered (kind and topic), never the person.
    """
    body: list[Element] = [
        _text(texts.ask_owner_button(ask.owner), style="heading", size="Large", weight="Bolder"),
        _text(texts.ask_form_intro(ask.owner, ask.has_channel)),
        {
            "type": "Input.Text",
            "id": QUESTION_INPUT,
            "label": texts.ASK_QUESTION_LABEL,
            "isMultiline": True,
            "maxLength": INPUT_LIMIT,
            "value": ask.question[:INPUT_LIMIT],
            "isRequired": True,
            "errorMessage": texts.ASK_EMPTY,
        },
        _text(texts.ASK_REMINDER, isSubtle=True, size="Small"),
    ]
    choices = [{"title": texts.ASK_ANONYMOUS, "value": ANONYMOUS}]
    if ask.may_name:
        choices.append({"title": texts.ask_named(ask.owner), "value": NAMED})
    who = {"type": "Input.ChoiceSet", "id": WHO_INPUT, "label": texts.ASK_WHO_LABEL, "style": "expanded"}
    body.append(who | {"value": ANONYMOUS, "choices": choices})
    if not ask.may_name:
        body.append(_text(texts.ASK_NAMED_ONLY_IN_CHAT, isSubtle=True, size="Small"))
    send = {"verb": VERB_SEND, "kind": ask.kind, "topic": ask.topic}
    body.append({"type": "ActionSet", "actions": [_submit(texts.ASK_SEND, send)]})
    return _card(body, texts.ask_owner_button(ask.owner))


def _submit(title: str, data: dict[str, str]) -> Element:
    return {"type": "Action.Submit", "title": title, "data": data}


def review(card: Review) -> Element:
    """The owners' card of a question: the words, the facts, and while open the answer field."""
    body: list[Element] = [
        _text(texts.review_title(card.owner), style="heading", size="Large", weight="Bolder"),
        _quoted(card.question),
        {"type": "FactSet", "facts": [{"title": label, "value": value} for label, value in facts(card)]},
    ]
    if card.answer:
        body += [_text(texts.REVIEW_ANSWER_LABEL, weight="Bolder"), _text(card.answer)]
    if card.can_answer:
        body.append({"type": "Input.Text", "id": ANSWER_INPUT, "label": texts.REVIEW_ANSWER_LABEL,
                     "isMultiline": True, "maxLength": INPUT_LIMIT,
                     "placeholder": texts.REVIEW_ANSWER_PLACEHOLDER})  # fmt: skip
    buttons = [
        _submit(texts.REVIEW_SEND_ANSWER if move == "answer" else label,
                {"verb": f"{VERB_REVIEW}_{move}", "question_id": str(card.id)})
        for move, label in moves(card)
    ]  # fmt: skip
    if buttons:
        body.append({"type": "ActionSet", "actions": buttons})
    return _card(body, f"{texts.review_title(card.owner)}: {card.question}")


def answer(owner: str, question: str, text: str) -> Element:
    """The card that brings the owners' answer to a named asker: their question, then the answer."""
    heading = texts.owner_answer_heading(owner)
    body = [_text(heading, weight="Bolder"), _quoted(question), _text(text)]
    return _card(body, f"{heading}: {text}")


def thanks(offer: layout.AskOwner) -> Element:
    """The thanks for a 👎, with "Spørg <codex owner>" to send the same question to the owners."""
    body = [_text(texts.FEEDBACK_THANKS), {"type": "ActionSet", "actions": [adaptive_card.action(offer)]}]
    return _card(body, texts.FEEDBACK_THANKS)
