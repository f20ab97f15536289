"""Build the platform-neutral Answer that every renderer shows.

An Answer is one *content* variant (what the reply says) plus the *context* every reply carries (the
codex's source line and whom to go to). Each variant holds exactly what its kind needs, so a renderer
matches on the variant and never asserts that a field happens to be set. Codex objects are held, never
rephrased text: the renderers quote bullets, steps and contacts exactly as the codex has them. The
bot's own sentences are not written here either: a ``Notice`` is data (tips switched on, next at …)
that the renderers word, in ``render/texts.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum

from bot.core.codex import ESCALATION_TOPIC, Bullet, Codex, Contact, Escalation, Virtue
from bot.core.dilemmas import Dilemma
from bot.core.matcher import Match, MatchResult
from bot.core.normalize import fold
from bot.core.organisation import Organisation

MAX_QUOTED_BULLETS = 3
"""An answer quotes at most this many bullets: enough for a two-sided question, short enough to read."""

QUOTE_RATIO = 0.6
"""A further bullet is quoted only if it scores at least this share of the best one: a reader should
see the bullets that answer the question, not every bullet of the virtue that shares a word with it."""


class AnswerKind(StrEnum):
    """What the person gets back; logged per reply and shown in ``ask --json``."""

    MATCH = "match"  # a question answered with a virtue's bullets
    ESCALATION = "escalation"  # a question about what to do and whom to go to
    VIRTUE = "virtue"  # one virtue in full
    HELP = "help"  # what the bot can do
    NO_MATCH = "no_match"  # the codex does not answer this; help plus suggestions
    TIP = "tip"  # the daily tip: one bullet with its virtue
    NOTICE = "notice"  # a short confirmation from the bot itself, e.g. "tips are on"
    DILEMMA = "dilemma"  # a case for discussion, with a button per virtue
    DILEMMA_ANSWER = "dilemma_answer"  # the virtues at stake in a case, its bullets and questions
    INTRO = "intro"  # one step of the introduction for new staff
    SMALL_TALK = "small_talk"  # a greeting, thanks, goodbye, "test", "hvad kan du": what Kodeks can do
    OVERVIEW = "overview"  # "hvad er kodeks": the foreword's purpose, quoted, and the seven virtues


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic offered as a button or a "mente du …?": its id and the name people see."""

    id: str
    name: str
    command: str  # what to type to see it: the virtue's name in lowercase, or the topic id


@dataclass(frozen=True, slots=True)
class Context:
    """What every answer carries, whatever it says: the source and whom to go to."""

    codex_title: str
    version: str
    escalation: Escalation  # always present: whom to go to
    contacts: tuple[Contact, ...]  # always present
    help_text: str  # the codex's "Mere viden eller hjælp?" text
    organisation: Organisation


@dataclass(frozen=True, slots=True)
class Matched:
    """A question answered with a virtue: the bullets that answer it, best first."""

    virtue: Virtue
    bullets: tuple[Bullet, ...]  # quoted exactly, best first
    confidence: float
    alternatives: tuple[Topic, ...] = ()  # other likely topics, best first
    passage: str = ""  # a paragraph of the virtue's introduction that answers it, verbatim; "" if none
    question: str = ""  # the words asked, so the reply can offer to send them to the codex owners


@dataclass(frozen=True, slots=True)
class EscalationShown:
    """What to do when the virtues are violated, and whom to contact."""

    confidence: float | None = None  # None when asked for by name or button, not matched
    alternatives: tuple[Topic, ...] = ()
    question: str = ""  # the words asked; "" when shown by name or button


@dataclass(frozen=True, slots=True)
class VirtueShown:
    """One virtue in full: promise, introduction and every bullet."""

    virtue: Virtue


@dataclass(frozen=True, slots=True)
class HelpShown:
    """What the bot can do, with the topics to pick from."""

    virtues: tuple[Topic, ...]


@dataclass(frozen=True, slots=True)
class NotAnswered:
    """The codex does not answer the question: close topics, if any, and the seven virtues."""

    suggestions: tuple[Topic, ...]
    virtues: tuple[Topic, ...]
    question: str = ""  # the words asked, so the reply can offer to send them to the codex owners


@dataclass(frozen=True, slots=True)
class TipShown:
    """A tip: one bullet with its virtue, and an invitation to read the whole virtue."""

    virtue: Virtue
    bullet: Bullet


@dataclass(frozen=True, slots=True)
class TipsSwitched:
    """A channel's daily tip was switched on or off (``changed`` False: it already was)."""

    on: bool
    changed: bool
    next_at: datetime  # the next tip moment, local time (meaningful when on)
    now: datetime  # the moment of the switch, local time, so "i morgen" can be said
    at: time  # the daily tip time


@dataclass(frozen=True, slots=True)
class TipsOnlyInChannels:
    """``tip til`` was typed where there is no channel to subscribe (the local chat, the CLI)."""


@dataclass(frozen=True, slots=True)
class DilemmasSwitched:
    """A channel's weekly dilemma was switched on or off (``changed`` False: it already was)."""

    on: bool
    changed: bool
    next_at: datetime  # the next weekly dilemma, local time (meaningful when on)
    now: datetime  # the moment of the switch, local time


@dataclass(frozen=True, slots=True)
class DilemmasOnlyInChannels:
    """``dilemma til`` was typed where there is no channel to subscribe (the local chat, the CLI)."""


@dataclass(frozen=True, slots=True)
class NoDilemmas:
    """The knowledge folder has no dilemmas (``dilemmas.yaml`` is optional)."""


NoticeData = TipsSwitched | TipsOnlyInChannels | DilemmasSwitched | DilemmasOnlyInChannels | NoDilemmas


@dataclass(frozen=True, slots=True)
class Notice:
    """The bot's own short reply about something it did; no codex text, so no footer."""

    notice: NoticeData


@dataclass(frozen=True, slots=True)
class DilemmaShown:
    """A case for discussion: the situation and the question, and the virtues to choose from.

    Which virtues are at stake is not shown yet: the reader chooses first (``DilemmaAnswered``).
    """

    dilemma: Dilemma
    choices: tuple[Topic, ...]  # the seven virtues, one button each
    weekly: bool = False  # posted as a channel's weekly dilemma


@dataclass(frozen=True, slots=True)
class DilemmaAnswered:
    """A virtue chosen under a case: whether it is at stake, the others, the codex's bullets, questions.

    The verdict is the case's own annotation by the codex owners, and the bullets are quoted from the
    codex: Kodeks adds no judgement of its own.
    """

    dilemma: Dilemma
    chosen: Topic
    at_stake: tuple[Topic, ...]  # the case's virtues (or "eskalering"), the main one first
    bullets: tuple[Bullet, ...]  # quoted exactly from the codex, in the case's order

    @property
    def hit(self) -> bool:
        """Whether the chosen virtue is one the case names."""
        return self.chosen.id in {topic.id for topic in self.at_stake}


@dataclass(frozen=True, slots=True)
class IntroPurpose:
    """The first step of the introduction: what the codex is for, in its foreword's own words."""

    foreword: str


@dataclass(frozen=True, slots=True)
class IntroVirtue:
    """A step of the introduction about one virtue, with a case to try if the knowledge has one."""

    virtue: Virtue
    case: Dilemma | None


@dataclass(frozen=True, slots=True)
class IntroWhom:
    """The last step: whom to go to (the escalation path and contacts come from the context)."""


IntroPage = IntroPurpose | IntroVirtue | IntroWhom


@dataclass(frozen=True, slots=True)
class IntroStep:
    """One step of the introduction for new staff; the step number travels in its buttons."""

    number: int  # 1-based
    total: int
    page: IntroPage


@dataclass(frozen=True, slots=True)
class SmallTalkReply:
    """A short friendly reply to small talk, with what Kodeks can do: never "kan ikke svare"."""

    kind: str  # a ``bot.core.smalltalk.SmallTalk`` value: greeting, thanks, goodbye, test, capabilities
    virtues: tuple[Topic, ...]


@dataclass(frozen=True, slots=True)
class CodexOverview:
    """What the codex is about: the foreword's statement of purpose, verbatim, and the seven virtues."""

    purpose: tuple[str, ...]  # paragraphs of the foreword, quoted exactly
    virtues: tuple[Virtue, ...]


Content = (
    Matched
    | EscalationShown
    | VirtueShown
    | HelpShown
    | NotAnswered
    | TipShown
    | Notice
    | DilemmaShown
    | DilemmaAnswered
    | IntroStep
    | SmallTalkReply
    | CodexOverview
)

_KINDS: dict[type[Content], AnswerKind] = {
    Matched: AnswerKind.MATCH,
    EscalationShown: AnswerKind.ESCALATION,
    VirtueShown: AnswerKind.VIRTUE,
    HelpShown: AnswerKind.HELP,
    NotAnswered: AnswerKind.NO_MATCH,
    TipShown: AnswerKind.TIP,
    Notice: AnswerKind.NOTICE,
    DilemmaShown: AnswerKind.DILEMMA,
    DilemmaAnswered: AnswerKind.DILEMMA_ANSWER,
    IntroStep: AnswerKind.INTRO,
    SmallTalkReply: AnswerKind.SMALL_TALK,
    CodexOverview: AnswerKind.OVERVIEW,
}


@dataclass(frozen=True, slots=True)
class Answer:
    """Everything a renderer needs, in codex words; renderers only format."""

    content: Content
    context: Context

    @property
    def kind(self) -> AnswerKind:
        """The kind of reply, for logs and JSON."""
        return _KINDS[type(self.content)]

    @property
    def virtue(self) -> Virtue | None:
        """The virtue answered or shown, if the reply is about one."""
        if isinstance(self.content, IntroStep):
            return getattr(self.content.page, "virtue", None)
        return getattr(self.content, "virtue", None)

    @property
    def bullets(self) -> tuple[Bullet, ...]:
        """The bullets quoted, best first (every bullet for a virtue shown in full)."""
        match self.content:
            case Matched(bullets=bullets):
                return bullets
            case VirtueShown(virtue):
                return virtue.bullets
            case TipShown(bullet=bullet):
                return (bullet,)
            case DilemmaAnswered(bullets=bullets):
                return bullets
            case IntroStep(page=IntroVirtue(virtue=virtue)):
                return virtue.bullets
        return ()

    @property
    def confidence(self) -> float | None:
        """The matcher's confidence for a matched question, else None."""
        return getattr(self.content, "confidence", None)

    @property
    def topic(self) -> str | None:
        """The topic id the reply is about: a virtue id, ``eskalering``, or None."""
        if isinstance(self.content, EscalationShown):
            return ESCALATION_TOPIC
        return self.virtue.id if self.virtue else None


def context_of(codex: Codex, organisation: Organisation) -> Context:
    """The context every answer from this codex carries."""
    return Context(
        codex.title, codex.version, codex.escalation, codex.contacts, codex.help.text, organisation
    )


def topic_of(codex: Codex, topic_id: str) -> Topic:
    """Return a topic's display name; the escalation topic is named by its codex title."""
    if topic_id == ESCALATION_TOPIC:
        return Topic(topic_id, codex.escalation.title, topic_id)
    name = codex.virtue(topic_id).name
    return Topic(topic_id, name, name.lower())


def all_virtues(codex: Codex) -> tuple[Topic, ...]:
    """The seven virtues as topics to pick from."""
    return tuple(topic_of(codex, virtue.id) for virtue in codex.virtues)


def content_for(codex: Codex, result: MatchResult, question: str = "") -> Content:
    """What to say about a matched question, or that the codex does not answer it.

    ``question`` (the words asked) travels with the content so that a reply the codex could not give,
    or gave unsure, can offer to send the very same words to the codex owners.
    """
    if not isinstance(result, Match):
        suggestions = tuple(topic_of(codex, topic) for topic in result.suggestions)
        return NotAnswered(suggestions, all_virtues(codex), question)
    alternatives = tuple(topic_of(codex, topic) for topic in result.alternatives)
    if result.topic == ESCALATION_TOPIC:
        return EscalationShown(result.confidence, alternatives, question)
    virtue = codex.virtue(result.topic)
    scored = zip(result.bullets, result.scores or (0.0,) * len(result.bullets), strict=True)
    own = [(codex.bullet(b), score) for b, score in scored if b.startswith(virtue.id + ".")]
    best = own[0][1] if own else 0.0
    quoted = [bullet for n, (bullet, score) in enumerate(own) if n == 0 or score >= best * QUOTE_RATIO]
    passage = getattr(result, "passage", "")
    bullets = tuple(quoted[:MAX_QUOTED_BULLETS])
    return Matched(virtue, bullets, result.confidence, alternatives, passage, question)


def topic_content(codex: Codex, topic_id: str) -> Content:
    """A topic asked for by name or button: a virtue in full, or the escalation path."""
    if topic_id == ESCALATION_TOPIC:
        return EscalationShown()
    return VirtueShown(codex.virtue(topic_id))


PURPOSE_WORD = "formal"
"""The folded form of "formål": a foreword paragraph that states the codex's purpose contains it."""


def overview(codex: Codex) -> CodexOverview:
    """The codex as a whole: its purpose in the foreword's own words, and the seven virtues.

    The foreword paragraphs that say "formål" are quoted verbatim; all of the foreword if none does.
    """
    paragraphs = [part.strip() for part in codex.foreword.split("\n") if part.strip()]
    purpose = [part for part in paragraphs if PURPOSE_WORD in fold(part).split()]
    return CodexOverview(tuple(purpose or paragraphs), codex.virtues)
