"""Turn what people type into comparable words.

Staff write "må", "maa" and "ma" for the same word, and questions arrive wrapped in Slack or Teams
markup. Folding maps all spellings to one skeleton (æ/ae → a, ø/oe → o, å/aa → a, accents dropped,
punctuation to spaces) so the codex and a question meet on equal terms. The skeleton is never shown to
anyone; it only feeds the matcher.
"""

from __future__ import annotations

import re
import unicodedata

MAX_QUESTION_CHARS = 2000
"""Longer input is cut: no staff question is longer, and it bounds the matcher's work per request."""

_SLACK_MARKUP = re.compile(r"<([@#!])[^>|]*(?:\|([^>]*))?>")
_SLACK_LINK = re.compile(r"<((?:https?|mailto):[^>|]*)(?:\|([^>]*))?>")
_TEAMS_MENTION = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_DANISH = str.maketrans({"æ": "a", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u"})
_DIGRAPHS = re.compile(r"aa|ae|oe")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def strip_markup(text: str) -> str:
    """Remove chat markup: Slack mentions and channel links, Teams ``<at>`` mentions, HTML tags.

    Note:
        A Slack link keeps its label (``<https://x|intranettet>`` → "intranettet"), a user or channel
        mention is dropped: the bot's own name must not count as a word of the question.
    """
    text = _TEAMS_MENTION.sub(" ", text)
    text = _SLACK_LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = _SLACK_MARKUP.sub(lambda m: m.group(2) or " ", text)
    text = _HTML_TAG.sub(" ", text)
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ")


def fold(text: str) -> str:
    """Return lowercase words without diacritics, Danish letters collapsed, separated by one space.

    Note:
        "ae", "oe" and "aa" are folded too, because people without a Danish keyboard write "raad" for
        "råd"; native Danish words almost never contain these pairs, so little is lost.
    """
    text = unicodedata.normalize("NFKC", text).lower().translate(_DANISH)
    text = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    text = _DIGRAPHS.sub(lambda m: m.group(0)[0], text)
    return _NOT_WORD.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """Return the folded words of a question, markup removed and length capped."""
    return fold(strip_markup(text[:MAX_QUESTION_CHARS])).split()
