"""Render an Answer as an Adaptive Card 1.5, the card format Teams shows.

The card walks the same ``layout`` sections as Slack's blocks, so both platforms show the same
content in the same order. Only semantic styles are used (``heading``, ``emphasis``, ``isSubtle``),
never a colour: Teams maps them onto its light, dark and high-contrast themes. Buttons are
``Action.Submit`` with a ``verb`` that the Teams adapter routes on; their data holds topic and bullet
ids, never user text.
"""

from __future__ import annotations

from typing import Any

from bot.core.answer import Answer
from bot.core.codex import Contact
from bot.render import actions, layout, plain, texts

Element = dict[str, Any]

CARD_VERSION = "1.5"
VERB_SHOW_TOPIC = "show_topic"
VERB_FEEDBACK = "feedback"
VERB_COMMAND = "command"
"""Every button that carries chat words (``layout.RunCommand``): its data's ``command`` is typed for you."""
VERB_ASK = "ask"  # data: the words asked, and the kind and topic of what Kodeks had answered
BUTTONS_PER_ROW = 3
"""Teams does not wrap a row of buttons but cuts their titles; three keep long virtue names readable."""


def _text(text: str, **style: Any) -> Element:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def _submit(title: str, data: dict[str, str]) -> Element:
    return {"type": "Action.Submit", "title": title, "data": data}


def _rows(actions: list[Element]) -> list[Element]:
    return [
        {"type": "ActionSet", "actions": actions[i : i + BUTTONS_PER_ROW]}
        for i in range(0, len(actions), BUTTONS_PER_ROW)
    ]


def _contact(contact: Contact, country_code: str) -> list[Element]:
    name, email, phone, url = contact.name, contact.email, contact.phone, contact.url
    links = f"[{email}](mailto:{email}) · [{phone}]({layout.tel_uri(phone, country_code)}) · [{url}]({url})"
    return [_text(name, weight="Bolder", spacing="Small"), _text(links, spacing="None")]


def _elements(section: layout.Section) -> list[Element]:
    match section:
        case layout.Title(text, subtitle):
            title = _text(text, style="heading", size="Large", weight="Bolder")
            return [title] + ([_text(subtitle, isSubtle=True, spacing="Small")] if subtitle else [])
        case layout.Heading(text):
            return [_text(text, weight="Bolder", spacing="Medium")]
        case layout.Paragraphs(paragraphs):
            return [_text(paragraph) for paragraph in paragraphs]
        case layout.Quote(text, citation):
            quote = [_text(f"»{text}«"), _text(f"— {citation}", isSubtle=True, size="Small", spacing="Small")]
            return [{"type": "Container", "style": "emphasis", "bleed": False, "items": quote}]
        case layout.Steps(items):
            return [
                {
                    "type": "ColumnSet",
                    "spacing": "Small",
                    "columns": [
                        {"type": "Column", "width": "auto", "items": [_text(f"{n}.", weight="Bolder")]},
                        {"type": "Column", "width": "stretch", "items": [_text(item)]},
                    ],
                }
                for n, item in enumerate(items, 1)
            ]
        case layout.Contacts(contacts, country_code):
            return [element for contact in contacts for element in _contact(contact, country_code)]
        case layout.Choices(heading, topics):
            buttons = [_submit(t.name, {"verb": VERB_SHOW_TOPIC, "topic": t.id}) for t in topics]
            return [_text(heading, weight="Bolder", spacing="Medium"), *_rows(buttons)]
        case layout.Note(text):
            return [_text(text, isSubtle=True, size="Small")]
        case layout.Commands(heading, commands):
            return [_text(heading, weight="Bolder", spacing="Medium"), *_rows([_action(b) for b in commands])]
    raise TypeError(f"unknown section {section!r}")  # pragma: no cover - all kinds handled above


def _action(button: layout.Button) -> Element:
    match button:
        case layout.ShowTopic(label, topic):
            return _submit(label, {"verb": VERB_SHOW_TOPIC, "topic": topic})
        case layout.Feedback(label):
            return _submit(
                label, {"verb": VERB_FEEDBACK, "value": actions.encode_vote(actions.vote_of(button))}
            )
        case layout.RunCommand(label, command):
            return _submit(label, {"verb": VERB_COMMAND, "command": command})
        case layout.AskOwner(label, question, kind, topic):
            return _submit(label, {"verb": VERB_ASK, "question": question, "kind": kind, "topic": topic})
    raise TypeError(f"unknown button {button!r}")  # pragma: no cover - all kinds handled above


def action(button: layout.Button) -> Element:
    """One answer button as an ``Action.Submit``, for a card built elsewhere (the thanks after a 👎)."""
    return _action(button)


def _card(answer: Answer, body: list[layout.Section]) -> Element:
    """Body sections, the answer's buttons, then the footer under a separator: Slack's order."""
    elements = [element for section in body for element in _elements(section)]
    elements += _rows([_action(button) for button in layout.answer_buttons(answer)])
    footer = [element for section in layout.footer(answer) for element in _elements(section)]
    if footer:  # a notice ("tips are on") has none
        footer[0] = {**footer[0], "separator": True, "spacing": "Large"}
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": CARD_VERSION,
        "fallbackText": plain.render(answer),  # for clients that cannot show the card
        "msteams": {"width": "Full"},  # Teams' host extension: the card may use the whole message width
        "body": elements + footer,
    }


def render(answer: Answer) -> Element:
    """Return the answer as an Adaptive Card (a JSON-ready dict)."""
    return _card(answer, layout.body(answer))


def welcome(answer: Answer, in_channel: bool) -> Element:
    """The card sent when Kodeks is added: the help answer under a welcome title.

    Note:
        In a channel or group chat Kodeks only hears messages that mention it, so the card says so.
    """
    body: list[layout.Section] = [layout.Title(texts.WELCOME_TITLE)]
    body += [section for section in layout.body(answer) if not isinstance(section, layout.Title)]
    if in_channel:
        body.append(layout.Note(texts.TEAMS_MENTION_HINT))
    return _card(answer, body)


def summary(answer: Answer) -> str:
    """One line for notifications and the chat list: the answer's title."""
    titles = [s for s in layout.body(answer) if isinstance(s, layout.Title)]
    return titles[0].text if titles else texts.BOT_NAME
