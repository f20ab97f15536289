"""Teams' markup in message text: ``<at>`` mentions and the HTML some clients send.

The SDK removes the mention of the bot itself; other mentions and tags are removed here so they do
not count as words of the question.
"""

from __future__ import annotations

import re

_MENTION = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def strip_markup(text: str) -> str:
    """Remove ``<at>…</at>`` mentions and HTML tags, and unescape the entities Teams uses."""
    text = _HTML_TAG.sub(" ", _MENTION.sub(" ", text))
    return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
