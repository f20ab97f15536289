"""A local fake of the Slack Web API that records every call, served over real HTTP on port 0.

Tests wait for a call (``await slack.wait_for("chat.postMessage")``) instead of sleeping, and can make
the next call of a method fail (``slack.fail_next("chat.postMessage", "not_in_channel")``).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

from tests.fakes import start_on_free_port

BOT_USER_ID, BOT_ID, TEAM_ID = "UKODEKS", "BKODEKS", "T0REGION"


@dataclass(frozen=True)
class Call:
    """One recorded request: the Web API method (or ``response_url``) and its parameters."""

    method: str
    params: dict[str, Any]
    headers: dict[str, str] = field(repr=False)


@dataclass
class _Failure:
    error: str
    status: int
    retry_after: int | None


class FakeSlack:
    """The fake server; ``api_url`` goes into SLACK_API_URL, ``response_url()`` into payloads."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._failures: dict[str, list[_Failure]] = {}
        self._delays: dict[str, list[float]] = {}
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._sockets: list[web.WebSocketResponse] = []
        self.port = 0

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)  # Slack takes GET and POST alike
        app.router.add_post("/respond/{name}", self._respond)
        app.router.add_get("/socket", self._socket)
        self._runner, self.port = await start_on_free_port(app)

    async def close(self) -> None:
        for socket in self._sockets:
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"http://127.0.0.1:{self.port}/respond/{name}"

    def fail_next(self, method: str, error: str, status: int = 200, retry_after: int | None = None) -> None:
        """Make the next call of ``method`` fail with a Slack error (or an HTTP status such as 429)."""
        self._failures.setdefault(method, []).append(_Failure(error, status, retry_after))

    def delay_next(self, method: str, seconds: float) -> None:
        """Make the next call of ``method`` answer only after ``seconds`` (a slow Slack)."""
        self._delays.setdefault(method, []).append(seconds)

    def of(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    async def wait_for(self, method: str, count: int = 1, within: float = 5.0) -> list[Call]:
        """Wait until ``method`` has been called ``count`` times; return those calls."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(self.of(method)) >= count), within)
        return self.of(method)

    async def wait_for_text(self, method: str, fragment: str, within: float = 5.0) -> list[Call]:
        """Wait until a call of ``method`` contains ``fragment`` anywhere in its parameters."""

        def arrived() -> bool:
            return any(fragment in json.dumps(call.params, ensure_ascii=False) for call in self.of(method))

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(arrived), within)
        return self.of(method)

    async def push(self, envelope: dict[str, Any]) -> None:
        """Send a Socket Mode envelope to every connected app (waits for the app to connect)."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: bool(self._sockets)), 5)
        for socket in self._sockets:
            await socket.send_json(envelope)

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_json({"type": "hello", "num_connections": 1, "debug_info": {"host": "fake"}})
        async with self._changed:
            self._sockets.append(socket)
            self._changed.notify_all()
        async for message in socket:
            if message.type == web.WSMsgType.TEXT:
                async with self._changed:
                    self.calls.append(Call("socket_ack", json.loads(message.data), {}))
                    self._changed.notify_all()
        return socket

    async def _record(self, method: str, request: web.Request) -> dict[str, Any]:
        raw = await request.text()
        if request.method == "GET":
            params: dict[str, Any] = dict(request.query)
        elif request.content_type == "application/json":
            params = json.loads(raw or "{}")
        else:
            params = dict(parse_qsl(raw))
            for key in ("blocks", "view", "attachments"):
                if isinstance(params.get(key), str):
                    params[key] = json.loads(params[key])
        async with self._changed:
            self.calls.append(Call(method, params, dict(request.headers)))
            self._changed.notify_all()
        return params

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._record(method, request)
        if self._delays.get(method):
            await asyncio.sleep(self._delays[method].pop(0))
        failures = self._failures.get(method)
        if failures:
            failure = failures.pop(0)
            headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
            return web.json_response(
                {"ok": False, "error": failure.error}, status=failure.status, headers=headers
            )
        return web.json_response(self._answer(method, params))

    async def _respond(self, request: web.Request) -> web.Response:
        await self._record("response_url", request)
        return web.Response(text="ok")

    def _result(self, method: str) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "ok": True,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "team_id": TEAM_ID,
                "user": "kodeks",
            }
        if method == "apps.connections.open":
            return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}  # handled by _socket
        if method == "chat.postMessage":
            return {"ok": True, "ts": "1700000000.000100", "channel": "C1"}
        return {"ok": True}

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """What Slack answers: a posted message names its channel and gets a ts of its own."""
        result = self._result(method)
        if method == "chat.postMessage" and params.get("channel"):
            result |= {"channel": params["channel"], "ts": f"1700000000.{len(self.of(method)):06d}"}
        if method == "views.open" and isinstance(params.get("view"), dict):
            result |= {"view": {"id": f"V{len(self.of(method)):04d}", **params["view"]}}
        return result
