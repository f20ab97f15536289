"""Typed keys for what the console keeps on its aiohttp application and on each request."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import jinja2
from aiohttp import web

from bot.admin.backend import ConsoleBackend
from bot.admin.throttle import LoginThrottle


class Access(StrEnum):
    """How a request proved it may use the console."""

    SESSION = "session"  # a browser signed in on the form: POSTs need the CSRF token
    BEARER = "bearer"  # a script sent the token itself: no ambient cookie, so no CSRF risk


@dataclass(frozen=True, slots=True)
class ConsoleSettings:
    """The secret and the guard against guessing it, fixed at mount time."""

    token: bytes
    throttle: LoginThrottle


BACKEND: web.AppKey[ConsoleBackend] = web.AppKey("admin_backend")
SETTINGS: web.AppKey[ConsoleSettings] = web.AppKey("admin_settings", ConsoleSettings)
TEMPLATES: web.AppKey[jinja2.Environment] = web.AppKey("admin_templates", jinja2.Environment)
ACCESS: web.RequestKey[Access] = web.RequestKey("admin_access", Access)
