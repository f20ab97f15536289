"""The one aiohttp application: the composition root of the server.

Slack (``/slack/events``) and Teams (``/api/messages``) mount here next to ``/healthz``. An error
middleware makes sure nothing a client sends is answered with a traceback.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

from aiohttp import web

from bot.config import Settings
from bot.errors import StoreError
from bot.logs import PLATFORM, REQUEST_ID
from bot.service import Kodeks
from bot.store import open_store
from bot.tips import TipPoster
from bot.tips.scheduler import Clock, TipScheduler, tip_loop, utc_now
from bot.tips.sender import TipSender

log = logging.getLogger(__name__)

SERVICE: web.AppKey[Kodeks] = web.AppKey("service", Kodeks)
TIP_POSTERS: web.AppKey[dict[str, TipPoster]] = web.AppKey("tip_posters", dict)
"""The platforms daily tips go out through; ``tips send-due`` takes them from here too."""
MAX_BODY_BYTES = 1024**2
"""Larger request bodies get 413: Slack and Teams payloads are a few kilobytes."""
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


PLATFORM_OF_PATH = {"/slack/events": "slack", "/api/messages": "teams"}
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


@web.middleware
async def request_log(request: web.Request, handler: Handler) -> web.StreamResponse:
    """One log line per request: id, platform, path, status, latency; never the body or headers."""
    given = request.headers.get("X-Request-Id", "")
    request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex[:16]
    REQUEST_ID.set(request_id)
    PLATFORM.set(PLATFORM_OF_PATH.get(request.path, ""))
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
    service = request.app[SERVICE]
    return web.json_response({"status": "ok", "virtues": len(service.codex.virtues)})


async def readyz(request: web.Request) -> web.Response:
    """Readiness: knowledge loaded and the database answering; 503 while it does not."""
    service = request.app[SERVICE]
    if service.store is None:
        return web.json_response({"status": "starting"}, status=503)
    try:
        await service.store.ping()
    except StoreError:
        return web.json_response({"status": "database unreachable"}, status=503)
    return web.json_response({"status": "ready", "virtues": len(service.codex.virtues)})


def database(service: Kodeks, url: str) -> Callable[[web.Application], AsyncIterator[None]]:
    """A ``cleanup_ctx`` that opens the store before serving and closes it on shutdown."""

    async def opened(_: web.Application) -> AsyncIterator[None]:
        service.store = await open_store(url)
        yield
        await service.store.close()

    return opened


def create_app(service: Kodeks, settings: Settings, clock: Clock = utc_now) -> web.Application:
    """Build the server's application around an already loaded service.

    ``clock`` is the tip scheduler's idea of now; tests pass a fixed one.
    """
    app = web.Application(middlewares=[request_log, json_errors], client_max_size=MAX_BODY_BYTES)
    app[SERVICE] = service
    app.cleanup_ctx.append(database(service, settings.database_url))
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    from bot.platforms import teams

    served = teams.create_teams(service, settings.teams, clock=clock)
    teams.mount(app, served)
    posters: dict[str, TipPoster] = {"teams": served.poster}
    if settings.slack is not None:
        from bot.platforms import slack

        bolt = slack.create_slack_app(service, settings.slack, clock)
        if settings.slack.socket_mode:
            app.cleanup_ctx.append(slack.socket_mode(bolt, settings.slack.app_token))
        else:
            app.router.add_post("/slack/events", slack.events_route(bolt))
        posters["slack"] = slack.SlackTipPoster(bolt.client)
    app[TIP_POSTERS] = posters

    def scheduler() -> TipScheduler:
        assert service.store is not None, "the database context runs first"
        return TipScheduler(TipSender(service, service.store, posters), clock)

    app.cleanup_ctx.append(tip_loop(scheduler))
    return app
