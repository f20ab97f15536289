"""Who may use the console: the login form, the session it starts, and bearer tokens for scripts.

The token is compared with ``hmac.compare_digest`` (no timing hint about how much of it was right),
and every wrong one counts towards the client's lockout (``LoginThrottle``), on the form and in an
``Authorization`` header alike.
"""

from __future__ import annotations

import hmac
from urllib.parse import urlencode, urlsplit

from aiohttp import web
from aiohttp_session import get_session, new_session

from bot.admin import texts
from bot.admin.assets import STYLESHEET
from bot.admin.csrf import renew_csrf_token
from bot.admin.keys import ACCESS, SETTINGS, Access, ConsoleSettings
from bot.admin.rendering import render
from bot.admin.responses import Handler, RefusedError, read_form, wants_html

SIGNED_IN_KEY = "signed_in"
PUBLIC_ROUTES = frozenset({"login", "login_post", "login_css"})
"""Route names open without signing in: the login form and its stylesheet, which hold no data."""
HOME = "/admin/"
SIGN_IN = "/admin/login"


def _client(request: web.Request) -> str:
    return request.remote or "unknown"


def _token_matches(settings: ConsoleSettings, given: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), settings.token)


def _check_token(request: web.Request, given: str) -> bool:
    """Compare a token under the throttle: refuse (429) a locked-out client before comparing."""
    settings = request.app[SETTINGS]
    client = _client(request)
    wait = settings.throttle.wait(client)
    if wait:
        raise RefusedError(429, texts.locked(wait), {"Retry-After": str(wait)})
    if _token_matches(settings, given):
        settings.throttle.succeeded(client)
        return True
    settings.throttle.failed(client)
    return False


def safe_next(target: str) -> str:
    """Where to go after signing in: only a console path, never another site (an open redirect)."""
    parts = urlsplit(target)
    local = not parts.scheme and not parts.netloc and "\\" not in target
    return target if local and (target == "/admin" or target.startswith("/admin/")) else HOME


@web.middleware
async def require_sign_in(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Let through the login form, a valid bearer token or a signed-in session; nothing else.

    Browsers are sent to the login form (303), scripts get 401 with ``WWW-Authenticate``. Neither
    learns anything about the page it asked for, not even whether it exists.
    """
    if request.match_info.route.name in PUBLIC_ROUTES:
        return await handler(request)
    authorization = request.headers.get("Authorization")
    if authorization is not None:
        scheme, _, given = authorization.partition(" ")
        if scheme.lower() == "bearer" and _check_token(request, given.strip()):
            request[ACCESS] = Access.BEARER
            return await handler(request)
        raise RefusedError(401, texts.NOT_SIGNED_IN, {"WWW-Authenticate": 'Bearer realm="kodeks-admin"'})
    if (await get_session(request)).get(SIGNED_IN_KEY) is True:
        request[ACCESS] = Access.SESSION
        return await handler(request)
    if wants_html(request):
        raise web.HTTPSeeOther(f"{SIGN_IN}?{urlencode({'next': request.path_qs})}")
    raise RefusedError(401, texts.NOT_SIGNED_IN, {"WWW-Authenticate": 'Bearer realm="kodeks-admin"'})


async def _form(
    request: web.Request, target: str, error: str, status: int = 200, signed_out: bool = False
) -> web.Response:
    return await render(request, "login.html", status, next=target, error=error, signed_out=signed_out)


async def login_form(request: web.Request) -> web.StreamResponse:
    """The sign-in form (a signed-in browser goes straight on)."""
    target = safe_next(request.query.get("next", HOME))
    if (await get_session(request)).get(SIGNED_IN_KEY) is True:
        raise web.HTTPSeeOther(target)
    signed_out = request.query.get("ud") == "1"
    return await _form(request, target, "", signed_out=signed_out)


async def login(request: web.Request) -> web.StreamResponse:
    """Check the token from the form (the CSRF token was checked before); start a session if right."""
    form = await read_form(request)
    token, target = form.get("token"), safe_next(str(form.get("next", HOME)))
    try:
        right = isinstance(token, str) and _check_token(request, token)
    except RefusedError as locked:  # show the form again, with how long to wait
        response = await _form(request, target, locked.message, status=locked.status)
        response.headers.update(locked.headers)
        return response
    if not right:
        return await _form(request, target, texts.WRONG_TOKEN, status=401)
    session = await new_session(request)  # a fresh cookie: nothing from before sign-in carries over
    session[SIGNED_IN_KEY] = True
    renew_csrf_token(session)
    raise web.HTTPSeeOther(target)


async def logout(request: web.Request) -> web.StreamResponse:
    """End the session (POST with the CSRF token, so no other site can sign an owner out)."""
    session = await get_session(request)
    session.invalidate()
    raise web.HTTPSeeOther(f"{SIGN_IN}?ud=1")


async def login_stylesheet(request: web.Request) -> web.FileResponse:
    """The console's stylesheet, public so that the login form looks like the rest."""
    return web.FileResponse(STYLESHEET)
