"""Cross-site request forgery guard: every POST from a browser carries the session's secret token.

The session cookie is already ``SameSite=Strict``; the token is the second, independent layer the
OWASP "synchronizer token" pattern asks for, so an old browser or a sloppy proxy cannot undo it.
Requests that authenticate with ``Authorization: Bearer`` carry no ambient credential and skip it.
"""

from __future__ import annotations

import hmac
import secrets

from aiohttp import web
from aiohttp_session import Session, get_session

from bot.admin import texts
from bot.admin.keys import ACCESS, Access
from bot.admin.responses import Handler, RefusedError, read_form

SESSION_KEY = "csrf"
FIELD = "csrf"  # the hidden form field
HEADER = "X-CSRF-Token"  # for page scripts that POST with fetch()


def csrf_token(session: Session) -> str:
    """The session's token, created on first use (the login form's GET creates it)."""
    token = session.get(SESSION_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[SESSION_KEY] = token
    return token


def renew_csrf_token(session: Session) -> None:
    """A new token at sign-in, so one seen before signing in is worthless afterwards."""
    session[SESSION_KEY] = secrets.token_urlsafe(32)


@web.middleware
async def check_csrf(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse (403) a browser's POST whose token is missing or differs from the session's."""
    if request.method not in ("GET", "HEAD", "OPTIONS") and request.get(ACCESS) is not Access.BEARER:
        expected = (await get_session(request)).get(SESSION_KEY)
        form = await read_form(request)
        given = form.get(FIELD) or request.headers.get(HEADER, "")
        if not (
            isinstance(expected, str)
            and isinstance(given, str)
            and hmac.compare_digest(given.encode(), expected.encode())
        ):
            raise RefusedError(403, texts.CSRF_FAILED)
    return await handler(request)
