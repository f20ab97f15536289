"""The chat grammar: what a person typed, parsed once into a typed command.

Slack's ``/kodeks``, a DM or mention, a Teams message and the local chat all understand the same
words (see ``shared/guides/interfaces.md``). ``parse`` decides once what the words ask for; the service
dispatches on the command with ``match``. A new chat word is one case here and one handler there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.codex import ESCALATION_TOPIC, Codex
from bot.core.normalize import fold, words
from bot.core.smalltalk import SmallTalk, classify

HELP_WORDS = frozenset({"", "hjalp", "help", "hjalpe", "start"})
TIP_WORDS = frozenset({"tip", "tips"})
SWITCH_WORDS = {"til": True, "on": True, "fra": False, "off": False}
DILEMMA_WORDS = frozenset({"dilemma", "dilemmaer", "dilemmas"})
ANSWER_WORD = "svar"
INTRO_WORDS = frozenset({"intro", "introduktion"})
_CASE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MIN_VIRTUE_PREFIX = 3
"""A virtue may be named by a prefix of at least this many letters ("neu"); shorter is too ambiguous."""


@dataclass(frozen=True, slots=True)
class ShowHelp:
    """``hjælp``, ``help`` or nothing: what the bot can do."""


@dataclass(frozen=True, slots=True)
class ShowTopic:
    """A virtue (or the escalation path) asked for by name, prefix or button."""

    topic: str  # a virtue id or "eskalering"


@dataclass(frozen=True, slots=True)
class ShowTip:
    """``tip``: one tip now."""


@dataclass(frozen=True, slots=True)
class SwitchTips:
    """``tip til`` / ``tip fra``: this channel's daily tip on or off."""

    on: bool


@dataclass(frozen=True, slots=True)
class AskQuestion:
    """Anything else: a question for the matcher."""

    text: str


@dataclass(frozen=True, slots=True)
class ShowDilemma:
    """``dilemma`` [a virtue | a case id]: one case for discussion, with a button per virtue.

    Without either, the case of the day is shown; a virtue picks a case in which it is at stake.
    """

    virtue: str | None = None  # a topic id ("neutralitet", "eskalering")
    case: str | None = None  # a dilemma id, as the intro's and the share buttons send it


@dataclass(frozen=True, slots=True)
class AnswerDilemma:
    """``dilemma svar <case> <virtue>``: a virtue button pressed under a case."""

    case: str
    virtue: str


@dataclass(frozen=True, slots=True)
class SwitchDilemmas:
    """``dilemma til`` / ``dilemma fra``: this channel's weekly dilemma on or off."""

    on: bool


@dataclass(frozen=True, slots=True)
class ShowIntro:
    """``intro`` [step]: one step of the introduction for new staff (the step travels in the buttons)."""

    step: int = 1


@dataclass(frozen=True, slots=True)
class Chat:
    """Small talk ("hej", "tak", "test", "hvad kan du") or a question about the codex as a whole."""

    kind: SmallTalk


Command = (
    ShowHelp
    | ShowTopic
    | ShowTip
    | SwitchTips
    | ShowDilemma
    | AnswerDilemma
    | SwitchDilemmas
    | ShowIntro
    | AskQuestion
    | Chat
)


def parse(text: str, codex: Codex) -> Command:
    """Parse what a person typed (chat markup already removed by the platform).

    Note:
        Words are folded first, so "Hjælp", "hjaelp" and "HJALP" are all help, and "åbenhed om fejl",
        "aabenhed" and "åbenh" all name the same virtue. Only a message that *is* a command word is a
        command: "tip til min kollega om tavshedspligt" has more words, so it is a question.
    """
    folded = words(text)
    joined = " ".join(folded)
    if joined in HELP_WORDS:
        return ShowHelp()
    if len(folded) <= 2 and folded and folded[0] in TIP_WORDS:
        if len(folded) == 1:
            return ShowTip()
        if folded[1] in SWITCH_WORDS:
            return SwitchTips(SWITCH_WORDS[folded[1]])
    if folded and folded[0] in DILEMMA_WORDS:
        return _dilemma(text, folded, codex)
    if folded and folded[0] in INTRO_WORDS and len(folded) <= 2:
        if len(folded) == 1:
            return ShowIntro()
        if folded[1].isdigit():
            return ShowIntro(int(folded[1][:3]))
    topic = find_topic(joined, codex)
    if topic:
        return ShowTopic(topic)
    small_talk = classify(text)
    return Chat(small_talk) if small_talk else AskQuestion(text)


def _dilemma(text: str, folded: list[str], codex: Codex) -> Command:
    """The ``dilemma …`` words; anything longer than a command is a question.

    Note:
        Case ids are read from the raw words, not the folded ones: folding turns "paa" into "pa", and
        an id must come back exactly as the button sent it.
    """
    raw = [word.lower() for word in text.split()[1:]]
    rest = folded[1:]
    if not rest:
        return ShowDilemma()
    if len(rest) == 1 and rest[0] in SWITCH_WORDS:
        return SwitchDilemmas(SWITCH_WORDS[rest[0]])
    if rest[0] == ANSWER_WORD and len(raw) >= 3:
        named = " ".join(raw[2:])
        return AnswerDilemma(raw[1], find_topic(named, codex) or named)
    topic = find_topic(" ".join(rest), codex)
    if topic:
        return ShowDilemma(virtue=topic)
    if len(raw) == 1 and _CASE_ID.fullmatch(raw[0]):
        return ShowDilemma(case=raw[0])
    return AskQuestion(text)


def find_topic(name: str, codex: Codex) -> str | None:
    """The topic a person named: a virtue by id, name or unambiguous prefix, or ``eskalering``."""
    if fold(name) == fold(ESCALATION_TOPIC):
        return ESCALATION_TOPIC
    if len(fold(name).replace(" ", "")) < MIN_VIRTUE_PREFIX:
        return None
    virtue = codex.find_virtue(name)
    return virtue.id if virtue else None


def words_for(command: ShowDilemma | AnswerDilemma | ShowIntro | ShowHelp) -> str:
    """The chat words that ``parse`` turns back into ``command``: what a button carries.

    Buttons carry chat words rather than a format of their own, so one generic button listener per
    platform serves every feature, and a button does exactly what typing its words would do.
    """
    match command:
        case ShowDilemma(virtue=virtue, case=case):
            return " ".join(["dilemma", *(word for word in (case or virtue,) if word)])
        case AnswerDilemma(case, virtue):
            return f"dilemma {ANSWER_WORD} {case} {virtue}"
        case ShowIntro(step):
            return "intro" if step == 1 else f"intro {step}"
        case ShowHelp():
            return "hjælp"
