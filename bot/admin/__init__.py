"""The codex owners' console under ``/admin``: one function, ``mount``, puts it on Kodeks' application.

The console is a sub-application with its own middlewares, so its sign-in, CSRF check and security
headers apply to ``/admin`` only and cannot affect ``/slack/events`` or ``/api/messages``. It reads and
changes data only through ``ConsoleBackend`` (``bot.admin.backend``).
"""

from __future__ import annotations

import hashlib
import hmac

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp_session import session_middleware
from aiohttp_session.cookie_storage import EncryptedCookieStorage

from bot.admin import api, auth, pages, queue
from bot.admin.assets import STATIC_DIR
from bot.admin.backend import ConsoleBackend
from bot.admin.csrf import check_csrf
from bot.admin.keys import BACKEND, SETTINGS, TEMPLATES, ConsoleSettings
from bot.admin.rendering import FILTERS
from bot.admin.responses import secure_responses
from bot.admin.throttle import LoginThrottle

__all__ = ["MIN_TOKEN_LENGTH", "PREFIX", "mount"]

PREFIX = "/admin"
MIN_TOKEN_LENGTH = 32
"""As interfaces.md requires of ``KODEKS_ADMIN_TOKEN``: long enough that guessing it online is hopeless."""
SESSION_COOKIE = "kodeks_admin"
SESSION_SECONDS = 8 * 3600
"""A sign-in lasts one working day; the encrypted cookie carries its own expiry (Fernet's timestamp)."""


def session_key(token: str) -> bytes:
    """The cookie encryption key, derived from the token.

    Note:
        Derived, not random per process, so sessions survive a restart and work across instances; and
        changing ``KODEKS_ADMIN_TOKEN`` signs everybody out, which is what rotating a token is for.
    """
    return hmac.new(token.encode(), b"kodeks admin session cookie", hashlib.sha256).digest()


def _routes(console: web.Application) -> None:
    router = console.router
    router.add_get("/login", auth.login_form, name="login")
    router.add_post("/login", auth.login, name="login_post")
    router.add_get("/login.css", auth.login_stylesheet, name="login_css")
    router.add_post("/logout", auth.logout, name="logout")
    router.add_get("", pages.overview, name="overview_bare")
    router.add_get("/", pages.overview, name="overview")
    router.add_get("/try", pages.try_question, name="try_question")
    router.add_get("/knowledge", pages.knowledge, name="knowledge")
    router.add_get("/questions", queue.question_list, name="questions")
    router.add_get(r"/questions/{id:\d+}", queue.question_page, name="question")
    router.add_post(r"/questions/{id:\d+}/answer", queue.answer, name="answer")
    router.add_post(r"/questions/{id:\d+}/close", queue.close, name="close")
    router.add_get("/report.json", api.report_json, name="report_json")
    router.add_get("/report.csv", api.report_csv, name="report_csv")
    router.add_get("/report.md", api.report_markdown, name="report_md")
    router.add_static("/static", STATIC_DIR, name="static")


def mount(
    app: web.Application,
    backend: ConsoleBackend,
    token: str,
    *,
    secure_cookies: bool,
    throttle: LoginThrottle | None = None,
) -> web.Application:
    """Serve the console under ``/admin`` of ``app``; return the console's own sub-application.

    Args:
        app: Kodeks' application, not yet started.
        backend: where the console reads reports and the queue, and sends answers.
        token: ``KODEKS_ADMIN_TOKEN``: the sign-in secret for browsers and the bearer token for scripts.
        secure_cookies: mark the session cookie ``Secure``: true wherever the console is served over
            HTTPS (production); false only for local HTTP, where a browser would drop a secure cookie.
        throttle: the guard against guessing the token; tests pass one with a fake clock.

    Raises:
        ValueError: ``token`` is shorter than ``MIN_TOKEN_LENGTH``.
    """
    if len(token) < MIN_TOKEN_LENGTH:
        raise ValueError(f"the console token must have at least {MIN_TOKEN_LENGTH} characters")
    console = web.Application()
    templates = aiohttp_jinja2.setup(
        console,
        app_key=TEMPLATES,
        loader=jinja2.PackageLoader("bot.admin", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        filters=FILTERS,
    )
    storage = EncryptedCookieStorage(
        session_key(token),
        cookie_name=SESSION_COOKIE,
        max_age=SESSION_SECONDS,
        path=PREFIX,
        secure=secure_cookies,
        httponly=True,
        samesite="Strict",
    )
    console.middlewares.extend(
        [secure_responses(templates), session_middleware(storage), auth.require_sign_in, check_csrf]
    )
    console[BACKEND] = backend
    console[SETTINGS] = ConsoleSettings(token.encode(), throttle or LoginThrottle())
    _routes(console)
    app.add_subapp(PREFIX, console)
    return console
