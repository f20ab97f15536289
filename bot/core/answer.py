"""Build the platform-neutral Answer that every renderer shows.

An Answer holds codex objects, never rephrased text: the renderers quote bullets, steps and contacts
exactly as the codex has them. Every kind of Answer carries the escalation path and the contacts,
because a person asking about their duties must always learn whom to go to.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.core.codex import ESCALATION_TOPIC, Bullet, Codex, Contact, Escalation, Virtue
from bot.core.matcher import Match, MatchResult

MAX_QUOTED_BULLETS = 3
"""An answer quotes at most this many bullets: enough for a two-sided question, short enough to read."""

QUOTE_RATIO = 0.6
"""A further bullet is quoted only if it scores at least this share of the best one: a reader should
see the bullets that answer the question, not every bullet of the virtue that shares a word with it."""


class AnswerKind(StrEnum):
    """What the person gets back."""

    MATCH = "match"  # a question answered with a virtue's bullets
    ESCALATION = "escalation"  # a question about what to do and whom to go to
    VIRTUE = "virtue"  # one virtue in full
    HELP = "help"  # what the bot can do
    NO_MATCH = "no_match"  # the codex does not answer this; help plus suggestions
    TIP = "tip"  # the daily tip: one bullet with its virtue
    NOTICE = "notice"  # a short confirmation from the bot itself, e.g. "tips are on"


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic offered as a button or a "mente du …?": its id and the name people see."""

    id: str
    name: str
    command: str  # what to type to see it: the virtue's name in lowercase, or the topic id


@dataclass(frozen=True, slots=True)
class Answer:
    """Everything a renderer needs, in codex words; renderers only format."""

    kind: AnswerKind
    codex_title: str
    version: str
    virtue: Virtue | None  # the virtue answered or shown; None for escalation, help and no match
    bullets: tuple[Bullet, ...]  # quoted exactly, best first
    escalation: Escalation  # always present: whom to go to
    contacts: tuple[Contact, ...]  # always present
    suggestions: tuple[Topic, ...] = ()  # did-you-mean topics, or other likely topics of a match
    virtues: tuple[Topic, ...] = ()  # all seven, for help and no-match replies
    help_text: str = ""  # the codex's "Mere viden eller hjælp?" text, for help and escalation
    confidence: float | None = None
    notice: str = ""  # the bot's own sentence, for NOTICE answers


def topic_of(codex: Codex, topic_id: str) -> Topic:
    """Return a topic's display name; the escalation topic is named by its codex title."""
    if topic_id == ESCALATION_TOPIC:
        return Topic(topic_id, codex.escalation.title, topic_id)
    name = codex.virtue(topic_id).name
    return Topic(topic_id, name, name.lower())


def _base(codex: Codex, kind: AnswerKind, **fields: object) -> Answer:
    return Answer(
        kind=kind,
        codex_title=codex.title,
        version=codex.version,
        escalation=codex.escalation,
        contacts=codex.contacts,
        **fields,  # type: ignore[arg-type]
    )


def build_answer(codex: Codex, result: MatchResult) -> Answer:
    """Answer a matched question, or explain what the bot can do when nothing matched."""
    if not isinstance(result, Match):
        return no_match_answer(codex, tuple(result.suggestions))
    suggestions = tuple(topic_of(codex, topic) for topic in result.alternatives)
    if result.topic == ESCALATION_TOPIC:
        return _base(
            codex,
            AnswerKind.ESCALATION,
            virtue=None,
            bullets=(),
            suggestions=suggestions,
            help_text=codex.help.text,
            confidence=result.confidence,
        )
    virtue = codex.virtue(result.topic)
    scored = zip(result.bullets, result.scores or (0.0,) * len(result.bullets), strict=True)
    own = [(codex.bullet(b), score) for b, score in scored if b.startswith(virtue.id + ".")]
    best = own[0][1] if own else 0.0
    quoted = [bullet for n, (bullet, score) in enumerate(own) if n == 0 or score >= best * QUOTE_RATIO]
    return _base(
        codex,
        AnswerKind.MATCH,
        virtue=virtue,
        bullets=tuple(quoted[:MAX_QUOTED_BULLETS]),
        suggestions=suggestions,
        confidence=result.confidence,
    )


def virtue_answer(codex: Codex, virtue: Virtue) -> Answer:
    """One virtue in full: promise, introduction and every bullet."""
    return _base(codex, AnswerKind.VIRTUE, virtue=virtue, bullets=virtue.bullets)


def help_answer(codex: Codex) -> Answer:
    """What the bot can do, the seven virtues and whom to contact."""
    return _base(
        codex,
        AnswerKind.HELP,
        virtue=None,
        bullets=(),
        virtues=_all_virtues(codex),
        help_text=codex.help.text,
    )


def no_match_answer(codex: Codex, suggestions: tuple[str, ...]) -> Answer:
    """The codex does not answer the question: say so, offer close topics and the seven virtues."""
    return _base(
        codex,
        AnswerKind.NO_MATCH,
        virtue=None,
        bullets=(),
        suggestions=tuple(topic_of(codex, topic) for topic in suggestions),
        virtues=_all_virtues(codex),
    )


def tip_answer(codex: Codex, bullet: Bullet) -> Answer:
    """A daily tip: one bullet with its virtue, and an invitation to read the whole virtue."""
    return _base(codex, AnswerKind.TIP, virtue=codex.virtue(bullet.virtue_id), bullets=(bullet,))


def notice_answer(codex: Codex, notice: str) -> Answer:
    """A confirmation in the bot's own words: no codex text, so no footer either."""
    return _base(codex, AnswerKind.NOTICE, virtue=None, bullets=(), notice=notice)


def _all_virtues(codex: Codex) -> tuple[Topic, ...]:
    return tuple(topic_of(codex, virtue.id) for virtue in codex.virtues)
