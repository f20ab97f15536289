"""Local fakes of the services Kodeks talks to: the Slack Web API and the Bot Connector."""

from __future__ import annotations

from aiohttp import web


async def start_on_free_port(app: web.Application) -> tuple[web.AppRunner, int]:
    """Serve ``app`` on 127.0.0.1 at a port the system picks (never a fixed one); return runner and port."""
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner, int(runner.addresses[0][1])
