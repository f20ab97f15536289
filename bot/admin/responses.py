"""Every console response leaves with the security headers, and every failure as a clean page or JSON.

This is the console's outermost middleware: whatever the inner layers return or raise (a page, a
redirect, a refusal, aiohttp's own 404, a bug) passes here, so no ``/admin`` response can lack its
Content-Security-Policy and no traceback reaches a browser.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping

import jinja2
from aiohttp import web
from aiohttp.typedefs import Middleware
from aiohttp.web_request import FileField
from multidict import MultiDictProxy

from bot.admin import texts

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",  # page code only from /admin/static: no inline script, no eval
        "style-src 'self'",
        "img-src 'self' data:",  # Chart.js and Adaptive Cards may draw icons as data: URLs
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",  # for browsers that predate frame-ancestors
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",  # a previewed question sits in the URL: never send it onwards
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
PAGE_CACHE = "no-store"  # pages hold questions people asked: no copy in any cache
ASSET_CACHE = "private, max-age=3600"
KEPT_HEADERS = ("Location", "Retry-After", "WWW-Authenticate", "Allow")
"""Headers of a refused or redirected response that must survive its conversion into a page."""

STATUS_MESSAGES = {
    401: texts.NOT_SIGNED_IN,
    403: texts.CSRF_FAILED,
    404: texts.NOT_FOUND,
    405: texts.METHOD_NOT_ALLOWED,
}


class RefusedError(Exception):
    """A request the console turns down with a 4xx status and a Danish sentence for the person."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, dict(headers or {})


async def read_form(request: web.Request) -> MultiDictProxy[str | bytes | bytearray | FileField]:
    """The posted form; a body that is no readable form (broken multipart, unknown charset) is a 400.

    Note:
        aiohttp caches the parsed form on the request, so the CSRF check and the handler read it once.
    """
    try:
        return await request.post()
    except (ValueError, LookupError) as error:  # aiohttp's multipart and charset errors
        raise RefusedError(400, texts.BAD_FORM) from error


def wants_html(request: web.Request) -> bool:
    """A browser page request (not a script): it gets pages and redirects instead of JSON and 401."""
    return "text/html" in request.headers.get("Accept", "") and "Authorization" not in request.headers


def _error(
    request: web.Request, templates: jinja2.Environment, status: int, message: str, headers: Mapping[str, str]
) -> web.Response:
    if wants_html(request):
        html = templates.get_template("error.html").render(status=status, message=message, signed_in=False)
        response = web.Response(status=status, text=html, content_type="text/html")
    else:
        response = web.json_response({"error": message}, status=status)
    for name in KEPT_HEADERS:
        if name in headers:
            response.headers[name] = headers[name]
    return response


def secure_responses(templates: jinja2.Environment) -> Middleware:
    """The outermost console middleware: refusals and errors become pages, then headers go on all."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        response: web.StreamResponse
        try:
            response = await handler(request)
        except RefusedError as refused:
            response = _error(request, templates, refused.status, refused.message, refused.headers)
        except web.HTTPException as error:
            if error.status < 400:  # a redirect: keep it, with its Location and session cookie
                kept = {name: error.headers[name] for name in KEPT_HEADERS if name in error.headers}
                response = web.Response(status=error.status, headers=kept)
                response.cookies.update(error.cookies)  # the session, e.g. just signed in
            else:
                message = STATUS_MESSAGES.get(error.status, error.reason)
                response = _error(request, templates, error.status, message, error.headers)
        except Exception:
            log.exception("admin_request_failed", extra={"path": request.path})
            response = _error(request, templates, 500, texts.INTERNAL_ERROR, {})
        response.headers.update(SECURITY_HEADERS)
        is_asset = request.path.startswith("/admin/static/") and response.status == 200
        response.headers["Cache-Control"] = ASSET_CACHE if is_asset else PAGE_CACHE
        return response

    return middleware
