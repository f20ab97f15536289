"""Slack's markup in message text: user and channel mentions, special mentions and links.

The bot's own mention ("<@U0KODEKS> hjælp") must not count as a word of the question, and a link keeps
only its label. Slack escapes ``&``, ``<`` and ``>`` in text; they are unescaped last.
"""

from __future__ import annotations

import re

_MENTION = re.compile(r"<([@#!])[^>|]*(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto):[^>|]*)(?:\|([^>]*))?>")


def strip_markup(text: str) -> str:
    """Remove mentions and keep link labels: ``<https://x|intranettet>`` becomes "intranettet"."""
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = _MENTION.sub(lambda m: m.group(2) or " ", text)
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
