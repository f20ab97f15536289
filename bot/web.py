"""The one aiohttp application: the composition root of the server.

Slack (``/slack/events``) and Teams (``/api/messages``) mount here next to ``/healthz``. An error
middleware makes sure nothing a client sends is answered with a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from aiohttp import web

from bot.config import Settings
from bot.service import Kodeks
from bot.store import open_store

log = logging.getLogger(__name__)

SERVICE: web.AppKey[Kodeks] = web.AppKey("service", Kodeks)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Answer HTTP errors as short JSON, and our own failures as a logged 500 without details."""
    try:
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


def database(service: Kodeks, url: str) -> Callable[[web.Application], AsyncIterator[None]]:
    """A ``cleanup_ctx`` that opens the store before serving and closes it on shutdown."""

    async def opened(_: web.Application) -> AsyncIterator[None]:
        service.store = await open_store(url)
        yield
        await service.store.close()

    return opened


def create_app(service: Kodeks, settings: Settings) -> web.Application:
    """Build the server's application around an already loaded service."""
    app = web.Application(middlewares=[json_errors], client_max_size=1024**2)
    app[SERVICE] = service
    app.cleanup_ctx.append(database(service, settings.database_url))
    app.router.add_get("/healthz", healthz)
    if settings.slack is not None:
        from bot.platforms import slack

        bolt = slack.create_slack_app(service, settings.slack)
        if settings.slack.socket_mode:
            app.cleanup_ctx.append(slack.socket_mode(bolt, settings.slack.app_token))
        else:
            app.router.add_post("/slack/events", slack.events_route(bolt))
    from bot.platforms import teams

    teams.mount(app, teams.create_teams(service, settings.teams))
    return app
