"""Render an Answer as Slack Block Kit.

Buttons carry action ids that the Slack adapter listens for (``ACTION_*``); their values are topic
or bullet ids, never user text. Every text that goes into mrkdwn is escaped, so neither the codex nor
an echoed question can trigger ``<!channel>`` or a forged link.
"""

from __future__ import annotations

import re
from typing import Any

from bot.core.answer import Answer
from bot.render import actions, layout, texts

Block = dict[str, Any]

ACTION_SHOW_TOPIC = "kodeks_show_topic"
ACTION_FEEDBACK = "kodeks_feedback"
ACTION_SHARE = "kodeks_share"
ACTION_COMMAND = "kodeks_command"
"""Every button that carries chat words (``layout.RunCommand``); the suffix keeps action ids unique."""
ACTION_ASK = "kodeks_ask"  # + ":kind:topic"; the value is the words asked (see interfaces.md)

HEADER_LIMIT = 150  # Slack's limit for a header's plain text
TEXT_LIMIT = 3000  # Slack's limit for a section's text
BUTTONS_PER_ROW = 5


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn gives meaning to."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _plain(text: str, limit: int = 75) -> dict[str, Any]:
    return {"type": "plain_text", "text": text[:limit], "emoji": True}


def _section(mrkdwn: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn[:TEXT_LIMIT]}}


def _button(label: str, action_id: str, value: str) -> dict[str, Any]:
    return {"type": "button", "text": _plain(label), "action_id": action_id, "value": value}


def _blocks(section: layout.Section) -> list[Block]:
    match section:
        case layout.Title(text, subtitle):
            header: list[Block] = [{"type": "header", "text": _plain(text, HEADER_LIMIT)}]
            return header + ([_section(f"_{escape(subtitle)}_")] if subtitle else [])
        case layout.Heading(text):
            return [_section(f"*{escape(text)}*")]
        case layout.Paragraphs(paragraphs):
            return [_section("\n\n".join(escape(p) for p in paragraphs))]
        case layout.Quote(text, citation):
            return [_section(f">{escape(text)}\n— _{escape(citation)}_")]
        case layout.Steps(items):
            return [_section("\n".join(f"{n}. {escape(item)}" for n, item in enumerate(items, 1)))]
        case layout.Contacts(contacts, country_code):
            return [
                _section(
                    f"*{escape(c.name)}*\n<mailto:{c.email}|{escape(c.email)}> · "
                    f"<{layout.tel_uri(c.phone, country_code)}|{escape(c.phone)}> · <{c.url}|{escape(c.url)}>"
                )
                for c in contacts
            ]
        case layout.Choices(heading, topics):
            buttons = [_button(topic.name, f"{ACTION_SHOW_TOPIC}:{topic.id}", topic.id) for topic in topics]
            rows = [buttons[i : i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]
            return [_section(f"*{escape(heading)}*")] + [{"type": "actions", "elements": row} for row in rows]
        case layout.Note(text):
            return [{"type": "context", "elements": [{"type": "mrkdwn", "text": escape(text)}]}]
        case layout.Commands(heading, commands):
            buttons = [_action_button(button) for button in commands]
            rows = [buttons[i : i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]
            return [_section(f"*{escape(heading)}*")] + [{"type": "actions", "elements": row} for row in rows]
    raise TypeError(f"unknown section {section!r}")  # pragma: no cover - all kinds handled above


def _action_button(button: layout.Button) -> dict[str, Any]:
    match button:
        case layout.ShowTopic(label, topic):
            return _button(label, f"{ACTION_SHOW_TOPIC}:{topic}", topic)
        case layout.Feedback(label, helpful):
            vote = "up" if helpful else "down"
            return _button(label, f"{ACTION_FEEDBACK}:{vote}", actions.encode_vote(actions.vote_of(button)))
        case layout.RunCommand(label, command):
            return _button(label, f"{ACTION_COMMAND}:{command}", command)
        case layout.AskOwner(label, question, kind, topic):
            return _button(label, f"{ACTION_ASK}:{kind}:{topic}", actions.encode_question(question))
    raise TypeError(f"unknown button {button!r}")  # pragma: no cover - all kinds handled above


def action_button(button: layout.Button) -> dict[str, Any]:
    """One answer button as Block Kit, for a message built elsewhere (the thanks after a 👎)."""
    return _action_button(button)


def _answer_buttons(answer: Answer, share: str | None) -> list[Block]:
    """The answer's own buttons (see ``layout.answer_buttons``), and "Del i kanalen" when ephemeral."""
    buttons = [_action_button(button) for button in layout.answer_buttons(answer)]
    if share is not None:
        buttons.append(_button(texts.SHARE_BUTTON, ACTION_SHARE, actions.encode_share(share)))
    return [{"type": "actions", "elements": buttons}] if buttons else []


def shared_by(user_id: str) -> Block:
    """The context line above an answer someone shared in a channel."""
    user = re.sub(r"[^A-Z0-9]", "", user_id)  # a Slack user id; anything else must not reach mrkdwn
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": texts.SHARED_BY.format(user=user)}]}


def render(answer: Answer, share: str | None = None) -> list[Block]:
    """Return the answer as Block Kit blocks.

    ``share``, when given, adds the "Del i kanalen" button carrying those words (what was asked), so
    the shared message is the same answer rebuilt; ephemeral replies pass it, visible ones do not.
    """
    blocks = [block for section in layout.body(answer) for block in _blocks(section)]
    blocks += _answer_buttons(answer, share)
    footer = [block for section in layout.footer(answer) for block in _blocks(section)]
    return [*blocks, {"type": "divider"}, *footer] if footer else blocks


def modal(answer: Answer) -> Block:
    """The answer as a modal view (``views.open``): what a button on the Home tab shows.

    Note:
        A view has no response URL to answer into, so the Home tab's buttons open the answer in a
        modal; its title is the bot's name (a modal title holds at most 24 characters).
    """
    return {
        "type": "modal",
        "title": _plain(texts.BOT_NAME, 24),
        "close": _plain(texts.CLOSE_BUTTON, 24),
        "blocks": render(answer),
    }


def voted(blocks: list[Block]) -> list[Block]:
    """A message's blocks after a vote: the 👍/👎 buttons become a thank-you, the rest stays.

    Note:
        Replacing the buttons is what makes one vote per answer message: nobody can press again, and
        nothing about who voted is kept anywhere.
    """
    result: list[Block] = []
    for block in blocks:
        if block.get("type") != "actions":
            result.append(block)
            continue
        elements = block.get("elements", [])
        kept = [e for e in elements if not str(e.get("action_id", "")).startswith(f"{ACTION_FEEDBACK}:")]
        if kept:
            result.append({**block, "elements": kept})
        if len(kept) < len(elements):
            thanks = {"type": "mrkdwn", "text": escape(texts.FEEDBACK_THANKS)}
            result.append({"type": "context", "elements": [thanks]})
    return result
