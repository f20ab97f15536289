"""Read what a person put in the address bar or a form; anything wrong is a 400 in Danish, never a 500."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta

from aiohttp import web

from bot.admin import texts
from bot.admin.backend import QuestionState
from bot.admin.responses import RefusedError

MAX_PERIOD_DAYS = 3 * 366
"""Longest report period: three years keeps one report query cheap on the store."""
MAX_QUESTION_ID = 2**31 - 1
"""Larger ids cannot exist in the store, and some databases fail on them instead of finding none."""
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(text: str) -> date:
    if not _DATE.match(text):
        raise RefusedError(400, texts.BAD_DATE)
    try:
        return date.fromisoformat(text)
    except ValueError:  # 2026-02-30
        raise RefusedError(400, texts.BAD_DATE) from None


def period(query: Mapping[str, str], today: date, default_days: int) -> tuple[date, date]:
    """``from`` and ``to`` (inclusive) from the query; by default the ``default_days`` up to today."""
    last = _date(query["to"]) if query.get("to") else today
    first = _date(query["from"]) if query.get("from") else last - timedelta(days=default_days - 1)
    if first > last:
        raise RefusedError(400, texts.DATES_REVERSED)
    if (last - first).days >= MAX_PERIOD_DAYS:
        raise RefusedError(400, texts.PERIOD_TOO_LONG.format(days=MAX_PERIOD_DAYS))
    return first, last


def question_id(request: web.Request) -> int:
    """The question id in the path (the route only matches digits); too large is simply unknown."""
    number = int(request.match_info["id"])
    if number > MAX_QUESTION_ID:
        raise RefusedError(404, texts.UNKNOWN_QUESTION)
    return number


def state(query: Mapping[str, str]) -> QuestionState | None:
    """The queue filter ``?tilstand=ny|besvaret|lukket``; absent or empty means all."""
    word = query.get("tilstand", "")
    if not word:
        return None
    for value, label in texts.STATE_WORDS.items():
        if label == word:
            return value
    raise RefusedError(400, texts.BAD_STATE)


def text(value: object, limit: int) -> str:
    """A text field, stripped, at most ``limit`` characters (longer is refused, not cut)."""
    result = value.strip() if isinstance(value, str) else ""
    if len(result) > limit:
        raise RefusedError(400, texts.TEXT_TOO_LONG.format(limit=limit))
    return result
