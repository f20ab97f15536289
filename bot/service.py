"""The façade every chat platform calls: one reply for the same words, wherever they were typed.

``Kodeks`` is built complete by the composition root (``bot.web.create_app``, or a CLI command that
needs the database): the knowledge's replies, the store, the schedule and the logging choice are
given at construction and never attached later. What needs no store (help, topics, questions) is
delegated to ``bot.core.replies.Replies``; what changes something (subscriptions, votes) is here.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from bot.asking import OwnerDesk
from bot.clock import Clock
from bot.core.answer import Answer, DilemmasSwitched, NoDilemmas, Notice, TipsSwitched
from bot.core.commands import AskQuestion, Command, SwitchDilemmas, SwitchTips
from bot.core.replies import Replies
from bot.store import DILEMMA, FeedbackStore, TipStore
from bot.tips.schedule import TipSchedule
from bot.usage import UsageCounter

log = logging.getLogger(__name__)


class ChatStore(FeedbackStore, TipStore, Protocol):
    """What the chat needs from the database: votes and tip subscriptions."""


@dataclass(frozen=True, slots=True)
class Conversation:
    """Where words were typed: a platform and its channel or chat id ("" when there is none)."""

    platform: str
    channel: str


class Kodeks:
    """The bot's behaviour, independent of where the words came from."""

    def __init__(
        self,
        replies: Replies,
        store: ChatStore,
        schedule: TipSchedule,
        usage: UsageCounter,
        clock: Clock,
        desk: OwnerDesk,
        log_questions: bool = False,
    ) -> None:
        self.replies = replies
        self.codex = replies.codex
        self.store = store
        self.schedule = schedule
        self.usage = usage  # anonymous counts per day, platform, kind and topic
        self.clock = clock  # the server's idea of now: the day of a vote, of a tip shown
        self.log_questions = log_questions  # KODEKS_LOG_QUESTIONS=1; question texts are personal data
        self.desk = desk  # questions sent to the codex owners, and where they are posted

    async def reply(self, text: str, where: Conversation, now: datetime) -> Answer:
        """Reply to words typed in a chat or channel (markup already removed by the platform)."""
        command = self.replies.parse(text)
        answer = await self.run(command, where, now)
        self._log_answer(answer, command)
        self.usage.count(self.today(now), where.platform, answer.kind.value, answer.topic)
        return answer

    async def run(self, command: Command, where: Conversation, now: datetime) -> Answer:
        """Carry out a parsed command; the commands that need a channel get one here."""
        match command:
            case AskQuestion(text) if not self.replies.matcher.remembers(text):
                # matching meaning costs 15–200 ms of CPU: never on the event loop
                return await asyncio.to_thread(self.replies.reply, command, self.today(now))
            case SwitchTips(on) if where.channel:
                return await self.switch_tips(on, where, now)
            case SwitchDilemmas(on) if where.channel:
                return await self.switch_dilemmas(on, where, now)
            case _:
                return self.replies.reply(command, self.today(now))

    def _log_answer(self, answer: Answer, command: Command) -> None:
        """One line per reply: kind, topic and confidence; the words only if explicitly allowed."""
        fields: dict[str, object] = {"kind": answer.kind.value}
        if answer.topic is not None:
            fields["topic"] = answer.topic
        if answer.confidence is not None:
            fields["confidence"] = answer.confidence
        if self.log_questions and isinstance(command, AskQuestion):
            fields["question"] = command.text
        log.info("answered", extra=fields)

    def show_topic(self, topic: str, platform: str) -> Answer:
        """A topic offered as a button: a virtue in full, the escalation path, or help if unknown.

        Counted like a typed virtue name, so the report's "virtues shown" include button presses.
        """
        answer = self.replies.show_topic(topic)
        self.usage.count(self.today(), platform, answer.kind.value, answer.topic)
        return answer

    def help(self) -> Answer:
        """What the bot can do."""
        return self.replies.help()

    def today(self, now: datetime | None = None) -> date:
        """The day in the codex's timezone (a server in UTC would otherwise switch days at 01:00)."""
        return (now or self.clock()).astimezone(self.schedule.timezone).date()

    async def record_feedback(
        self, topic: str, bullet: str | None, helpful: bool, today: date | None = None
    ) -> None:
        """Count a 👍/👎 for a topic and bullet: no user, no question text, only the day.

        Votes for ids the codex does not have are dropped: button values come back from clients.
        """
        if topic not in self.codex.topic_ids or (bullet and bullet not in {b.id for b in self.codex.bullets}):
            log.warning("feedback_ignored_unknown_topic")
            return
        await self.store.record_feedback(today or self.today(), topic, bullet, helpful)

    async def switch_tips(self, on: bool, where: Conversation, now: datetime) -> Answer:
        """Subscribe or unsubscribe a channel, and say when its next tip comes."""
        if on:
            changed = await self.store.subscribe(where.platform, where.channel, now)
        else:
            changed = await self.store.unsubscribe(where.platform, where.channel)
        log.info("tips_switched", extra={"platform": where.platform, "on": on, "changed": changed})
        zone = self.schedule.timezone
        notice = TipsSwitched(
            on,
            changed,
            self.schedule.next_moment(now).astimezone(zone),
            now.astimezone(zone),
            self.schedule.at,
        )
        return self.replies.answer(Notice(notice))

    async def switch_dilemmas(self, on: bool, where: Conversation, now: datetime) -> Answer:
        """Subscribe or unsubscribe a channel to the weekly dilemma, and say when the next one comes."""
        if on and not self.replies.dilemmas:
            return self.replies.answer(Notice(NoDilemmas()))
        if on:
            changed = await self.store.subscribe(where.platform, where.channel, now, kind=DILEMMA)
        else:
            changed = await self.store.unsubscribe(where.platform, where.channel, kind=DILEMMA)
        log.info("dilemmas_switched", extra={"platform": where.platform, "on": on, "changed": changed})
        zone = self.schedule.timezone
        next_at = self.schedule.next_weekly_moment(now).astimezone(zone)
        return self.replies.answer(Notice(DilemmasSwitched(on, changed, next_at, now.astimezone(zone))))
