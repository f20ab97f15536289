"""Teams: a Microsoft 365 Agents SDK ``AgentApplication`` whose handlers only translate.

A 1:1 chat message is a question or a command word; in a channel or group chat Kodeks answers only
when mentioned, in the thread, with the mention already removed from the text by the SDK. Answers
are Adaptive Cards whose buttons come back as ``Action.Submit`` messages routed on their ``verb``.
Every incoming activity refreshes the conversation's stored reference, so daily tips can be posted
later through ``TeamsTipPoster``.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web
from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    AdaptiveCardInvokeResponse,
    ConversationReference,
    InvokeResponse,
)
from microsoft_agents.hosting.aiohttp import CloudAdapter, jwt_authorization_decorator, start_agent_process
from microsoft_agents.hosting.core import (
    AgentApplication,
    AgentAuthConfiguration,
    AnonymousTokenProvider,
    CardFactory,
    ClaimsIdentity,
    ConnectionManager,
    Connections,
    MemoryStorage,
    MessageFactory,
    OutboundHostValidator,
    RouteRank,
    TurnContext,
    TurnState,
)

from bot.clock import Clock
from bot.config import TeamsSettings
from bot.core.answer import Answer
from bot.errors import ChannelGone
from bot.logs import PLATFORM as PLATFORM_OF_REQUEST
from bot.platforms.teams import NAME, ask
from bot.platforms.teams.markup import strip_markup
from bot.render import actions, adaptive_card, texts
from bot.service import Conversation, Kodeks
from bot.store import EventLog, ReferenceStore

log = logging.getLogger(__name__)

PLATFORM = NAME  # the package names its platform once
ROUTE = "/api/messages"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
GROUP_CONVERSATIONS = frozenset({"channel", "groupChat"})
INVOKE_CARD = "application/vnd.microsoft.card.adaptive"
INVOKE_MESSAGE = "application/vnd.microsoft.activity.message"
"""What an ``adaptiveCard/action`` invoke response carries: a card replacing the clicked one, or a text."""
DELIVERY_ERRORS = (aiohttp.ClientError, OSError, TimeoutError)
"""A reply that could not be handed to Teams: its service URL refused, timed out or answered an error."""
GONE_STATUSES = frozenset({403, 404})
"""What Teams answers a post to a conversation the app was removed from (or that was deleted)."""


class _SdkNoise(logging.Filter):
    """Drops the SDK's lines that Kodeks says better itself, or that no operator can act on.

    "App ID is not provided" comes with every request in local anonymous mode (which is logged once
    at start); "An error occurred in the AgentApplication" duplicates, with a traceback, what the
    application's error handler logs with context; "Validation error for Activity" is an ERROR with a
    traceback (and pieces of the body) for every malformed activity, which the route answers 400.
    """

    NOISE = (
        "App ID is not provided",
        "An error occurred in the AgentApplication",
        "Validation error for Activity",
    )
    LOGGERS = (
        "microsoft_agents.hosting.core.connector.client.user_token_client",
        "microsoft_agents.hosting.core.app.agent_application",
        "microsoft_agents.activity.activity",
    )

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep every record but the two above."""
        return not str(record.msg).startswith(self.NOISE)


def quiet_sdk_noise() -> None:
    """Install ``_SdkNoise`` on the SDK loggers that emit it (once per process)."""
    for name in _SdkNoise.LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, _SdkNoise) for existing in logger.filters):
            logger.addFilter(_SdkNoise())


def card_message(card: dict[str, Any], summary: str) -> Activity:
    """A message carrying one Adaptive Card; the card's ``fallbackText`` is the plain-text fallback.

    Note:
        The activity has no ``text``: Teams would show it above the card, so the answer would appear
        twice. Clients that cannot show the card use the card's ``fallbackText`` (the plain rendering)
        and notifications the activity's ``summary``.
    """
    message: Activity = MessageFactory.attachment(CardFactory.adaptive_card(card))  # untyped in the SDK
    message.summary = summary
    return message


def answer_message(answer: Answer) -> Activity:
    """An answer as a Teams message."""
    return card_message(adaptive_card.render(answer), adaptive_card.summary(answer))


def conversation_key(activity: Activity) -> str:
    """The id under which a conversation's reference is stored: a channel's, not one of its threads.

    Note:
        In a channel the conversation id names the thread (``19:…@thread.tacv2;messageid=…``); a daily
        tip belongs in the channel itself, so the thread part is dropped.
    """
    return (activity.conversation.id if activity.conversation else "").split(";messageid=")[0]


def reference_of(activity: Activity) -> dict[str, Any]:
    """The JSON reference that lets Kodeks post to this conversation later, without the person.

    The user who wrote, the message id and the request id are left out: a tip is a new message to
    the conversation, and the store keeps nothing about people.
    """
    reference = activity.get_conversation_reference().model_dump(
        mode="json", by_alias=True, exclude_none=True, exclude={"user", "activity_id", "request_id"}
    )
    reference["conversation"]["id"] = conversation_key(activity)
    return reference


def _in_group(activity: Activity) -> bool:
    return bool(activity.conversation and activity.conversation.conversation_type in GROUP_CONVERSATIONS)


def _mentions_kodeks(activity: Activity) -> bool:
    bot_id = activity.recipient.id if activity.recipient else None
    return any(m.mentioned and m.mentioned.id == bot_id for m in activity.get_mentions())


def _routable(body: bytes) -> bool:
    """Whether a body is an activity Kodeks can answer: type, channel, service URL, conversation, bot, sender.

    Note:
        The SDK checks only type and conversation id and answers anything else it cannot process with
        a 500; a malformed activity is the sender's fault, so it gets a 400 here before the SDK sees it.
    """
    try:
        activity = Activity.model_validate_json(body)
    except ValueError:  # invalid JSON and pydantic's ValidationError alike
        return False
    conversation, recipient, sender = activity.conversation, activity.recipient, activity.from_property
    return bool(activity.type and activity.channel_id and activity.service_url) and bool(
        conversation and conversation.id and recipient and recipient.id and sender and sender.id
    )


def _delivery_fields(activity: Activity, error: BaseException) -> dict[str, object]:
    """What an operator needs about a reply that did not arrive: where it went and what came back."""
    status = error.status if isinstance(error, aiohttp.ClientResponseError) else None
    host = urlsplit(activity.service_url or "").netloc
    return {"service_host": host, "status": status, "error": error.__class__.__name__}


def _data(value: object) -> dict[str, str]:
    """A button's data as strings; anything else a client sends back is ignored."""
    items = value.items() if isinstance(value, dict) else ()
    return {str(key): str(item) for key, item in items if isinstance(item, str | int | bool)}


def create_agent(
    service: Kodeks,
    references: ReferenceStore,
    connections: Connections,
    clock: Clock,
    events: EventLog | None = None,
) -> AgentApplication[TurnState]:
    """The agent application: message, install and button handlers, and the error reply.

    ``events`` remembers which answer cards were voted on, so each card counts one vote.
    """
    agent = AgentApplication[TurnState](
        storage=MemoryStorage(),  # turn state only; nothing Kodeks needs survives a turn
        connection_manager=connections,
        start_typing_timer=False,  # answers take milliseconds; typing activities would be noise
    )

    async def remember(context: TurnContext) -> None:
        """Refresh the stored reference; a database hiccup must not cost the person their answer."""
        try:
            await references.save_reference(
                PLATFORM, conversation_key(context.activity), reference_of(context.activity)
            )
        except Exception:
            log.exception("teams_reference_not_saved")

    @agent.conversation_update("membersAdded")
    async def on_added(context: TurnContext, state: TurnState) -> None:
        activity = context.activity
        added = [member.id for member in activity.members_added or []]
        if not activity.recipient or activity.recipient.id not in added:
            return  # a person joined the chat; Kodeks welcomes only when it is added itself
        await remember(context)
        card = adaptive_card.welcome(service.help(), in_channel=_in_group(activity))
        await context.send_activity(card_message(card, texts.WELCOME_TITLE))

    @agent.adaptive_card.action_submit(adaptive_card.VERB_SHOW_TOPIC)
    async def on_show_topic(context: TurnContext, state: TurnState, value: object) -> None:
        await remember(context)
        await context.send_activity(
            answer_message(service.show_topic(_data(value).get("topic", ""), PLATFORM))
        )

    @agent.adaptive_card.action_submit(adaptive_card.VERB_COMMAND)
    async def on_command_button(context: TurnContext, state: TurnState, value: object) -> None:
        """Every button that carries chat words: answered as if they were typed in this conversation."""
        await remember(context)
        where = Conversation(PLATFORM, conversation_key(context.activity))
        answer = await service.reply(_data(value).get("command", ""), where, clock())
        await context.send_activity(answer_message(answer))

    async def first_vote(activity: Activity) -> bool:
        """Whether the card clicked on (``replyToId``) gets its first vote; unknown cards count."""
        if events is None or not activity.reply_to_id:
            return True
        try:
            return await events.first_delivery(
                PLATFORM, f"vote:{conversation_key(activity)}:{activity.reply_to_id}", clock()
            )
        except Exception:
            log.warning("teams_event_log_unavailable", exc_info=True)
            return True

    @agent.adaptive_card.action_submit(adaptive_card.VERB_FEEDBACK)
    async def on_feedback(context: TurnContext, state: TurnState, value: object) -> None:
        """One vote per answer card: a second click on the same card is thanked, not counted."""
        await remember(context)
        first = await first_vote(context.activity)
        vote = actions.decode_vote(_data(value).get("value", ""))
        if vote is not None and first:
            await service.record_feedback(vote.topic, vote.bullet or None, vote.helpful)
        if not first:
            await context.send_activity(MessageFactory.text(texts.FEEDBACK_ALREADY_COUNTED))
            return
        await context.send_activity(ask.thanks(service, vote))

    @agent.adaptive_card.action_execute(re.compile(".*"))
    async def on_execute(context: TurnContext, state: TurnState, data: object) -> AdaptiveCardInvokeResponse:
        """``Action.Execute`` (an ``adaptiveCard/action`` invoke): the answer is the card sent back.

        Kodeks' own cards use ``Action.Submit``; a card that executes a verb (a newer client, a card
        copied into a workflow) gets the same content as the replacing card, or the thanks as a message.
        """
        value = context.activity.value
        action = value.get("action") if isinstance(value, dict) else None
        verb = action.get("verb", "") if isinstance(action, dict) else ""
        fields = _data(data)
        if verb == adaptive_card.VERB_FEEDBACK:
            first = await first_vote(context.activity)
            vote = actions.decode_vote(fields.get("value", ""))
            if vote is not None and first:
                await service.record_feedback(vote.topic, vote.bullet or None, vote.helpful)
            thanks = texts.FEEDBACK_THANKS if first else texts.FEEDBACK_ALREADY_COUNTED
            return AdaptiveCardInvokeResponse(status_code=200, type=INVOKE_MESSAGE, value=thanks)
        answer = (
            service.show_topic(fields.get("topic", ""), PLATFORM)
            if verb == adaptive_card.VERB_SHOW_TOPIC
            else service.help()
        )
        return AdaptiveCardInvokeResponse(
            status_code=200, type=INVOKE_CARD, value=adaptive_card.render(answer)
        )

    @agent.invoke(None, rank=RouteRank.LAST)
    async def on_other_invoke(context: TurnContext, state: TurnState) -> None:
        """Any other invoke (message extensions, task modules, sign-in …): Kodeks offers none of them.

        Note:
            Without a handler the SDK answers an invoke 501, which Teams shows as "unable to reach
            app". An empty 200 tells Teams the request arrived and there is nothing to show.
        """
        log.info("teams_invoke_not_offered", extra={"invoke": str(context.activity.name or "")[:64]})
        await context.send_activity(
            Activity(type=ActivityTypes.invoke_response, value=InvokeResponse(status=200, body={}))
        )

    @agent.message()
    async def on_message(context: TurnContext, state: TurnState) -> None:
        activity = context.activity
        await remember(context)
        if _in_group(activity) and not _mentions_kodeks(activity):
            return  # in a channel Kodeks speaks only when spoken to
        where = Conversation(PLATFORM, conversation_key(activity))
        answer = await service.reply(strip_markup(activity.text or ""), where, clock())
        await context.send_activity(answer_message(answer))

    @agent.error
    async def on_error(context: TurnContext, error: Exception) -> None:
        """Log the failure once and apologise in the chat, if the chat can still be reached.

        Note:
            A reply Teams cannot take (its ``serviceUrl`` down or answering an error) is one warning
            line without a traceback: nothing in Kodeks is broken. The turn then ends normally, so the
            request is still acknowledged (202) instead of becoming a 500.
        """
        activity = context.activity
        undelivered = isinstance(error, DELIVERY_ERRORS)
        if undelivered:
            log.warning("teams_reply_not_delivered", extra=_delivery_fields(activity, error))
        else:
            log.error("teams_turn_failed", exc_info=error, extra={"type": activity.type})
        if activity.type != ActivityTypes.message:
            return
        apology = texts.error_apology(service.replies.knowledge.organisation.codex_owner)
        try:
            await context.send_activity(MessageFactory.text(apology))
        except DELIVERY_ERRORS as again:
            if not undelivered:  # the first failure was ours; say that the apology did not arrive either
                log.warning("teams_reply_not_delivered", extra=_delivery_fields(activity, again))

    ask.register(agent, service, references, connections, clock)
    return agent


def connections_for(settings: TeamsSettings) -> Connections:
    """MSAL with the configured identity, or tokenless anonymous replies for local use."""
    if settings.anonymous:
        return ConnectionManager(
            provider_factory=lambda _: AnonymousTokenProvider(),
            connections_configurations={"SERVICE_CONNECTION": AgentAuthConfiguration(anonymous_allowed=True)},
        )
    from microsoft_agents.authentication.msal import MsalConnectionManager

    return MsalConnectionManager(**settings.sdk_config)


def create_adapter(connections: Connections, validate_hosts: bool) -> CloudAdapter:
    """The adapter; with ``validate_hosts`` replies go only to Microsoft's service URLs.

    Note:
        The SDK's default turn-error handler posts the exception text to the chat and swallows it.
        Turn errors are handled by the application's ``on_error``; anything left (a failed proactive
        post) must reach the caller, so the adapter's handler is removed.
    """
    adapter = CloudAdapter(
        connection_manager=connections, host_validator=OutboundHostValidator(enabled=validate_hosts)
    )
    adapter.on_turn_error = None
    return adapter


class TeamsTipPoster:
    """Posts a daily tip to a Teams conversation through its stored reference."""

    platform = PLATFORM

    def __init__(self, adapter: CloudAdapter, references: ReferenceStore, app_id: str) -> None:
        self._adapter, self._references, self._app_id = adapter, references, app_id

    async def post_tip(self, channel: str, answer: Answer) -> None:
        """Send the tip's card to ``channel`` (a conversation id as stored by ``conversation_key``).

        Raises:
            ChannelGone: Kodeks never saw this conversation, or Teams answers 403/404 because the app
                was removed. Any other error propagates, so the caller retries later.
        """
        stored = await self._references.reference(PLATFORM, channel)
        if stored is None:
            raise ChannelGone("Kodeks has no conversation reference for this Teams conversation")
        continuation = ConversationReference.model_validate(stored).get_continuation_activity()

        async def send(context: TurnContext) -> None:
            context.activity.id = None  # a new message in the conversation, not a reply to the event
            await context.send_activity(answer_message(answer))

        try:
            if self._app_id:
                await self._adapter.continue_conversation(self._app_id, continuation, send)
            else:  # local anonymous mode: replies carry no token
                await self._adapter.continue_conversation_with_claims(ClaimsIdentity(), continuation, send)
        except aiohttp.ClientResponseError as error:
            if error.status in GONE_STATUSES:
                raise ChannelGone(f"Teams answered {error.status}: the app was removed from it") from None
            raise


@dataclass(frozen=True)
class Teams:
    """Teams as a platform: the agent, its adapter and auth configuration, and its tip poster."""

    agent: AgentApplication[TurnState]
    adapter: CloudAdapter
    auth: AgentAuthConfiguration
    poster: TeamsTipPoster
    name: str = PLATFORM

    def mount(self, app: web.Application) -> None:
        """Serve ``POST /api/messages`` (see ``mount``)."""
        mount(app, self)


def create_teams(
    service: Kodeks,
    references: ReferenceStore,
    settings: TeamsSettings,
    clock: Clock,
    connections: Connections | None = None,
    events: EventLog | None = None,
) -> Teams:
    """Build the Teams side; ``connections`` replaces MSAL in tests (a static token provider).

    ``clock`` dates subscriptions made with ``tip til``; tests pass the server's fixed one.
    ``events`` keeps one vote per answer card (without it every click counts).
    """
    quiet_sdk_noise()
    connections = connections or connections_for(settings)
    adapter = create_adapter(connections, validate_hosts=not settings.anonymous)
    auth = connections.get_default_connection_configuration()
    poster = TeamsTipPoster(adapter, references, settings.client_id)
    return Teams(create_agent(service, references, connections, clock, events), adapter, auth, poster)


def mount(app: web.Application, teams: Teams) -> None:
    """Serve ``POST /api/messages``, with the SDK's JWT check on this route only.

    Note:
        The SDK's app-wide ``jwt_authorization_middleware`` would answer 401 on every other route,
        Slack's and ``/healthz`` included, so its per-handler decorator is used instead. The decorator
        reads the configuration from the string key ``agent_configuration``, for which aiohttp warns
        that typed keys are preferred; the key is the SDK's, so that one warning is silenced here.
    """
    if teams.auth.CLIENT_ID:
        log.info("teams_ready", extra={"route": ROUTE, "client_id": teams.auth.CLIENT_ID})
    else:
        log.warning(
            "teams_anonymous: Teams runs in local anonymous mode: no token is checked on %s and replies "
            "carry none. Set CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID for production.",
            ROUTE,
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", web.NotAppKeyWarning)
        app["agent_configuration"] = teams.auth

    async def messages(request: web.Request) -> web.StreamResponse:
        PLATFORM_OF_REQUEST.set(PLATFORM)
        if not _routable(await request.read()):
            return web.json_response({"error": "malformed activity"}, status=400)
        response = await start_agent_process(request, teams.agent, teams.adapter)
        if response is None:  # pragma: no cover - the aiohttp adapter always answers
            raise web.HTTPInternalServerError()
        return response

    guarded: Handler = jwt_authorization_decorator(messages)  # type: ignore[no-untyped-call]  # untyped in the SDK
    app.router.add_post(ROUTE, guarded)
