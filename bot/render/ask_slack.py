"""Asking the codex owners on Slack: the form (a modal), the owners' card, the answer and the thanks.

Ids here are what the Slack adapter listens for: the form's ``callback_id`` is ``kodeks_ask``
(interfaces.md); the owners' buttons are ``kodeks_review_<move>`` with the question id as value.
Every text a person wrote is escaped before it reaches mrkdwn, so a question cannot ping a channel.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from bot.render import actions, layout, slack_blocks, texts
from bot.render.ask_view import ANONYMOUS, NAMED, AskForm, Review, facts, moves
from bot.render.slack_blocks import Block, escape

CALLBACK_ASK = "kodeks_ask"
CALLBACK_ANSWER = "kodeks_review_answer"
ACTION_REVIEW = "kodeks_review"  # + "_answer", "_done", "_close"
QUESTION_BLOCK, WHO_BLOCK, ANSWER_BLOCK = "question", "who", "answer"
TITLE_LIMIT = 24  # Slack's limit for a modal's title
INPUT_LIMIT = 2000


def _plain(text: str, limit: int = 75) -> dict[str, Any]:
    return {"type": "plain_text", "text": text[:limit], "emoji": True}


def _quote(text: str) -> str:
    return "\n".join(f">{escape(line)}" for line in text.splitlines() or [""])


def _modal(callback_id: str, title: str, blocks: list[Block], metadata: str, submit: bool = True) -> Block:
    """A modal with "Send" and "Annullér", or, without ``submit``, only "Luk"."""
    close = texts.ASK_CANCEL if submit else texts.REVIEW_CLOSE_BUTTON
    view: Block = {"type": "modal", "callback_id": callback_id, "title": _plain(title, TITLE_LIMIT),
                   "close": _plain(close), "blocks": blocks}  # fmt: skip
    view["private_metadata"] = metadata
    return view | ({"submit": _plain(texts.ASK_SEND)} if submit else {})


def _text_input(block_id: str, label: str, initial: str = "", placeholder: str = "") -> Block:
    element: Block = {"type": "plain_text_input", "action_id": block_id, "multiline": True,
                      "max_length": INPUT_LIMIT}  # fmt: skip
    if initial:
        element["initial_value"] = initial[:INPUT_LIMIT]
    if placeholder:
        element["placeholder"] = _plain(placeholder, 150)
    return {"type": "input", "block_id": block_id, "label": _plain(label), "element": element}


def _option(value: str, label: str) -> dict[str, Any]:
    return {"text": _plain(label), "value": value}


def form(ask: AskForm) -> Block:
    """The modal: the question to edit, the reminder, and anonymous or named (anonymous preselected).

    ``private_metadata`` carries what Kodeks had answered (kind and topic), not the person.
    """
    anonymous = _option(ANONYMOUS, texts.ASK_ANONYMOUS)
    who = {"type": "radio_buttons", "action_id": WHO_BLOCK, "initial_option": anonymous,
           "options": [anonymous, _option(NAMED, texts.ask_named(ask.owner))]}  # fmt: skip
    blocks: list[Block] = [
        {"type": "header", "text": _plain(texts.ask_owner_button(ask.owner), 150)},
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": escape(texts.ask_form_intro(ask.owner, ask.has_channel))},
        },
        _text_input(QUESTION_BLOCK, texts.ASK_QUESTION_LABEL, ask.question),
        {"type": "context", "elements": [{"type": "mrkdwn", "text": escape(texts.ASK_REMINDER)}]},
        {"type": "input", "block_id": WHO_BLOCK, "label": _plain(texts.ASK_WHO_LABEL), "element": who},
    ]
    metadata = json.dumps({"kind": ask.kind, "topic": ask.topic})
    return _modal(CALLBACK_ASK, texts.ASK_FORM_TITLE, blocks, metadata)


def answered_of(metadata: str) -> tuple[str, str]:
    """(kind, topic) from a form's ``private_metadata``; ("", "") if it is not ours."""
    try:
        data = json.loads(metadata or "{}")
    except ValueError:
        return "", ""
    return (str(data.get("kind", "")), str(data.get("topic", ""))) if isinstance(data, dict) else ("", "")


def confirmation(text: str) -> Block:
    """The form replaced by a short confirmation after sending (``response_action: update``)."""
    blocks: list[Block] = [{"type": "section", "text": {"type": "mrkdwn", "text": escape(text)}}]
    return _modal(CALLBACK_ASK + "_sent", texts.ASK_FORM_TITLE, blocks, "", submit=False)


def person(user_id: str) -> str:
    """A Slack user as a mention; anything that is not a user id never reaches mrkdwn."""
    user = re.sub(r"[^A-Z0-9]", "", user_id)
    return f"<@{user}>" if user else ""


def review(card: Review) -> dict[str, Any]:
    """The owners' card of a question: ``text`` and ``blocks`` for chat.postMessage and chat.update."""
    shown = replace(card, answered=escape(card.answered))  # the rest is dates, states and mentions
    fields = [{"type": "mrkdwn", "text": f"*{escape(label)}*\n{value}"} for label, value in facts(shown)]
    blocks: list[Block] = [
        {"type": "header", "text": _plain(texts.review_title(card.owner), 150)},
        {"type": "section", "text": {"type": "mrkdwn", "text": _quote(card.question)[:3000]}},
        {"type": "section", "fields": fields},
    ]
    if card.answer:
        answer = f"*{texts.REVIEW_ANSWER_LABEL}*\n{_quote(card.answer)}"[:3000]
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": answer}})
    buttons = [
        {
            "type": "button",
            "text": _plain(label),
            "action_id": f"{ACTION_REVIEW}_{move}",
            "value": str(card.id),
        }
        for move, label in moves(card)
    ]
    if buttons:
        blocks.append({"type": "actions", "elements": buttons})
    return {"text": f"{texts.review_title(card.owner)}: {escape(card.question)}"[:3000], "blocks": blocks}


def answer_form(question_id: int, question: str) -> Block:
    """The modal in which an expert writes the answer; ``private_metadata`` is the question id."""
    blocks: list[Block] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": _quote(question)[:3000]}},
        _text_input(ANSWER_BLOCK, texts.REVIEW_ANSWER_LABEL, placeholder=texts.REVIEW_ANSWER_PLACEHOLDER),
    ]
    return _modal(CALLBACK_ANSWER, texts.REVIEW_ANSWER_TITLE, blocks, str(question_id))


def answer_message(owner: str, question: str, answer: str) -> dict[str, Any]:
    """The DM that brings the owners' answer to a named asker: their question, then the answer."""
    heading = texts.owner_answer_heading(owner)
    blocks: list[Block] = [
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": f"*{escape(heading)}*\n{_quote(question)}"[:3000]},
        },
        {"type": "section", "text": {"type": "mrkdwn", "text": escape(answer)[:3000]}},
    ]
    return {"text": f"{heading}: {escape(answer)}"[:3000], "blocks": blocks}


def thanks(offer: layout.AskOwner | None) -> dict[str, Any]:
    """The thanks for a vote; after a 👎 with the words asked, with "Spørg <codex owner>" under it."""
    if offer is None:
        return {"text": texts.FEEDBACK_THANKS}
    blocks: list[Block] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": escape(texts.FEEDBACK_THANKS)}},
        {"type": "actions", "elements": [slack_blocks.action_button(offer)]},
    ]
    return {"text": texts.FEEDBACK_THANKS, "blocks": blocks}


def asked_of(action_id: str, value: str) -> tuple[str, str, str]:
    """(question, kind, topic) from a ``kodeks_ask:<kind>:<topic>`` button click."""
    _, _, rest = action_id.partition(":")
    kind, _, topic = rest.partition(":")
    return actions.encode_question(value), kind, topic
