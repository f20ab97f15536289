"""Render an Answer as readable plain text: the terminal, and the fallback text of chat messages.

Note:
    Lines are not hard-wrapped: codex text must come out exactly as the codex has it (a quoted bullet
    or passage can be found, copied and compared as one line), and terminals and chat clients wrap
    long lines themselves.
"""

from __future__ import annotations

from bot.core.answer import Answer
from bot.render import layout, texts


def _wrap(text: str, indent: str = "", first: str | None = None, hyphens: bool = True) -> str:
    """One line, with its leading marker (``first``, else ``indent``); never broken inside."""
    return (indent if first is None else first) + text


def _section(section: layout.Section) -> str:
    match section:
        case layout.Title(text, subtitle):
            return f"{text.upper()}\n{_wrap(subtitle)}" if subtitle else text.upper()
        case layout.Heading(text):
            return text if text.endswith((":", "?")) else f"{text}:"
        case layout.Paragraphs(paragraphs):
            return "\n\n".join(_wrap(paragraph) for paragraph in paragraphs)
        case layout.Quote(text, citation):
            return _wrap(f"»{text}«", "    ", "  • ") + f"\n      — {citation}"
        case layout.Steps(items):
            return "\n".join(_wrap(item, "     ", f"  {n}. ") for n, item in enumerate(items, 1))
        case layout.Contacts(contacts, _):
            return "\n".join(
                _wrap(texts.contact_line(c.name, c.email, c.phone, c.url), "    ", "  ") for c in contacts
            )
        case layout.Choices(heading, topics):
            names = ", ".join(f"{topic.name} (skriv »{topic.command}«)" for topic in topics)
            return _wrap(f"{heading}: {names}")
        case layout.Note(text):
            return _wrap(text)
        case layout.Commands(heading, _, hint) if hint:
            return _wrap(f"{heading} {hint}", hyphens=False)
        case layout.Commands(heading, buttons):
            names = ", ".join(f"{button.label} (skriv »{button.command}«)" for button in buttons)
            return _wrap(f"{heading} {names}", hyphens=False)
    raise TypeError(f"unknown section {section!r}")  # pragma: no cover - all kinds handled above


def _typed_buttons(answer: Answer) -> list[str]:
    """Buttons that run chat words ("Næste", "intro 3") as words to type: plain text has no buttons."""
    commands = [b for b in layout.answer_buttons(answer) if isinstance(b, layout.RunCommand)]
    line = " · ".join(f"{button.label}: skriv »{button.command}«" for button in commands)
    return [_wrap(line, hyphens=False)] if line else []


def render(answer: Answer) -> str:
    """Return the answer as plain text, sections separated by blank lines."""
    body = [_section(section) for section in layout.body(answer)] + _typed_buttons(answer)
    return "\n\n".join(body + [_section(section) for section in layout.footer(answer)])
