"""The Answer and the knowledge base as JSON, for tools (``ask --json``, ``knowledge --json``)."""

from __future__ import annotations

import dataclasses
from typing import Any

from bot.core.answer import Answer
from bot.core.codex import Codex
from bot.core.dilemmas import Dilemma
from bot.core.matcher import Match, MatchResult


def _joined(text: str) -> str:
    """Codex text with its paragraph breaks joined, as interfaces.md promises."""
    return " ".join(text.split())


def answer_to_dict(answer: Answer) -> dict[str, Any]:
    """The Answer as plain JSON data.

    Its kind, topic, virtue and quoted bullets come first, then the content's own fields (a notice's
    data, a matched passage …) and the context (contacts, the escalation path).
    """
    context = dataclasses.asdict(answer.context)
    shown = ("virtue", "bullets", "bullet")
    return {
        "kind": answer.kind.value,
        "topic": answer.topic,
        "virtue": dataclasses.asdict(answer.virtue) if answer.virtue else None,
        "bullets": [dataclasses.asdict(bullet) for bullet in answer.bullets],
        "confidence": answer.confidence,
        **{key: value for key, value in dataclasses.asdict(answer.content).items() if key not in shown},
        **context,
    }


def match_to_dict(question: str, result: MatchResult) -> dict[str, Any]:
    """One line of ``python -m bot match``: the format other tools rely on."""
    if isinstance(result, Match):
        return {
            "question": question,
            "topic": result.topic,
            "confidence": result.confidence,
            "bullets": list(result.bullets),
            "alternatives": list(result.alternatives),
        }
    return {
        "question": question,
        "topic": None,
        "confidence": 0.0,
        "bullets": [],
        "alternatives": list(result.suggestions),
    }


def codex_to_dict(codex: Codex) -> dict[str, Any]:
    """The knowledge base in the shape documented in interfaces.md."""
    return {
        "title": codex.title,
        "version": codex.version,
        "source": codex.source,
        "virtues": [
            {
                "id": virtue.id,
                "name": virtue.name,
                "promise": virtue.promise,
                "intro": _joined(virtue.intro),
                "bullets": [{"id": bullet.id, "text": bullet.text} for bullet in virtue.bullets],
            }
            for virtue in codex.virtues
        ],
        "escalation": {
            "title": codex.escalation.title,
            "text": _joined(codex.escalation.text),
            "steps": list(codex.escalation.steps),
        },
        "help": {"title": codex.help.title, "text": _joined(codex.help.text)},
        "contacts": [dataclasses.asdict(contact) for contact in codex.contacts],
    }


def dilemma_to_dict(dilemma: Dilemma) -> dict[str, Any]:
    """One case of ``dilemmas --json``: id, title, situation, question, virtues, bullets, discussion."""
    fields = dataclasses.asdict(dilemma)
    del fields["line"]  # where the case starts in its file: for error messages, not for tools
    return {key: list(value) if isinstance(value, tuple) else value for key, value in fields.items()}
