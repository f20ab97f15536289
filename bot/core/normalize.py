"""Turn what people type into comparable words.

Staff write "må", "maa" and "ma" for the same word, and text pasted from PDFs and web pages
carries invisible format characters (soft hyphens, zero-width spaces). Chat markup (mentions, links)
is removed by each platform's adapter before the text gets here. Folding maps all spellings to one
skeleton (æ/ae → a, ø/oe → o, å/aa → a, accents dropped, punctuation to spaces) so the codex and a
question meet on equal terms. The skeleton is never shown to anyone; it only feeds the matcher.
"""

from __future__ import annotations

import re
import unicodedata

MAX_QUESTION_CHARS = 2000
"""Longer input is cut: no staff question is longer, and it bounds the matcher's work per request."""

_DANISH = str.maketrans({"æ": "a", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u"})
_DIGRAPHS = re.compile(r"aa|ae|oe")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_FORMAT_RANGES = (range(0x10000), range(0x11000, 0x1D200), range(0xE0000, 0xE0080))
"""Where Unicode's format characters live (the whole BMP, the few supplementary blocks that have them)."""
_NO_FORMAT = {
    code: None for block in _FORMAT_RANGES for code in block if unicodedata.category(chr(code)) == "Cf"
}
"""Unicode's format characters (soft hyphen U+00AD, zero-width space and joiners, BOM …) to delete: they
are invisible, so "partipoli\u00adtisk" must read as "partipolitisk", not as two words. A translate
table built once at import (≈ 20 ms) deletes them at C speed."""


def fold(text: str) -> str:
    """Return lowercase words without diacritics, Danish letters collapsed, separated by one space.

    Note:
        Format characters are dropped first, so a soft hyphen inside a word does not split it.
        "ae", "oe" and "aa" are folded too, because people without a Danish keyboard write "raad" for
        "råd"; native Danish words almost never contain these pairs, so little is lost.
    """
    text = text.translate(_NO_FORMAT)
    text = unicodedata.normalize("NFKC", text).lower().translate(_DANISH)
    text = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    text = _DIGRAPHS.sub(lambda m: m.group(0)[0], text)
    return _NOT_WORD.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """Return the folded words of a question, length capped."""
    return fold(text[:MAX_QUESTION_CHARS]).split()
