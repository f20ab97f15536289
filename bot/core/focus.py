"""Find the question inside a long message: staff paste e-mails and Teams threads, names and all.

A long message ("Hej, jeg sidder i Regional Udvikling i Viborg … Må vi det?") is mostly context: names,
places, dates, who said what. Its question is usually the sentence with the question mark, and that
sentence often leans on the one before it ("Må vi det?"). ``views`` gives the matcher the whole message
*and* that focus, so neither the context nor the names drown the question.
"""

from __future__ import annotations

import re

LONG_WORDS = 25
"""A message with more words than this is read for its question; shorter ones are the question."""

MIN_QUESTION_WORDS = 10
"""A question sentence shorter than this leans on what came before ("Må vi det?"): take that too."""

CONTEXT_WORDS = 25
"""A short question takes sentences before it until the focus has this many words: "Hvad siger kodekset?"
after "Hun sagde det var helt uformelt." still needs the sentence that says what she asked for."""

MAX_CONTEXT = 3
"""At most this many sentences before a question are taken with it."""

TAIL_SENTENCES = 3
"""With no question mark, the message's last sentences that form its focus."""

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_SALUTATION = re.compile(
    r"^\s*(hej|hejsa|hi|hello|dear|kære|godmorgen|god morgen|goddag|dav|til orientering|mvh|venlig hilsen"
    r"|med venlig hilsen|best regards|regards|tak)\b[^.!?]{0,30}[.!?]?\s*$",
    re.IGNORECASE,
)


def sentences(text: str) -> list[str]:
    """The sentences of a message, salutations and sign-offs dropped."""
    found = [s.strip() for s in _SENTENCE.findall(text)]
    return [s for s in found if s and len(s.split()) > 0 and not _SALUTATION.match(s)]


def question_focus(text: str) -> str | None:
    """The part of a long message that asks, or None when the message is short (it is the question).

    Note:
        Sentences with a question mark win; a short one takes the sentences before it until the focus
        has ``CONTEXT_WORDS`` words (at most ``MAX_CONTEXT``). With no question mark the last
        ``TAIL_SENTENCES`` sentences are the focus: a request ("… hvad siger kodeks om det")
        usually ends a message.
    """
    if len(text.split()) <= LONG_WORDS:
        return None
    parts = sentences(text)
    if len(parts) < 2:
        return None
    chosen: set[int] = set()
    for number, sentence in enumerate(parts):
        if sentence.endswith("?"):
            chosen.add(number)
            if len(sentence.split()) < MIN_QUESTION_WORDS:
                count, before = len(sentence.split()), number - 1
                while before >= 0 and number - before <= MAX_CONTEXT and count < CONTEXT_WORDS:
                    chosen.add(before)
                    count += len(parts[before].split())
                    before -= 1
    if not chosen:
        chosen = set(range(max(0, len(parts) - TAIL_SENTENCES), len(parts)))
    return " ".join(parts[number] for number in sorted(chosen))
