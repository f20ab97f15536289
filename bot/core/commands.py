"""The chat grammar: what a person typed, parsed once into a typed command.

Slack's ``/kodeks``, a DM or mention, a Teams message and the local chat all understand the same
words (see ``shared/guides/interfaces.md``). ``parse`` decides once what the words ask for; the service
dispatches on the command with ``match``. A new chat word is one case here and one handler there.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.codex import ESCALATION_TOPIC, Codex
from bot.core.normalize import fold, words

HELP_WORDS = frozenset({"", "hjalp", "help", "hjalpe", "start"})
TIP_WORDS = frozenset({"tip", "tips"})
SWITCH_WORDS = {"til": True, "on": True, "fra": False, "off": False}
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


Command = ShowHelp | ShowTopic | ShowTip | SwitchTips | AskQuestion


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
    topic = find_topic(joined, codex)
    return ShowTopic(topic) if topic else AskQuestion(text)


def find_topic(name: str, codex: Codex) -> str | None:
    """The topic a person named: a virtue by id, name or unambiguous prefix, or ``eskalering``."""
    if fold(name) == fold(ESCALATION_TOPIC):
        return ESCALATION_TOPIC
    if len(fold(name).replace(" ", "")) < MIN_VIRTUE_PREFIX:
        return None
    virtue = codex.find_virtue(name)
    return virtue.id if virtue else None
