"""Replies that need nothing but the knowledge: the stateless half of the chat.

``Replies`` answers every command that does not change anything (help, a topic, a tip, a question),
synchronously and without I/O, so the CLI, the local chat and the benchmarks use it directly and the
service (``bot/service.py``) adds only what needs the store: subscriptions and votes.
"""

from __future__ import annotations

from datetime import date

from bot.core import answer as answers
from bot.core import discussion
from bot.core.answer import (
    Answer,
    Content,
    DilemmasOnlyInChannels,
    HelpShown,
    Notice,
    SmallTalkReply,
    TipShown,
    TipsOnlyInChannels,
)
from bot.core.commands import (
    AnswerDilemma,
    AskQuestion,
    Chat,
    Command,
    ShowDilemma,
    ShowHelp,
    ShowIntro,
    ShowTip,
    ShowTopic,
    SwitchDilemmas,
    SwitchTips,
    find_topic,
    parse,
)
from bot.core.knowledge import Knowledge
from bot.core.matcher import Matcher, MatchResult
from bot.core.smalltalk import SmallTalk
from bot.core.tips import tip_for_day, tip_order


class Replies:
    """The knowledge, its matcher, and every reply that can be built from them alone."""

    def __init__(self, knowledge: Knowledge, matcher: Matcher | None = None) -> None:
        self.knowledge = knowledge
        self.codex = knowledge.codex
        self.matcher = matcher or Matcher(knowledge)
        self.context = answers.context_of(knowledge.codex, knowledge.organisation)
        self.dilemmas = knowledge.dilemmas

    def parse(self, text: str) -> Command:
        """What the words ask for (see ``bot.core.commands``)."""
        return parse(text, self.codex)

    def handle(self, text: str, today: date) -> Answer:
        """Parse what a person typed and reply, where no channel is involved (CLI, local chat)."""
        return self.reply(self.parse(text), today)

    def reply(self, command: Command, today: date) -> Answer:
        """The reply to a command where no channel is involved.

        ``SwitchTips`` outside a channel gets a notice that explains where tips are switched on.
        """
        match command:
            case ShowHelp():
                return self.help()
            case ShowTopic(topic):
                return self.show_topic(topic)
            case ShowTip():
                return self.tip(today)
            case SwitchTips():
                return self.answer(Notice(TipsOnlyInChannels()))
            case ShowDilemma(virtue, case):
                return self.dilemma(today, virtue, case)
            case AnswerDilemma(case, virtue):
                return self.answer(discussion.answer(self.codex, self.dilemmas, case, virtue, today))
            case SwitchDilemmas():
                return self.answer(Notice(DilemmasOnlyInChannels()))
            case ShowIntro(step):
                return self.intro(step)
            case Chat(SmallTalk.ABOUT_CODEX):
                return self.answer(answers.overview(self.codex))
            case Chat(kind):
                return self.answer(SmallTalkReply(kind.value, answers.all_virtues(self.codex)))
            case AskQuestion(text):
                return self.ask(text)

    def answer(self, content: Content) -> Answer:
        """Wrap content with the context every answer carries."""
        return Answer(content, self.context)

    def ask(self, question: str) -> Answer:
        """Answer a question from the codex, or explain what the bot can do."""
        return self.answer_to(self.match(question), question)

    def answer_to(self, result: MatchResult, question: str = "") -> Answer:
        """The answer built from a matcher verdict (the console shows both side by side)."""
        return self.answer(answers.content_for(self.codex, result, question))

    def match(self, question: str) -> MatchResult:
        """The matcher's verdict on a question, without building an answer."""
        return self.matcher.match(question)

    def find_virtue(self, name: str) -> str | None:
        """Return the id of the virtue a person named, or None (the escalation topic is no virtue)."""
        topic = find_topic(name, self.codex)
        return topic if topic in {virtue.id for virtue in self.codex.virtues} else None

    def show_virtue(self, name: str) -> Answer | None:
        """One virtue in full, or None when the name is not a virtue."""
        virtue = self.find_virtue(name)
        return self.show_topic(virtue) if virtue else None

    def show_topic(self, topic: str) -> Answer:
        """A topic offered as a button: a virtue in full, the escalation path, or help if unknown."""
        if topic not in self.codex.topic_ids:
            return self.help()
        return self.answer(answers.topic_content(self.codex, topic))

    def help(self) -> Answer:
        """What the bot can do, the seven virtues and whom to contact."""
        return self.answer(HelpShown(answers.all_virtues(self.codex)))

    def tip(self, day: date) -> Answer:
        """The tip of a day, for ``tip`` typed anywhere."""
        bullet = tip_for_day(self.codex, day)
        return self.answer(TipShown(self.codex.virtue(bullet.virtue_id), bullet))

    def rotation_tip(self, position: int) -> Answer:
        """A subscribed channel's tip at its place in the rotation: every bullet once, then again."""
        order = tip_order(self.codex)
        bullet = order[position % len(order)]
        return self.answer(TipShown(self.codex.virtue(bullet.virtue_id), bullet))

    def dilemma(self, today: date, virtue: str | None = None, case: str | None = None) -> Answer:
        """A case for discussion: that case, one where the virtue is at stake, or the day's case."""
        return self.answer(discussion.show(self.codex, self.dilemmas, virtue, case, today))

    def rotation_dilemma(self, position: int, last: str) -> Answer:
        """A subscribed channel's weekly dilemma: the case after ``last`` (see ``discussion.weekly``)."""
        return self.answer(discussion.weekly(self.codex, self.dilemmas, position, last))

    def intro(self, step: int = 1) -> Answer:
        """One step of the introduction for new staff."""
        return self.answer(discussion.intro(self.codex, self.dilemmas, step))
