"""What the owners' console needs from the rest of Kodeks: one small Protocol and the data it returns.

The console knows nothing of the store, the service or the platforms; the composition root implements
``ConsoleBackend`` on top of them and hands it to ``bot.admin.mount``. Everything crossing this line is a
frozen dataclass, so the console's templates and the ``report`` command read the same typed values.
This module imports no web library: the CLI may use ``Report`` without loading aiohttp.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Protocol


class QuestionState(StrEnum):
    """Where a question sent to the secretariat is in the review queue (English ids, Danish labels)."""

    OPEN = "open"  # "ny": nobody has answered it yet
    ANSWERED = "answered"  # "besvaret"
    CLOSED = "closed"  # "lukket": no answer needed, or a duplicate


class UnknownQuestionError(LookupError):
    """Raised by a backend for a question id it does not have; the console answers 404."""

    def __init__(self, question_id: int) -> None:
        super().__init__(f"no question {question_id}")
        self.question_id = question_id


@dataclass(frozen=True, slots=True)
class WeekCount:
    """Questions in one ISO week, counted only on the days inside the report's period."""

    week_start: date  # the Monday
    answered: int  # answered from the codex
    not_answered: int  # "kan ikke svare": the codex did not answer


@dataclass(frozen=True, slots=True)
class FeedbackCount:
    """👍/👎 votes for one topic and bullet (``bullet`` None: a vote on the answer as a whole)."""

    topic: str
    bullet: str | None  # "neutralitet.2"
    up: int
    down: int


@dataclass(frozen=True, slots=True)
class Report:
    """Anonymous usage counts for a period, dates inclusive: no question text and no person.

    Note:
        ``weeks`` is the only source of the answered/not-answered totals, so the totals and the weekly
        chart can never disagree. A week cut by ``first`` or ``last`` counts only its days inside them.
    """

    first: date
    last: date
    weeks: tuple[WeekCount, ...]  # oldest first, one per ISO week touching the period
    by_topic: Mapping[str, int]  # virtue id or "eskalering" → answers
    by_platform: Mapping[str, int]  # "slack", "teams" → questions
    feedback: tuple[FeedbackCount, ...]
    asked: Mapping[QuestionState, int]  # questions sent to the secretariat in the period, by state now
    tips_sent: int
    dilemmas_sent: int
    subscribed_channels: Mapping[str, int] = field(default_factory=dict)  # "tips", "dilemmas" → channels now
    by_kind: Mapping[str, int] = field(default_factory=dict)  # every reply by kind: virtue shown, help, tip …

    @property
    def answered(self) -> int:
        """Questions answered from the codex in the period."""
        return sum(week.answered for week in self.weeks)

    @property
    def not_answered(self) -> int:
        """Questions the codex did not answer in the period."""
        return sum(week.not_answered for week in self.weeks)


@dataclass(frozen=True, slots=True)
class QueuedQuestion:
    """A question someone sent to the secretariat, as the review queue shows it."""

    id: int
    text: str  # the asker's words: personal data, shown only to signed-in owners
    platform: str  # "slack", "teams"
    asked_at: datetime
    state: QuestionState
    topic: str | None = None  # what Kodeks matched when it was asked, if anything
    answer: str = ""  # the secretariat's answer, once given
    handled_by: str = ""  # who answered or closed it ("konsollen", or a Slack user)
    handled_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class BulletRef:
    """A bullet as the console lists it: its id and the codex's own words."""

    id: str  # "neutralitet.2"
    text: str


@dataclass(frozen=True, slots=True)
class Preview:
    """What Kodeks would reply to a question, in every rendering a platform would show."""

    question: str
    topic: str | None  # virtue id, "eskalering", or None when the codex does not answer
    confidence: float
    bullets: tuple[BulletRef, ...]  # best first
    alternatives: tuple[str, ...]  # other likely topics, or "mente du …?" suggestions
    plain_text: str  # the local chat, and the fallback text of chat messages
    slack_blocks: tuple[dict[str, Any], ...]  # Block Kit, exactly as Slack gets it
    adaptive_card: dict[str, Any]  # the Adaptive Card, exactly as Teams gets it


@dataclass(frozen=True, slots=True)
class TopicInfo:
    """One topic of the loaded knowledge: for the Viden page and the example picker."""

    id: str
    name: str
    bullets: tuple[BulletRef, ...]  # empty for "eskalering"
    examples: int  # example questions the matcher learns from


@dataclass(frozen=True, slots=True)
class KnowledgeInfo:
    """The knowledge the server runs with, and whether the folder on disk still validates."""

    title: str
    version: str
    directory: str
    loaded_at: datetime
    counts: Mapping[str, int]  # Danish label → number, in display order
    topics: tuple[TopicInfo, ...]
    check_ok: bool  # the folder on disk passes check-knowledge now
    check_lines: tuple[str, ...]  # its summary line, or one FILE:LINE: problem each


class ConsoleBackend(Protocol):
    """Everything the console reads or changes. Implemented by the integrator on the store and service."""

    def today(self) -> date:
        """Today in the codex's timezone: the default report period ends here."""
        ...

    async def report(self, first: date, last: date) -> Report:
        """Usage counts for ``first``..``last``, both inclusive (``first <= last`` is guaranteed)."""
        ...

    async def questions(self, state: QuestionState | None) -> list[QueuedQuestion]:
        """The review queue, newest first; ``None`` means every state."""
        ...

    async def question(self, question_id: int) -> QueuedQuestion | None:
        """One question, or None when the id is unknown."""
        ...

    async def answer_question(self, question_id: int, answer: str, by: str) -> None:
        """Record the secretariat's answer and mark the question answered.

        Raises:
            UnknownQuestionError: no question has this id.
        """
        ...

    async def close_question(self, question_id: int, by: str) -> None:
        """Mark a question closed without an answer.

        Raises:
            UnknownQuestionError: no question has this id.
        """
        ...

    def preview(self, question: str) -> Preview:
        """Match and render a question without recording anything (see ``bot.admin.preview``)."""
        ...

    async def knowledge_info(self) -> KnowledgeInfo:
        """The loaded knowledge and a fresh check of its folder (see ``bot.admin.knowledge``)."""
        ...
