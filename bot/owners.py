"""What the codex owners see: the usage report and the review queue, from the store; the preview.

``OwnersBackend`` implements the console's ``ConsoleBackend`` (``bot.admin.backend``) on the store and the
knowledge's replies, and ``build_report`` is the one place the report's figures are computed, for the
console and for ``python -m bot report`` alike. Counts only: no question text, no person, except the
texts in the review queue, which only signed-in owners see and which retention deletes.
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

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
from bot.clock import Clock
from bot.core.answer import AnswerKind
from bot.core.replies import Replies
from bot.store import AskedQuestion, FeedbackStore, QuestionQueue, TipStore, UsageStore
from bot.store import QuestionState as StoredState

ANSWERED_KINDS = frozenset({AnswerKind.MATCH.value, AnswerKind.ESCALATION.value})
"""Replies that answered a question from the codex; ``no_match`` is the codex not answering one."""
SUBSCRIPTION_LABELS = {"tip": "tips", "dilemma": "dilemmas"}
"""The report names subscriptions by what channels get: "tips", "dilemmas"."""
CONSOLE = "konsollen"
"""Who handled a question, as the queue shows it, when it was answered or closed in the console."""


class OwnersStore(FeedbackStore, UsageStore, QuestionQueue, TipStore, Protocol):
    """What the report and the queue read."""


async def build_report(store: OwnersStore, first: date, last: date) -> Report:
    """The usage report of the days ``first`` to ``last`` (inclusive, local days).

    Questions are counted per ISO week (Monday as ``week_start``), only on the days inside the period;
    feedback and asked questions likewise; subscribed channels are counted as they are now.
    """
    weeks: dict[date, Counter[str]] = defaultdict(Counter)
    day = first - timedelta(days=first.weekday())
    while day <= last:
        weeks[day] = Counter()
        day += timedelta(days=7)
    by_topic: Counter[str] = Counter()
    by_platform: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    for count in await store.usage(first, last):
        by_kind[count.kind] += count.count
        week = weeks[count.day - timedelta(days=count.day.weekday())]
        if count.kind in ANSWERED_KINDS:
            week["answered"] += count.count
            by_topic[count.topic] += count.count
        elif count.kind == AnswerKind.NO_MATCH.value:
            week["not_answered"] += count.count
        else:
            continue
        by_platform[count.platform] += count.count
    votes: dict[tuple[str, str | None], Counter[str]] = defaultdict(Counter)
    for vote in await store.feedback():
        if first <= vote.day <= last:
            votes[(vote.topic, vote.bullet or None)].update(up=vote.helpful, down=vote.unhelpful)
    asked = Counter(
        QuestionState(question.state.value)
        for question in await store.questions()
        if first <= question.asked_at.date() <= last
    )
    sent = await store.scheduled_sent(first, last)
    return Report(
        first=first,
        last=last,
        weeks=tuple(WeekCount(start, c["answered"], c["not_answered"]) for start, c in sorted(weeks.items())),
        by_topic=dict(by_topic.most_common()),
        by_platform=dict(by_platform.most_common()),
        feedback=tuple(
            FeedbackCount(topic, bullet, c["up"], c["down"]) for (topic, bullet), c in votes.items()
        ),
        asked=dict(asked),
        tips_sent=sent.get("tip", 0),
        dilemmas_sent=sent.get("dilemma", 0),
        subscribed_channels={
            SUBSCRIPTION_LABELS.get(kind, kind): count
            for kind, count in (await store.subscribed_channels()).items()
        },
        by_kind=dict(by_kind.most_common()),
    )


class OwnersBackend:
    """The console's backend: the store for counts and the queue, the replies for the preview."""

    def __init__(
        self, replies: Replies, store: OwnersStore, timezone: ZoneInfo, loaded_at: datetime, clock: Clock
    ) -> None:
        self._replies, self._store, self._zone = replies, store, timezone
        self._loaded_at, self._clock = loaded_at, clock

    def today(self) -> date:
        """Today in ``KODEKS_TIMEZONE``."""
        return self._clock().astimezone(self._zone).date()

    async def report(self, first: date, last: date) -> Report:
        """The usage report of the period (see ``build_report``)."""
        return await build_report(self._store, first, last)

    async def questions(self, state: QuestionState | None) -> list[QueuedQuestion]:
        """The review queue, newest first."""
        stored = await self._store.questions(StoredState(state.value) if state else None)
        return [self._queued(question) for question in stored]

    async def question(self, question_id: int) -> QueuedQuestion | None:
        """One question, or None."""
        stored = await self._store.question(question_id)
        return self._queued(stored) if stored else None

    async def answer_question(self, question_id: int, answer: str, by: str) -> None:
        """Record the owners' answer; UnknownQuestionError if there is no such open question."""
        await self._resolve(question_id, StoredState.ANSWERED, by or CONSOLE, answer)

    async def close_question(self, question_id: int, by: str) -> None:
        """Close a question without an answer."""
        await self._resolve(question_id, StoredState.CLOSED, by or CONSOLE, None)

    async def _resolve(self, question_id: int, state: StoredState, by: str, answer: str | None) -> None:
        if await self._store.question(question_id) is None:
            raise UnknownQuestionError(question_id)
        await self._store.resolve(question_id, state, by, answer, self._clock())

    def preview(self, question: str) -> Preview:
        """What Kodeks would reply, in every rendering; nothing is counted or stored."""
        result = self._replies.match(question)
        return build_preview(self._replies.codex, question, result, self._replies.answer_to(result))

    async def knowledge_info(self) -> KnowledgeInfo:
        """The loaded knowledge, and a fresh check of its folder (in a thread: it parses YAML)."""
        return await asyncio.to_thread(describe, self._replies.knowledge, self._loaded_at)

    def _queued(self, question: AskedQuestion) -> QueuedQuestion:
        return QueuedQuestion(
            id=question.id,
            text=question.question,
            platform=question.platform,
            asked_at=question.asked_at.astimezone(self._zone),
            state=QuestionState(question.state.value),
            topic=question.kodeks_topic,
            answer=question.answer or "",
            handled_by=question.handled_by or "",
            handled_at=question.handled_at.astimezone(self._zone) if question.handled_at else None,
        )
