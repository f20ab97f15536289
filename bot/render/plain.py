"""Render an Answer as readable plain text: the terminal, and the fallback text of chat messages."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from bot.core.answer import Answer
from bot.render import layout, texts

WIDTH = 88


def _wrap(text: str, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(
        text, WIDTH, initial_indent=indent if first is None else first, subsequent_indent=indent
    )


def _unwrapped(text: str, indent: str = "", first: str | None = None) -> str:
    return f"{indent if first is None else first}{text}"


def _section(section: layout.Section, fill: Callable[..., str] = _wrap) -> str:
    match section:
        case layout.Title(text, subtitle):
            return f"{text.upper()}\n{fill(subtitle)}" if subtitle else text.upper()
        case layout.Heading(text):
            return text if text.endswith((":", "?")) else f"{text}:"
        case layout.Paragraphs(paragraphs):
            return "\n\n".join(fill(paragraph) for paragraph in paragraphs)
        case layout.Quote(text, citation):
            return fill(f"»{text}«", "    ", "  • ") + f"\n      — {citation}"
        case layout.Steps(items):
            return "\n".join(fill(item, "     ", f"  {n}. ") for n, item in enumerate(items, 1))
        case layout.Contacts(contacts, _):
            return "\n".join(
                fill(texts.contact_line(c.name, c.email, c.phone, c.url), "    ", "  ") for c in contacts
            )
        case layout.Choices(heading, topics):
            names = ", ".join(f"{topic.name} (skriv »{topic.command}«)" for topic in topics)
            return fill(f"{heading}: {names}")
        case layout.Note(text):
            return fill(text)
    raise TypeError(f"unknown section {section!r}")  # pragma: no cover - all kinds handled above


def render(answer: Answer, wrap: bool = True) -> str:
    """Return the answer as plain text, sections separated by blank lines.

    ``wrap`` breaks lines at ``WIDTH`` columns, for the terminal. A chat message's fallback text
    (``wrap=False``) is wrapped by the client that shows it, so it is not wrapped here: wrapping
    costs more than the rest of rendering together.
    """
    fill = _wrap if wrap else _unwrapped
    return "\n\n".join(_section(section, fill) for section in layout.sections(answer))
