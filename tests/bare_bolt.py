"""A bare Bolt app that only acknowledges ``/kodeks``: the yardstick of ``make bench-load``.

Run as ``python tests/bare_bolt.py`` with ``PORT``, ``SLACK_BOT_TOKEN``, ``SLACK_SIGNING_SECRET`` and
``SLACK_API_URL`` set, like the real server. It serves ``POST /slack/events`` with the library's own
aiohttp adapter and ``GET /healthz``, and nothing else: what Bolt costs per request by itself.
"""

from __future__ import annotations

import os

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient


def create() -> web.Application:
    """The aiohttp application around a Bolt app whose one listener acks ``/kodeks``."""
    client = AsyncWebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"])
    bolt = AsyncApp(client=client, signing_secret=os.environ["SLACK_SIGNING_SECRET"])

    @bolt.command("/kodeks")
    async def only_ack(ack: AsyncAck) -> None:
        await ack()

    async def events(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await bolt.async_dispatch(await to_bolt_request(request)))

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    app = web.Application()
    app.router.add_post("/slack/events", events)
    app.router.add_get("/healthz", healthz)
    return app


if __name__ == "__main__":
    web.run_app(create(), port=int(os.environ["PORT"]), print=None, access_log=None)
