"""A local fake of the Bot Connector service that records every activity Kodeks sends, on port 0.

Its URL goes into an activity's ``serviceUrl``; the SDK then posts replies to
``{serviceUrl}v3/conversations/{id}/activities[/{replyToId}]``. Tests wait for a post
(``await connector.wait_for_posts(1)``) instead of sleeping, and can make the next post fail with a
status (``connector.fail_next(403)``), as Teams does once the app has been removed.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from aiohttp import web
from microsoft_agents.hosting.core import (
    AgentAuthConfiguration,
    AnonymousTokenProvider,
    ConnectionManager,
    Connections,
)

from tests.fakes import start_on_free_port

STATIC_TOKEN = "static-test-token"


class StaticTokenProvider(AnonymousTokenProvider):
    """Hands out one fixed token, standing in for MSAL: proactive sends need a non-empty token."""

    async def get_access_token(
        self, resource_url: str, scopes: list[str], force_refresh: bool = False
    ) -> str:
        return STATIC_TOKEN


def static_connections(client_id: str) -> Connections:
    """A connection manager for ``client_id`` whose every token is ``STATIC_TOKEN``."""
    config = AgentAuthConfiguration(client_id=client_id, tenant_id="tenant-rm")
    return ConnectionManager(
        provider_factory=lambda _: StaticTokenProvider(),
        connections_configurations={"SERVICE_CONNECTION": config},
    )


@dataclass(frozen=True)
class Post:
    """One activity sent by the bot: where it went and what it was."""

    path: str  # decoded, e.g. "v3/conversations/19:abc;messageid=1/activities/1"
    activity: dict[str, Any]
    headers: dict[str, str] = field(repr=False)
    method: str = "POST"  # PUT: an update of an activity already sent (``update_activity``)

    @property
    def conversation_id(self) -> str:
        return self.path.split("/")[2]

    @property
    def reply_to(self) -> str | None:
        """The activity this one answers in its thread, or None for a new message."""
        parts = self.path.split("/")
        return parts[4] if len(parts) > 4 else None

    @property
    def card(self) -> dict[str, Any]:
        """The Adaptive Card attached to the activity."""
        (attachment,) = self.activity["attachments"]
        assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
        card: dict[str, Any] = attachment["content"]
        return card

    @property
    def shown(self) -> str:
        """Everything a person can read in the message: its text and its card, as one string."""
        return json.dumps(
            [self.activity.get("text", ""), self.activity.get("attachments", [])], ensure_ascii=False
        )


class FakeBotConnector:
    """The fake service; ``url`` is what tests put into ``serviceUrl`` (with its trailing slash)."""

    def __init__(self) -> None:
        self.posts: list[Post] = []
        self._failures: list[int] = []
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._record)
        self._runner, self.port = await start_on_free_port(app)

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def fail_next(self, status: int) -> None:
        """Answer the next post with this HTTP status (403 or 404: the app is gone)."""
        self._failures.append(status)

    async def wait_for_posts(self, count: int = 1, within: float = 5.0) -> list[Post]:
        """Wait until ``count`` activities have been posted; return all posts so far."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(self.posts) >= count), within)
        return list(self.posts)

    async def _record(self, request: web.Request) -> web.Response:
        body = await request.text()
        post = Post(
            unquote(request.path.lstrip("/")), json.loads(body or "{}"), dict(request.headers), request.method
        )
        async with self._changed:
            self.posts.append(post)
            self._changed.notify_all()
        if self._failures:
            status = self._failures.pop(0)
            return web.json_response({"error": {"code": "Forbidden", "message": "gone"}}, status=status)
        return web.json_response({"id": f"reply-{len(self.posts)}"})
