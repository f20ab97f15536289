"""An in-memory ``ConsoleBackend`` for the console's tests: canned counts, a real matcher and renderers.

Only the store is faked. Previews and knowledge info go through the real service and the real
renderers, so a browser test sees the card Teams would get for the project's own knowledge.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

from bot.admin.backend import (
    FeedbackCount,
    KnowledgeInfo,
    Preview,
    QuestionState,
    QueuedQuestion,
    Report,
    UnknownQuestionError,
    WeekCount,
)
from bot.admin.knowledge import describe
from bot.admin.preview import build_preview
from bot.core.replies import Replies

TODAY = date(2026, 11, 22)
LOADED_AT = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
TOPIC_COUNTS = {
    "neutralitet": 88,
    "aabenhed-om-fejl": 61,
    "sandhed": 47,
    "faglighed": 40,
    "lovlighed": 35,
    "ansvar-og-ledelse": 22,
    "udvikling-og-samarbejde": 15,
    "eskalering": 21,
}
FEEDBACK = (
    FeedbackCount("neutralitet", "neutralitet.2", 14, 2),
    FeedbackCount("neutralitet", "neutralitet.1", 9, 1),
    FeedbackCount("aabenhed-om-fejl", "aabenhed-om-fejl.3", 11, 3),
    FeedbackCount("sandhed", "sandhed.1", 7, 0),
    FeedbackCount("lovlighed", "lovlighed.2", 5, 2),
    FeedbackCount("eskalering", None, 5, 1),
)


def sample_questions() -> dict[int, QueuedQuestion]:
    """Three questions in the queue, one in each state."""
    asked = datetime(2026, 11, 20, 10, 15, tzinfo=UTC)
    return {
        1: QueuedQuestion(
            1, "Må jeg hjælpe en politiker med en valgtale?", "slack", asked, QuestionState.OPEN
        ),
        2: QueuedQuestion(
            2,
            "Hvem skal jeg gå til, hvis min chef beder mig pynte på tallene?",
            "teams",
            asked - timedelta(days=2),
            QuestionState.ANSWERED,
            topic="sandhed",
            answer="Gå til din nærmeste leders leder eller til Regionssekretariatet.",
            handled_by="U0OWNER",
            handled_at=asked - timedelta(days=1),
        ),
        3: QueuedQuestion(
            3, "hej", "slack", asked - timedelta(days=3), QuestionState.CLOSED, handled_by="konsollen"
        ),
    }


class FakeBackend:
    """Keeps the queue in a dict and answers reports from fixed numbers; records what it was asked."""

    def __init__(self, service: Replies) -> None:
        self.service = service
        self.queue = sample_questions()
        self.report_periods: list[tuple[date, date]] = []

    def today(self) -> date:
        """A fixed day, so reports and screenshots are the same on every run."""
        return TODAY

    async def report(self, first: date, last: date) -> Report:
        """Weekly numbers that vary a little from week to week, over the requested period."""
        self.report_periods.append((first, last))
        monday = first - timedelta(days=first.weekday())
        weeks: list[WeekCount] = []
        while monday <= last:
            n = len(weeks)
            weeks.append(WeekCount(monday, 30 + (n * 7) % 17, 2 + n % 4))
            monday += timedelta(days=7)
        asked = {state: sum(q.state is state for q in self.queue.values()) for state in QuestionState}
        return Report(
            first=first,
            last=last,
            weeks=tuple(weeks),
            by_topic=TOPIC_COUNTS,
            by_platform={"slack": 300, "teams": 149},
            feedback=FEEDBACK,
            asked=asked,
            tips_sent=230,
            dilemmas_sent=18,
            subscribed_channels={"tips": 12, "dilemmas": 3},
        )

    async def questions(self, state: QuestionState | None) -> list[QueuedQuestion]:
        """The queue, newest first."""
        found = [q for q in self.queue.values() if state is None or q.state is state]
        return sorted(found, key=lambda q: q.asked_at, reverse=True)

    async def question(self, question_id: int) -> QueuedQuestion | None:
        """One question by id."""
        return self.queue.get(question_id)

    async def answer_question(self, question_id: int, answer: str, by: str) -> None:
        """Store the answer and mark the question answered."""
        question = self._get(question_id)
        self.queue[question_id] = dataclasses.replace(
            question, state=QuestionState.ANSWERED, answer=answer, handled_by=by, handled_at=LOADED_AT
        )

    async def close_question(self, question_id: int, by: str) -> None:
        """Mark the question closed."""
        question = self._get(question_id)
        self.queue[question_id] = dataclasses.replace(
            question, state=QuestionState.CLOSED, handled_by=by, handled_at=LOADED_AT
        )

    def _get(self, question_id: int) -> QueuedQuestion:
        if question_id not in self.queue:
            raise UnknownQuestionError(question_id)
        return self.queue[question_id]

    def preview(self, question: str) -> Preview:
        """The real matcher and renderers on the project's knowledge."""
        result = self.service.match(question)
        return build_preview(self.service.codex, question, result, self.service.answer_to(result))

    async def knowledge_info(self) -> KnowledgeInfo:
        """The real knowledge, checked on disk."""
        return describe(self.service.knowledge, LOADED_AT)
