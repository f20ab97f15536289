"""Recognise small talk and questions about the bot or the codex as a whole.

"hej", "tak", "test", "hvad kan du" and "hvad er kodeks" are not questions the codex answers with one
virtue, yet they share words with it ("kodeks", "hjælp", "godt"), and the matcher used to answer them
with whatever virtue came nearest. ``classify`` names what such a message is, so the chat can greet,
thank or explain itself, and the matcher returns ``NoMatch`` for it.

Note:
    Conservative by construction: a message is small talk only when *every* word of it belongs to a
    small-talk phrase (or to "og", "kodeks", "bot" between them). "tak, men må jeg give partipolitisk
    rådgivning?" has words no phrase covers, so it is a question, never thanks. A message of more
    than ``MAX_WORDS`` words is never small talk.
"""

from __future__ import annotations

import re
from enum import StrEnum

from bot.core.normalize import fold, words

MAX_WORDS = 12
"""Longer messages carry a question, however friendly their opening."""


class SmallTalk(StrEnum):
    """What a small-talk message is; the chat answers each kind in its own words."""

    GREETING = "greeting"
    THANKS = "thanks"
    GOODBYE = "goodbye"
    TEST = "test"
    CAPABILITIES = "capabilities"  # "hvad kan du", "hjælp mig", "hvem er du"
    ABOUT_CODEX = "about_codex"  # "hvad er kodeks", "what is the code of conduct about", "hej kodeks"


_PHRASES: dict[SmallTalk, tuple[str, ...]] = {
    SmallTalk.GREETING: (
        "hej", "hejsa", "hey", "hi", "hello", "hallo", "halløj", "dav", "davs", "goddag", "godmorgen",
        "god morgen", "godaften", "god eftermiddag", "hej med dig", "hej hej", "hello there", "hi there",
        "good morning", "good afternoon", "yo", "hey there", "morn", "mojn", "hvordan går det",
        "how are you", "hvad så",
    ),
    SmallTalk.THANKS: (
        "tak", "mange tak", "tusind tak", "tak for hjælpen", "tak skal du have", "super tak", "fint tak",
        "perfekt tak", "godt arbejde", "super", "perfekt", "fint", "flot", "sejt", "fedt", "thanks",
        "thank you", "thanks a lot", "thank you very much", "great", "cool", "nice", "ok tak", "okay tak",
        "det var godt", "det hjalp", "tak for svaret", "tak for det", "mange tak for hjælpen",
        "tusind tak for hjælpen", "mange tak for det", "tak for snakken",
        "du er god", "du er dygtig", "du er sej", "godt klaret", "godt gået", "good job", "well done",
    ),
    SmallTalk.GOODBYE: (
        "farvel", "vi ses", "hav en god dag", "god dag", "god weekend", "god aften", "bye", "goodbye",
        "bye bye", "see you", "ha det", "ha det godt", "hav det godt", "tak for nu", "vi snakkes",
    ),
    SmallTalk.TEST: ("test", "tester", "testing", "test test", "test 123", "123", "ping", "er du der",
                     "virker du", "dette er en test", "det er bare en test", "are you there",
                     "jeg tester bare", "tester bare", "bare en test", "jeg tester lige", "just testing"),
    SmallTalk.CAPABILITIES: (
        "hvad kan du", "hvad kan du hjælpe med", "hvad kan du hjælpe mig med", "hjælp", "hjælp mig",
        "kan du hjælpe mig", "kan du hjælpe", "hvem er du", "hvad er du", "er du en robot",
        "er du en bot", "hvad kan jeg spørge dig om", "hvad kan jeg spørge om", "hvordan bruger jeg dig",
        "what can you do", "who are you", "what are you", "what is this bot", "help", "help me",
        "can you help me", "how do i use you", "what can i ask you", "hvad er det her for en bot",
        "hvad laver du",
    ),
    SmallTalk.ABOUT_CODEX: (
        "hvad er kodeks", "hvad er kodekset", "hvad handler kodeks om",
        "hvad handler kodekset om", "hvad står der i kodeks", "hvad står der i kodekset",
        "hvad går kodeks ud på", "hvad går kodekset ud på", "fortæl om kodeks", "fortæl om kodekset",
        "hvorfor har vi et kodeks", "hvem har skrevet kodeks", "hvem har skrevet kodekset",
        "hvad er formålet med kodeks", "hvad er formålet med kodekset", "what is the code of conduct",
        "what is the code of conduct about", "what is the codex", "what is the codex about",
        "what is kodeks", "code of conduct", "kodeks for rådgivning og bistand",
        "kodeks for rådgivning og bistand til regionsrådet", "hvilke dyder er der",
        "hvad er de syv dyder", "de syv dyder", "what are the seven virtues",
    ),
}  # fmt: skip

_CODEX = r"(kodeks|kodekset|kodeksen|dyderne|de syv dyder|the code|the code of conduct|the codex)"
_ABOUT_CODEX = re.compile(
    r"(hej |hi |hello )?(kodeks |kodekset )?("
    rf"(hvor mange|hvilke|hvad hedder|hvad er|navn|list|ramse op|opremse)( de)?( syv)? dyder(ne)?"
    rf"( er der| har vi| findes der| har kodeks| har kodekset)?( i {_CODEX})?"
    rf"|hvornar (blev|er) {_CODEX} (godkendt|vedtaget|lavet|skrevet|indfort|udgivet|opdateret|revideret)"
    rf"|hvem (har skrevet|har lavet|star bag|har udarbejdet|har godkendt|har vedtaget|ejer) {_CODEX}"
    rf"|(hvem|hvad) galder {_CODEX}( for| ogsa for mig)?"
    rf"|galder {_CODEX} (ogsa )?for (mig|alle|alle ansatte|ledere|lederne|hospitalerne)"
    rf"|hvor (finder jeg|kan jeg finde|kan jeg lase|ligger|star) {_CODEX}"
    rf"|(er|is) {_CODEX} (juridisk )?(bindende|lov|obligatorisk|binding|mandatory)"
    rf"|hvad er {_CODEX} for radgivning og bistand( til regionsradet)?"
    rf"|(hvorfor har vi|hvorfor findes|findes) {_CODEX}( pa engelsk)?"
    r"|how many virtues( are there)?( in the code( of conduct)?)?|what are the (seven )?virtues"
    r"|who wrote the code( of conduct)?|when was the code( of conduct)? (adopted|approved|written)"
    r")"
)
"""Questions about the codex as a whole ("hvor mange dyder er der i kodeks", "hvornår blev kodekset
vedtaget", "hvem gælder kodekset for"), on folded text: the whole message must be one of them, so
"hvad siger kodekset om fejl" stays a question for the matcher."""

_GLUE = frozenset({"og", "and", "&", "du", "men"})
"""Words allowed between two phrases: "farvel og tak". ("men" only ever joins two phrases here.)"""

_ADDRESS = frozenset({"kodeks", "kodekset", "bot", "botten"})
"""How people address the bot: "hej kodeks" greets it, and is read as asking what the codex is."""

_PRIORITY = (
    SmallTalk.ABOUT_CODEX,
    SmallTalk.CAPABILITIES,
    SmallTalk.GOODBYE,
    SmallTalk.THANKS,
    SmallTalk.TEST,
    SmallTalk.GREETING,
)
"""When a message holds several kinds, the one the reply should address: a question before politeness
("hej, hvad kan du?" asks what the bot can do; "farvel og tak" is leaving)."""

_LOOKUP: dict[tuple[str, ...], SmallTalk] = {
    tuple(fold(phrase).split()): kind for kind, phrases in _PHRASES.items() for phrase in phrases
}
_LONGEST = max(len(phrase) for phrase in _LOOKUP)


def classify(text: str) -> SmallTalk | None:
    """Return what kind of small talk a message is, or None when it is (or may be) a real question."""
    tokens = words(text)
    if not tokens or len(tokens) > MAX_WORDS:
        return None
    if _ABOUT_CODEX.fullmatch(" ".join(tokens)):
        return SmallTalk.ABOUT_CODEX
    covered = _cover(tokens)
    if covered is None:
        return None  # some word belongs to no small-talk phrase: treat the message as a question
    kinds, addressed = covered
    if addressed and kinds <= {SmallTalk.GREETING}:
        return SmallTalk.ABOUT_CODEX  # "kodeks", "hej kodeks": someone wants to know what this is
    return next((kind for kind in _PRIORITY if kind in kinds), None)


def _cover(tokens: list[str]) -> tuple[frozenset[SmallTalk], bool] | None:
    """Split the words into small-talk phrases, glue and address words, if they can be split so.

    Returns the kinds of the phrases used and whether the bot was addressed, or None. Every way of
    splitting is tried (left to right, one entry per position), so "mange tak for hjælpen" is found
    whichever phrase lengths cover it.
    """
    reach: dict[int, tuple[frozenset[SmallTalk], bool]] = {0: (frozenset(), False)}
    for start in range(len(tokens)):
        if start not in reach:
            continue
        kinds, addressed = reach[start]
        for length in range(1, min(_LONGEST, len(tokens) - start) + 1):
            kind = _LOOKUP.get(tuple(tokens[start : start + length]))
            if kind is not None:
                reach.setdefault(start + length, (kinds | {kind}, addressed))
        if tokens[start] in _ADDRESS:
            reach.setdefault(start + 1, (kinds, True))
        elif tokens[start] in _GLUE:
            reach.setdefault(start + 1, (kinds, addressed))
    return reach.get(len(tokens))
