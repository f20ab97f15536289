"""Questions sent to the codex owners ("Spørg Regionssekretariatet"): the review queue's front desk.

Both chat platforms call the desk when a person sends a question from the form, and when an expert
answers, marks or closes it on the card in the owners' channel; the platforms only translate forms
and cards. The desk keeps what the owners need and nothing about the person: the words, the moment,
the platform and what Kodeks had answered. Only a person who chose to be named leaves a reference,
and only the one the platform needs to send the answer (a Slack user id, a Teams conversation
reference), never a name.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.core.answer import AnswerKind
from bot.store import AskedQuestion, QuestionQueue, QuestionState

log = logging.getLogger(__name__)

MAX_QUESTION = 2000
"""A question is kept up to this many characters: Slack's limit for the button that carries it."""
ASKED_KINDS = frozenset({AnswerKind.NO_MATCH.value, AnswerKind.MATCH.value, AnswerKind.ESCALATION.value})
"""The replies that offer to ask the codex owners: "kan ikke svare", an unsure answer, a 👎."""
UNKNOWN_KIND = "unknown"


class OwnerDesk:
    """Keeps questions for the codex owners and moves them on; knows where each platform posts them."""

    def __init__(
        self, queue: QuestionQueue, owner: str, topics: frozenset[str], experts: Mapping[str, str]
    ) -> None:
        self._queue = queue
        self.owner = owner  # the codex owner's name, e.g. "Regionssekretariatet"
        self._topics = topics
        self._experts = experts  # platform name → the owners' channel there ("" or absent: none)

    def experts_channel(self, platform: str) -> str:
        """The owners' channel on ``platform``, or "" when none is configured (then only the queue)."""
        return self._experts.get(platform, "")

    async def submit(
        self,
        platform: str,
        question: str,
        answered: tuple[str, str],
        asker: Mapping[str, Any] | None,
        now: datetime,
    ) -> AskedQuestion | None:
        """Keep a question in state ``open``; None when there are no words to keep.

        ``answered`` is (kind, topic) of what Kodeks had replied, as a button brought it back: a kind
        Kodeks does not have becomes "unknown", a topic the codex does not have is dropped.
        """
        words = question.strip()[:MAX_QUESTION]
        if not words:
            return None
        kind, topic = answered
        kodeks = (kind if kind in ASKED_KINDS else UNKNOWN_KIND, topic if topic in self._topics else None)
        stored = await self._queue.enqueue(now, platform, words, kodeks, asker)
        log.info(
            "question_to_owners",
            extra={"question_id": stored.id, "platform": platform, "kind": kodeks[0],
                   "topic": kodeks[1] or "", "named": asker is not None},
        )  # fmt: skip
        return stored

    async def attach_card(self, question_id: int, card: Mapping[str, Any]) -> None:
        """Remember where the owners' card of a question is, to update it in place later."""
        await self._queue.attach_card(question_id, card)

    async def question(self, question_id: int) -> AskedQuestion | None:
        """One question, or None when it does not exist (any more: retention deletes old ones)."""
        return await self._queue.question(question_id)

    async def resolve(
        self, question_id: int, state: QuestionState, by: str, answer: str | None, now: datetime
    ) -> AskedQuestion | None:
        """Mark a question answered or closed by ``by`` (an expert); None if it cannot move (any more)."""
        resolved = await self._queue.resolve(question_id, state, by, answer, now)
        if resolved is not None:
            log.info("question_resolved", extra={"question_id": question_id, "state": state.value})
        return resolved


def question_id(value: object) -> int | None:
    """A question id as a button brought it back, or None if it is not one."""
    text = str(value).strip()
    return int(text) if text.isdigit() and len(text) < 19 else None
