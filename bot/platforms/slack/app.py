"""Slack: a Bolt ``AsyncApp`` whose listeners only translate between Slack and the service.

DMs are answered in the DM, mentions in a thread under the mention, ``/kodeks`` ephemerally with a
"Del i kanalen" button. Bolt checks signatures and acknowledges; this module adds what Bolt leaves to
apps: answering a redelivered event once, ignoring bots and edits, and explaining Slack errors.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond, AsyncSay
from slack_bolt.request.internals import parse_body
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.clock import Clock
from bot.config import SlackSettings
from bot.core.answer import Answer, Notice
from bot.errors import ChannelGone
from bot.logs import PLATFORM
from bot.platforms.slack import ask
from bot.platforms.slack.markup import strip_markup
from bot.render import actions, plain, slack_blocks, texts
from bot.service import Conversation, Kodeks

log = logging.getLogger(__name__)

NAME = "slack"
COMMAND = "/kodeks"
SEEN_EVENTS = 5000
"""How many event ids are remembered to answer a redelivered event once; Slack retries within minutes."""
MISSING_CHANNEL_ERRORS = frozenset({"not_in_channel", "channel_not_found"})
GONE_CHANNEL_ERRORS = MISSING_CHANNEL_ERRORS | {"is_archived", "account_inactive", "invalid_auth"}
"""Errors after which posting to a channel cannot succeed until a person acts: pause its tips."""


class _SeenEvents:
    """The most recent event ids, so a retried delivery (HTTP or Socket Mode) is answered once.

    Note:
        Deduplicate by ``event_id``, never by the ``X-Slack-Retry-Num`` header: Socket Mode sets that
        header to "0" on the first delivery, so testing it for truth would drop every Socket Mode event.
    """

    def __init__(self, size: int = SEEN_EVENTS) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._size = size

    def first_time(self, event_id: str) -> bool:
        if event_id in self._ids:
            return False
        self._ids[event_id] = None
        if len(self._ids) > self._size:
            self._ids.popitem(last=False)
        return True


def message_kwargs(answer: Answer, share: str | None = None) -> dict[str, Any]:
    """The text (notification and fallback) and blocks of a message carrying an answer.

    ``share`` (what was asked) adds "Del i kanalen"; a notice is never shared.
    """
    share = None if isinstance(answer.content, Notice) else share
    return {"text": plain.render(answer)[:3000], "blocks": slack_blocks.render(answer, share)}


def web_client(settings: SlackSettings) -> AsyncWebClient:
    """A Web API client for ``settings.api_url`` that waits out rate limits (``Retry-After``)."""
    client = AsyncWebClient(token=settings.bot_token, base_url=settings.api_url)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=3))
    return client


class SlackTipPoster:
    """Posts daily tips to Slack channels."""

    platform = NAME

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def post_tip(self, channel: str, answer: Answer) -> None:
        """Post visibly; a channel the app has left or that was archived raises ChannelGone."""
        try:
            await self.client.chat_postMessage(channel=channel, **message_kwargs(answer))
        except SlackApiError as error:
            code = str(error.response.get("error", ""))
            if code in GONE_CHANNEL_ERRORS:
                raise ChannelGone(code) from None
            raise


def create_slack_app(service: Kodeks, settings: SlackSettings, clock: Clock) -> AsyncApp:
    """Build the Bolt app; every Web API call goes to ``settings.api_url`` and retries rate limits."""
    app = AsyncApp(
        client=web_client(settings),
        signing_secret=settings.signing_secret or "socket-mode-does-not-sign",
        ignoring_self_events_enabled=True,
    )
    seen = _SeenEvents()

    async def reply(text: str, channel: str) -> Answer:
        """The answer to words typed in a channel: ``tip til``/``tip fra`` switch that channel's tips."""
        PLATFORM.set(NAME)  # also over Socket Mode, where no HTTP request sets it
        return await service.reply(strip_markup(text), Conversation(NAME, channel), clock())

    @app.middleware
    async def answer_each_event_once(body: dict[str, Any], next: Callable[[], Awaitable[None]]) -> Any:
        event_id = body.get("event_id")
        if isinstance(event_id, str) and not seen.first_time(event_id):
            log.info("slack_duplicate_event")
            return BoltResponse(status=200, body="")
        return await next()

    @app.event("message")
    async def on_direct_message(event: dict[str, Any], say: AsyncSay) -> None:
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return  # edits, deletions, joins and bots (Kodeks included) are not questions
        await say(**message_kwargs(await reply(event.get("text", ""), event.get("channel", ""))))

    @app.event("app_mention")
    async def on_mention(event: dict[str, Any], say: AsyncSay) -> None:
        if event.get("subtype") or event.get("bot_id"):
            return
        thread = event.get("thread_ts") or event.get("ts")
        answer = await reply(event.get("text", ""), event.get("channel", ""))
        await say(**message_kwargs(answer), thread_ts=thread)

    @app.command(COMMAND)
    async def on_command(ack: AsyncAck, command: dict[str, Any]) -> None:
        text = command.get("text", "")
        answer = await reply(text, command.get("channel_id", ""))
        await ack(response_type="ephemeral", **message_kwargs(answer, share=text))

    @app.action(re.compile(f"^{slack_blocks.ACTION_SHOW_TOPIC}:"))
    async def on_show_topic(ack: AsyncAck, action: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        topic = str(action.get("value", ""))
        answer = service.show_topic(topic)
        await respond(
            response_type="ephemeral", replace_original=False, **message_kwargs(answer, share=topic)
        )

    @app.action(re.compile(f"^{slack_blocks.ACTION_FEEDBACK}:"))
    async def on_feedback(ack: AsyncAck, action: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        vote = actions.decode_vote(str(action.get("value", "")))
        if vote is not None:
            await service.record_feedback(vote.topic, vote.bullet or None, vote.helpful)
        await respond(**ask.thanks(service, vote), response_type="ephemeral", replace_original=False)

    @app.action(slack_blocks.ACTION_SHARE)
    async def on_share(
        ack: AsyncAck,
        body: dict[str, Any],
        action: dict[str, Any],
        client: AsyncWebClient,
        respond: AsyncRespond,
    ) -> None:
        await ack()
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        user = (body.get("user") or {}).get("id", "")
        answer = service.replies.reply(service.replies.parse(str(action.get("value", ""))), service.today())
        kwargs = message_kwargs(answer)
        kwargs["blocks"] = [slack_blocks.shared_by(user), *kwargs["blocks"]]
        try:
            await client.chat_postMessage(channel=str(channel or ""), **kwargs)
        except SlackApiError as error:
            if error.response.get("error") not in MISSING_CHANNEL_ERRORS:
                raise
            await respond(text=texts.INVITE_APP_HINT, response_type="ephemeral", replace_original=False)

    @app.event("app_home_opened")
    async def on_home(event: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        view = {"type": "home", "blocks": slack_blocks.render(service.help())}
        await client.views_publish(user_id=event["user"], view=view)

    @app.error
    async def on_error(error: Exception, body: dict[str, Any]) -> None:
        log.error("slack_listener_failed", exc_info=error, extra={"type": body.get("type")})

    ask.register(app, service, clock)
    return app


def events_route(app: AsyncApp) -> Callable[[web.Request], Awaitable[web.Response]]:
    """The ``POST /slack/events`` handler: the library's aiohttp adapter around ``async_dispatch``.

    Note:
        Bolt answers a correctly signed but unparsable body, and a timestamp header that is not a
        number, with a 500 and a traceback; both are the sender's fault, so they get a 4xx here
        before Bolt sees them.
    """

    async def slack_events(request: web.Request) -> web.Response:
        PLATFORM.set(NAME)
        if not request.headers.get("X-Slack-Request-Timestamp", "").isdigit():
            return web.json_response({"error": "invalid request"}, status=401)
        try:
            well_formed = _is_slack_payload(await request.text(), request.content_type)
        except UnicodeDecodeError:
            well_formed = False
        if not well_formed:
            return web.json_response({"error": "malformed body"}, status=400)
        bolt_request = await to_bolt_request(request)
        return await to_aiohttp_response(await app.async_dispatch(bolt_request))

    return slack_events


def _is_slack_payload(raw: str, content_type: str) -> bool:
    """Whether Bolt's own body parser turns a body into a JSON object.

    Note:
        Bolt parses the body and builds its request context in the constructor, before any
        signature check, and fails there on bodies such as ``0``, ``[]`` or ``{`` sent as a form,
        which would be a 500. Running the same parser first lets those be a 400.
    """
    try:
        return isinstance(parse_body(raw, content_type), dict)
    except ValueError:
        return False


def socket_mode(app: AsyncApp, app_token: str) -> Callable[[web.Application], AsyncIterator[None]]:
    """A ``cleanup_ctx`` that keeps a Socket Mode connection open while the server runs."""

    async def connection(_: web.Application) -> AsyncIterator[None]:
        handler = AsyncSocketModeHandler(app, app_token)
        await handler.connect_async()  # type: ignore[no-untyped-call]  # untyped in slack_bolt
        log.info("slack_socket_mode_connected")
        yield
        await handler.close_async()  # type: ignore[no-untyped-call]  # untyped in slack_bolt

    return connection
