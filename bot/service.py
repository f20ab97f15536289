"""The façade every entry point calls: the CLI, the local chat, Slack and Teams.

Because they all go through ``Kodeks.handle``, the same words give the same reply on every platform.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from bot.core import answer as answers
from bot.core.answer import Answer, AnswerKind
from bot.core.codex import ESCALATION_TOPIC
from bot.core.knowledge import Knowledge, load_knowledge
from bot.core.matcher import Match, Matcher, MatchResult
from bot.core.normalize import fold, words
from bot.core.tips import tip_for_day, tip_order
from bot.render import texts
from bot.store import Store
from bot.tips.schedule import TipSchedule

log = logging.getLogger(__name__)

HELP_WORDS = frozenset({"", "hjalp", "help", "?", "hjalpe", "start"})
TIP_WORD = "tip"
TIP_SWITCH_WORDS = {"tip til": "on", "tips til": "on", "tip fra": "off", "tips fra": "off"}
MIN_VIRTUE_PREFIX = 3
"""A virtue may be named by a prefix of at least this many letters ("neu"); shorter is too ambiguous."""


class TipSwitch(StrEnum):
    """``tip til`` / ``tip fra``: a channel turns the daily tip on or off."""

    ON = "on"
    OFF = "off"


def tip_switch(text: str) -> TipSwitch | None:
    """Whether the words ask to turn a channel's daily tip on or off (platforms handle these first)."""
    word = TIP_SWITCH_WORDS.get(" ".join(words(text)))
    return TipSwitch(word) if word else None


class Kodeks:
    """The bot's behaviour, independent of where the words came from."""

    def __init__(
        self, knowledge: Knowledge, store: Store | None = None, schedule: TipSchedule | None = None
    ) -> None:
        self.knowledge = knowledge
        self.codex = knowledge.codex
        self.matcher = Matcher(knowledge)
        self.store = store  # set by the server once the database is open; the CLI needs none
        self.schedule = schedule or TipSchedule()
        self.log_questions = False  # KODEKS_LOG_QUESTIONS=1; question texts are personal data

    @classmethod
    def from_directory(cls, directory: Path, schedule: TipSchedule | None = None) -> Kodeks:
        """Load and validate a knowledge folder; raises KnowledgeError if it is broken."""
        return cls(load_knowledge(directory), schedule=schedule)

    def handle(self, text: str, today: date | None = None) -> Answer:
        """Reply to anything a person typed: a command word, a virtue name, or a question."""
        answer = self._reply(text, today)
        self._log_answer(answer, text)
        return answer

    def _log_answer(self, answer: Answer, text: str) -> None:
        """One line per reply: kind, topic and confidence; the words only if explicitly allowed."""
        fields: dict[str, object] = {"kind": answer.kind.value}
        if answer.virtue is not None:
            fields["topic"] = answer.virtue.id
        elif answer.kind is AnswerKind.ESCALATION:
            fields["topic"] = ESCALATION_TOPIC
        if answer.confidence is not None:
            fields["confidence"] = answer.confidence
        if self.log_questions:
            fields["question"] = text
        log.info("answered", extra=fields)

    def _reply(self, text: str, today: date | None) -> Answer:
        folded = " ".join(words(text))  # "<@U0KODEKS> hjælp" is "hjalp"
        if folded in HELP_WORDS:
            return answers.help_answer(self.codex)
        if folded == TIP_WORD:
            return self.tip(today or self.today())
        if tip_switch(text):
            return answers.notice_answer(self.codex, texts.TIPS_ONLY_IN_CHANNELS)
        if folded == fold(ESCALATION_TOPIC) or self.find_virtue(folded):
            return self.show_topic(self.find_virtue(folded) or ESCALATION_TOPIC)
        return self.ask(text)

    def ask(self, question: str) -> Answer:
        """Answer a question from the codex, or explain what the bot can do."""
        return answers.build_answer(self.codex, self.match(question))

    def match(self, question: str) -> MatchResult:
        """The matcher's verdict on a question, without building an answer."""
        return self.matcher.match(question)

    def find_virtue(self, name: str) -> str | None:
        """Return the id of the virtue a person named, or None."""
        if len(fold(name).replace(" ", "")) < MIN_VIRTUE_PREFIX:
            return None
        virtue = self.codex.find_virtue(name)
        return virtue.id if virtue else None

    def show_virtue(self, name: str) -> Answer | None:
        """One virtue in full, or None when the name is not a virtue."""
        virtue = self.find_virtue(name)
        return answers.virtue_answer(self.codex, self.codex.virtue(virtue)) if virtue else None

    def show_topic(self, topic: str) -> Answer:
        """A topic offered as a button: a virtue in full, the escalation path, or help if unknown."""
        if topic == ESCALATION_TOPIC:
            return answers.build_answer(self.codex, Match(ESCALATION_TOPIC, 1.0, (), ()))
        return self.show_virtue(topic) or self.help()

    def today(self) -> date:
        """Today in the codex's timezone (a server in UTC would otherwise switch days at 01:00)."""
        return datetime.now(self.schedule.timezone).date()

    def help(self) -> Answer:
        """What the bot can do."""
        return answers.help_answer(self.codex)

    async def record_feedback(
        self, topic: str, bullet: str | None, helpful: bool, today: date | None = None
    ) -> None:
        """Count a 👍/👎 for a topic and bullet: no user, no question text, only the day.

        Votes for ids the codex does not have are dropped: button values come back from clients.
        """
        if topic not in self.codex.topic_ids or (bullet and bullet not in {b.id for b in self.codex.bullets}):
            log.warning("feedback_ignored_unknown_topic")
            return
        if self.store is None:
            raise RuntimeError("no store attached: the server opens one at start")
        await self.store.record_feedback(today or self.today(), topic, bullet, helpful)

    def tip(self, day: date) -> Answer:
        """The tip of a day, for ``tip`` typed anywhere."""
        return answers.tip_answer(self.codex, tip_for_day(self.codex, day))

    def rotation_tip(self, position: int) -> Answer:
        """A subscribed channel's tip at its place in the rotation: every bullet once, then again."""
        order = tip_order(self.codex)
        return answers.tip_answer(self.codex, order[position % len(order)])

    async def reply_in_channel(self, text: str, platform: str, channel: str, now: datetime) -> Answer:
        """Reply to words typed in a chat or channel: ``tip til``/``tip fra`` switch its daily tip."""
        switch = tip_switch(text)
        if switch and channel:
            return await self.switch_tips(switch, platform, channel, now)
        return self.handle(text)

    async def switch_tips(self, switch: TipSwitch, platform: str, channel: str, now: datetime) -> Answer:
        """Subscribe or unsubscribe a channel, and say when its next tip comes."""
        if self.store is None:
            raise RuntimeError("no store attached: the server opens one at start")
        when = texts.when(self.schedule.next_moment(now), now.astimezone(self.schedule.timezone))
        if switch is TipSwitch.ON:
            new = await self.store.subscribe(platform, channel, now)
            notice = texts.TIPS_ON if new else texts.TIPS_ALREADY_ON
        else:
            new = await self.store.unsubscribe(platform, channel)
            notice = texts.TIPS_OFF if new else texts.TIPS_ALREADY_OFF
        log.info("tips_switched", extra={"platform": platform, "switch": switch.value, "changed": new})
        return answers.notice_answer(self.codex, notice.format(when=when, at=texts.clock(self.schedule.at)))
