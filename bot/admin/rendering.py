"""Render a console page: the template plus what every page needs (CSRF token, notice, navigation)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from aiohttp_session import Session, get_session

from bot.admin import texts
from bot.admin.csrf import csrf_token
from bot.admin.keys import ACCESS, TEMPLATES

NOTICE_KEY = "notice"

NAVIGATION = (
    ("overview", "/admin/", "Overblik"),
    ("questions", "/admin/questions", "Spørgsmål"),
    ("try_question", "/admin/try", "Prøv et spørgsmål"),
    ("knowledge", "/admin/knowledge", "Viden"),
)
"""Route name, path and Danish label of each page in the top bar, in order."""


def set_notice(session: Session, text: str) -> None:
    """A sentence for the next page only ("Svaret er gemt."), after a form redirected there."""
    session[NOTICE_KEY] = text


def when(moment: datetime | None) -> str:
    """A moment as Danes write it: ``22.11.2026 kl. 12.05``; the backend gives it in local time."""
    return moment.strftime("%d.%m.%Y kl. %H.%M") if moment else ""


def platform_label(platform: str) -> str:
    """``slack`` → ``Slack``; an unknown platform as it is."""
    return texts.PLATFORM_LABELS.get(platform, platform)


def subscription_label(kind: str) -> str:
    """``tips`` → ``Dagens tip``; an unknown kind as it is."""
    return texts.SUBSCRIPTION_LABELS.get(kind, kind)


FILTERS: dict[str, Callable[..., str]] = {
    "when": when,
    "platform": platform_label,
    "subscription": subscription_label,
}
"""Jinja filters of the console's templates."""


async def render(request: web.Request, template: str, status: int = 200, **context: Any) -> web.Response:
    """Render ``template`` with ``context`` and the shared page data."""
    session = await get_session(request)
    notice = session.pop(NOTICE_KEY, "")
    shared = {
        "csrf_token": csrf_token(session),
        "notice": notice,
        "navigation": NAVIGATION,
        "current": request.match_info.route.name,
        "signed_in": ACCESS in request,
    }
    return aiohttp_jinja2.render_template(
        template, request, {**shared, **context}, status=status, app_key=TEMPLATES
    )
