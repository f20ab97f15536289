"""Slack: a Bolt ``AsyncApp`` whose listeners only translate between Slack and the service.

DMs are answered in the DM, mentions in a thread under the mention, ``/kodeks`` ephemerally with a
"Del i kanalen" button. Bolt checks signatures and acknowledges; this module adds what Bolt leaves to
apps: answering a redelivered event once, ignoring bots and edits, and explaining Slack errors.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltRequest, AsyncRespond
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.clock import Clock
from bot.config import SlackSettings
from bot.core.answer import Answer, Notice
from bot.errors import ChannelGone
from bot.logs import PLATFORM
from bot.platforms.slack import NAME, action_channel, ask  # the package names its platform once
from bot.platforms.slack.markup import strip_markup
from bot.render import actions, layout, plain, slack_blocks, texts
from bot.service import Conversation, Kodeks
from bot.store import EventLog

log = logging.getLogger(__name__)

COMMAND = "/kodeks"
SPOKEN_SUBTYPES = frozenset({None, "file_share", "thread_broadcast", "me_message"})
"""Message subtypes in which a person says something: Bolt's own user messages (none, a file attached,
"also send to the channel") and ``/me``. Every other subtype is a notice: an edit (``message_changed``),
a deletion, a join, a bot's post, a topic change."""
MISSING_CHANNEL_ERRORS = frozenset({"not_in_channel", "channel_not_found"})
GONE_CHANNEL_ERRORS = MISSING_CHANNEL_ERRORS | {"is_archived", "account_inactive", "invalid_auth"}
"""Errors after which posting to a channel cannot succeed until a person acts: pause its tips."""


class _BoltNoise(logging.Filter):
    """Drops Bolt's start-up warning that the client's token wins over ``SLACK_BOT_TOKEN``.

    Bolt reads ``SLACK_BOT_TOKEN`` from the environment by itself and warns on every start that the
    injected client (built from the same variable) takes precedence: nothing an operator can act on.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep every record but that one."""
        return not str(record.msg).startswith("As you gave `client` as well")


def _quiet_bolt_noise() -> None:
    """Install ``_BoltNoise`` on Bolt's framework logger (once per process)."""
    logger = logging.getLogger("slack_bolt.AsyncApp")
    if not any(isinstance(existing, _BoltNoise) for existing in logger.filters):
        logger.addFilter(_BoltNoise())


class _AnswerEachEventOnce(AsyncMiddleware):
    """Answer an event id once, over HTTP and Socket Mode alike.

    Note:
        Deduplicate by ``event_id``, never by the ``X-Slack-Retry-Num`` header: Socket Mode sets it to
        "0" on the first delivery, so testing it for truth would drop every Socket Mode event. A
        Bolt ``AsyncMiddleware`` rather than an ``@app.middleware`` function: Bolt builds a function's
        keyword arguments by inspection on every request, for commands too, which need no check.
    """

    def __init__(self, first_time: Callable[[str], Awaitable[bool]]) -> None:
        self._first_time = first_time

    async def async_process(
        self,
        *,
        req: AsyncBoltRequest,
        resp: BoltResponse,
        next: Callable[[], Awaitable[BoltResponse]],
    ) -> BoltResponse | None:
        """Stop a redelivered event with an empty 200; let everything else through."""
        event_id = req.body.get("event_id")
        if isinstance(event_id, str) and event_id and not await self._first_time(event_id):
            log.info("slack_duplicate_event")
            return BoltResponse(status=200, body="")
        return await next()


def message_kwargs(answer: Answer, share: str | None = None) -> dict[str, Any]:
    """The text (notification and fallback) and blocks of a message carrying an answer.

    ``share`` (what was asked) adds "Del i kanalen"; a notice is never shared.
    """
    share = None if isinstance(answer.content, Notice) else (layout.repeat_command(answer) or share)
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


def create_slack_app(service: Kodeks, settings: SlackSettings, clock: Clock, events: EventLog) -> AsyncApp:
    """Build the Bolt app; every Web API call goes to ``settings.api_url`` and retries rate limits.

    ``events`` records handled event ids in the database, so an event redelivered after a restart,
    or to another instance, is still answered once.
    """
    _quiet_bolt_noise()
    app = AsyncApp(
        client=web_client(settings),
        signing_secret=settings.signing_secret or "socket-mode-does-not-sign",
        ignoring_self_events_enabled=True,
        # events_route checks signatures before Bolt sees a request: Bolt's own check logs the whole
        # body of a rejected request (question text, user id) at INFO. Socket Mode is not signed.
        request_verification_enabled=False,
    )

    async def reply(text: str, channel: str) -> Answer:
        """The answer to words typed in a channel: ``tip til``/``tip fra`` switch that channel's tips."""
        PLATFORM.set(NAME)  # also over Socket Mode, where no HTTP request sets it
        return await service.reply(strip_markup(text), Conversation(NAME, channel), clock())

    async def first_time(key: str) -> bool:
        """Whether ``key`` is new to the event log; if the database cannot say, it counts as new."""
        try:
            return await events.first_delivery(NAME, key, clock())
        except Exception:
            log.warning("slack_event_log_unavailable", exc_info=True)
            return True

    app.use(_AnswerEachEventOnce(first_time))

    async def answer(event: dict[str, Any], client: AsyncWebClient, thread: str | None) -> None:
        """Post the answer to what a person said, in ``thread`` when given.

        Note:
            A plain ``chat.postMessage``, not Bolt's ``say``: in a DM thread Bolt 1.30 treats the
            conversation as an assistant thread, and its ``say`` first calls ``conversations.replies``
            to attach assistant metadata; when that call fails, nobody is answered.
        """
        channel = str(event.get("channel", ""))
        answer = await reply(str(event.get("text", "")), channel)
        await client.chat_postMessage(channel=channel, thread_ts=thread, **message_kwargs(answer))

    @app.event("message")
    async def on_direct_message(event: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("channel_type") != "im" or not _spoken(event):
            return  # edits, deletions, joins and bots (Kodeks included) are not questions
        await answer(event, client, event.get("thread_ts"))

    @app.event("app_mention")
    async def on_mention(event: dict[str, Any], client: AsyncWebClient) -> None:
        if not _spoken(event):
            return
        await answer(event, client, event.get("thread_ts") or event.get("ts"))

    @app.command(COMMAND)
    async def on_command(ack: AsyncAck, command: dict[str, Any]) -> None:
        text = command.get("text", "")
        channel = str(command.get("channel_id", ""))
        # no channel to subscribe in a DM: `tip til` there gets the notice that tips are for channels
        where = "" if _between_people(channel, str(command.get("channel_name", ""))) else channel
        answer = await reply(text, where)
        await ack(response_type="ephemeral", **message_kwargs(answer, share=text))

    @app.action(re.compile(f"^{slack_blocks.ACTION_SHOW_TOPIC}:"))
    async def on_show_topic(
        ack: AsyncAck,
        body: dict[str, Any],
        action: dict[str, Any],
        client: AsyncWebClient,
        respond: AsyncRespond,
    ) -> None:
        await ack()
        topic = str(action.get("value", ""))
        answer = service.show_topic(topic, NAME)
        if body.get("response_url"):  # a button under a message
            await respond(
                response_type="ephemeral", replace_original=False, **message_kwargs(answer, share=topic)
            )
            return
        # a button on the Home tab (or in a modal): no message to answer under, so a modal shows it
        trigger, view = str(body.get("trigger_id", "")), slack_blocks.modal(answer)
        if (body.get("view") or {}).get("type") == "modal":
            await client.views_push(trigger_id=trigger, view=view)
        else:
            await client.views_open(trigger_id=trigger, view=view)

    @app.action(re.compile(f"^{slack_blocks.ACTION_COMMAND}:"))
    async def on_command_button(
        ack: AsyncAck,
        body: dict[str, Any],
        action: dict[str, Any],
        client: AsyncWebClient,
        respond: AsyncRespond,
    ) -> None:
        """Every button that carries chat words: they are answered as if typed where the button was.

        Note:
            A click on the Home tab has no ``response_url`` (no message to answer under), so the answer
            goes to the person's DM with the app instead, where its own buttons keep working.
        """
        await ack()
        words = str(action.get("value", ""))
        answer = await reply(words, action_channel(body))
        if body.get("response_url"):
            await respond(
                response_type="ephemeral", replace_original=False, **message_kwargs(answer, share=words)
            )
        else:
            user = str((body.get("user") or {}).get("id", ""))
            await client.chat_postMessage(channel=user, **message_kwargs(answer))

    @app.action(re.compile(f"^{slack_blocks.ACTION_FEEDBACK}:"))
    async def on_feedback(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond
    ) -> None:
        """Count one vote per answer message.

        Its vote buttons become a thank-you; a second click on the same message (an ephemeral one
        keeps its buttons) is thanked but not counted.
        """
        await ack()
        container = body.get("container") or {}
        message = f"vote:{container.get('channel_id', '')}:{container.get('message_ts', '')}"
        first = await first_time(message)
        vote = actions.decode_vote(str(action.get("value", "")))
        if vote is not None and first:
            await service.record_feedback(vote.topic, vote.bullet or None, vote.helpful)
        original = body.get("message") or {}
        if original.get("blocks"):  # a visible message: replace its vote buttons
            text = str(original.get("text", ""))
            await respond(text=text, blocks=slack_blocks.voted(original["blocks"]), replace_original=True)
            if vote is not None and not vote.helpful:  # the 👎 still offers to ask the codex owners
                await respond(**ask.thanks(service, vote), response_type="ephemeral", replace_original=False)
            return
        if not first:
            await respond(
                text=texts.FEEDBACK_ALREADY_COUNTED, response_type="ephemeral", replace_original=False
            )
            return
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
        channel = action_channel(body)
        user = (body.get("user") or {}).get("id", "")
        answer = service.replies.handle(str(action.get("value", "")), service.today())
        kwargs = message_kwargs(answer)
        kwargs["blocks"] = [slack_blocks.shared_by(user), *kwargs["blocks"]]
        if _between_people(channel, str((body.get("channel") or {}).get("name", ""))):
            # Kodeks is no member of a DM between colleagues: the button's response_url posts there
            await respond(response_type="in_channel", replace_original=False, **kwargs)
            return
        try:
            await client.chat_postMessage(channel=channel, **kwargs)
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


def _between_people(channel_id: str, channel_name: str) -> bool:
    """Whether ``/kodeks`` or a button was used in a DM or group DM, where Kodeks is no member.

    Note:
        Slack names these conversations "directmessage" and "mpdm-…" in command and action payloads,
        and DM ids start with "D". Kodeks can neither post there (``channel_not_found``) nor send daily
        tips there, so sharing goes through the payload's ``response_url`` and ``tip til`` is refused.
        A slash command cannot tell the app's own DM from a DM between colleagues, so both count;
        ``tip til`` written as a message in the app's DM (an event) still subscribes that DM.
    """
    return channel_name == "directmessage" or channel_name.startswith("mpdm-") or channel_id.startswith("D")


def _spoken(event: dict[str, Any]) -> bool:
    """Whether an event is a person saying something new, so it deserves an answer.

    Note:
        An edited message arrives again (an ``app_mention`` with the same ``ts``, an ``edited`` field
        and a new ``event_id``; in a DM a ``message_changed``): it was answered when it was first
        said, so an edit is never answered a second time.
    """
    return event.get("subtype") in SPOKEN_SUBTYPES and not event.get("bot_id") and not event.get("edited")


def events_route(app: AsyncApp, signing_secret: str) -> Callable[[web.Request], Awaitable[web.Response]]:
    """The ``POST /slack/events`` handler: the library's aiohttp adapter around ``async_dispatch``.

    Note:
        Bolt answers a correctly signed but unparsable body, and a timestamp header that is not a
        number, with a 500 and a traceback; both are the sender's fault, so they get a 4xx here
        before Bolt sees them. Slack's ``ssl_check=1`` probe is unsigned by design and goes on to
        Bolt, which answers it 200 before any signature check.

        Signatures are checked here, not by Bolt (whose check is switched off in ``create_slack_app``):
        Bolt logs a rejected request with its whole body, and a rejected body may hold a person's
        question and user id. Nothing of a rejected request is logged here but its status.
    """
    verifier = SignatureVerifier(signing_secret)

    async def slack_events(request: web.Request) -> web.Response:
        PLATFORM.set(NAME)
        try:
            text = (await request.read()).decode()
        except UnicodeDecodeError:  # Slack sends UTF-8; the signature cannot even be computed
            return web.json_response({"error": "malformed body"}, status=400)
        bolt_request = _bolt_request(text, request)
        body = bolt_request.body if bolt_request is not None else None
        ssl_check = body is not None and body.get("ssl_check") == "1"  # unsigned; Bolt answers 200
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        if not ssl_check and not (timestamp.isdigit() and verifier.is_valid(text, timestamp, signature)):
            return web.json_response({"error": "invalid request"}, status=401)
        if bolt_request is None:
            return web.json_response({"error": "malformed body"}, status=400)
        return await to_aiohttp_response(await app.async_dispatch(bolt_request))

    return slack_events


def _bolt_request(text: str, request: web.Request) -> AsyncBoltRequest | None:
    """The request as Bolt reads it (as ``to_bolt_request`` builds it), or None unless a JSON object.

    Note:
        Bolt parses the body and builds its request context in the constructor, before any
        signature check, and fails there on bodies such as ``0``, ``[]`` or ``{`` sent as a form,
        which would be a 500. Building it here, once, lets those be a 400.
    """
    try:
        bolt_request = AsyncBoltRequest(
            body=text,
            query=request.query_string,
            headers=request.headers,  # type: ignore[arg-type]  # Bolt types a dict but reads any mapping
        )
    except Exception:  # whatever Bolt's parser raises on junk: the sender's fault
        return None
    return bolt_request if isinstance(bolt_request.body, dict) else None


def socket_mode(app: AsyncApp, app_token: str) -> Callable[[web.Application], AsyncIterator[None]]:
    """A ``cleanup_ctx`` that keeps a Socket Mode connection open while the server runs."""

    async def connection(_: web.Application) -> AsyncIterator[None]:
        handler = AsyncSocketModeHandler(app, app_token)
        await handler.connect_async()  # type: ignore[no-untyped-call]  # untyped in slack_bolt
        log.info("slack_socket_mode_connected")
        yield
        await handler.close_async()  # type: ignore[no-untyped-call]  # untyped in slack_bolt

    return connection
