"""The one aiohttp application: the composition root of the server.

Slack (``/slack/events``) and Teams (``/api/messages``) mount here next to ``/healthz`` and the
privacy page (``/privacy``). An error
middleware makes sure nothing a client sends is answered with a traceback.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.assembly import Assembly, assemble
from bot.clock import Clock, utc_now
from bot.config import Settings
from bot.core.replies import Replies
from bot.errors import StoreError
from bot.logs import REQUEST_ID
from bot.render import privacy
from bot.retention import retention_loop
from bot.tips.scheduler import TipScheduler, tip_loop

log = logging.getLogger(__name__)

ASSEMBLY: web.AppKey[Assembly] = web.AppKey("assembly", Assembly)
MAX_BODY_BYTES = 1024**2
"""Larger request bodies get 413: Slack and Teams payloads are a few kilobytes."""
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


@web.middleware
async def request_log(request: web.Request, handler: Handler) -> web.StreamResponse:
    """One log line per request: id, platform, path, status, latency; never the body or headers."""
    given = request.headers.get("X-Request-Id", "")
    request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex[:16]
    REQUEST_ID.set(request_id)  # a platform's route adds its name (bot.logs.PLATFORM)
    started = time.perf_counter()
    status = 500
    try:
        response = await handler(request)
        status = response.status
        response.headers["X-Request-Id"] = request_id
        return response
    finally:
        latency = round((time.perf_counter() - started) * 1000, 1)
        fields = {"method": request.method, "path": request.path, "status": status, "latency_ms": latency}
        log.info("request", extra=fields)


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Answer HTTP errors as short JSON, and our own failures as a logged 500 without details."""
    try:
        if (request.content_length or 0) > MAX_BODY_BYTES:
            raise web.HTTPRequestEntityTooLarge(MAX_BODY_BYTES, request.content_length or 0)
        return await handler(request)
    except web.HTTPException as error:
        if error.status < 400:
            raise
        return web.json_response({"error": error.reason}, status=error.status)
    except Exception:
        log.exception("request_failed", extra={"path": request.path})
        return web.json_response({"error": "internal error"}, status=500)


async def healthz(request: web.Request) -> web.Response:
    """Liveness: the process runs and its knowledge is loaded."""
    codex = request.app[ASSEMBLY].kodeks.codex
    return web.json_response({"status": "ok", "virtues": len(codex.virtues)})


async def readyz(request: web.Request) -> web.Response:
    """Readiness: knowledge loaded and the database answering; 503 while it does not."""
    assembly = request.app[ASSEMBLY]
    try:
        await assembly.store.ping()
    except StoreError:
        return web.json_response({"status": "database unreachable"}, status=503)
    return web.json_response({"status": "ready", "virtues": len(assembly.kodeks.codex.virtues)})


async def create_app(
    settings: Settings, replies: Replies | None = None, clock: Clock = utc_now
) -> web.Application:
    """Build the server's application: store opened, service built, configured platforms mounted.

    ``replies`` lets tests share one loaded knowledge folder; ``clock`` is the server's idea of now
    (the tip scheduler's and the chat's), fixed in tests. Pass the coroutine to ``web.run_app``, so
    the store is opened on the loop that serves.

    Raises:
        KnowledgeError: the knowledge folder is broken.
        StoreError: the database cannot be opened (the server then never binds its port).
    """
    assembly = await assemble(settings, replies, clock)
    app = web.Application(middlewares=[request_log, json_errors], client_max_size=MAX_BODY_BYTES)
    app[ASSEMBLY] = assembly
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    privacy_page = privacy.page(assembly.kodeks.replies.knowledge.organisation)  # built once

    async def show_privacy(_: web.Request) -> web.Response:
        return web.Response(text=privacy_page, content_type="text/html")

    app.router.add_get(privacy.PRIVACY_PATH, show_privacy)
    for platform in assembly.platforms:
        platform.mount(app)
    app.cleanup_ctx.append(tip_loop(TipScheduler(assembly.sender, clock)))
    app.cleanup_ctx.append(assembly.kodeks.usage.loop())
    if settings.admin_token:  # the owners' console; without a token /admin is simply not there (404)
        from bot.admin import mount
        from bot.owners import OwnersBackend

        backend = OwnersBackend(assembly.kodeks.replies, assembly.store, settings.timezone, clock(), clock)
        mount(app, backend, settings.admin_token, secure_cookies=settings.admin_secure_cookies)
    app.cleanup_ctx.append(retention_loop(assembly.store, settings.retention_days, clock))

    async def close_store(_: web.Application) -> None:
        await assembly.close()

    app.on_cleanup.append(close_store)
    return app
