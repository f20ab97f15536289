"""Teams side of asking the codex owners: the form card, the owners' card, the answer to the asker.

"Spørg <codex owner>" answers with a form card (the question to edit, the reminder, anonymous or
named); its submission goes to the desk (the review queue) and, when ``KODEKS_EXPERTS_TEAMS_CHANNEL``
is set and Kodeks has been added there, as a card to that channel, posted through the channel's
stored conversation reference as the daily tips are. On the card an expert writes the answer (sent
to a named asker's 1:1 chat with Kodeks), marks the question answered or closes it; the card is
updated in place (``update_activity``), or, if Teams refuses that, its new state is posted below it.

Only in a 1:1 chat may a person ask with their name: an answer sent to a channel would be read by
everyone there. A named asker leaves that chat's conversation reference, without the user; an
anonymous one leaves nothing.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any, cast

from microsoft_agents.activity import Activity, ConversationReference
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import (
    AgentApplication,
    ClaimsIdentity,
    Connections,
    MessageFactory,
    TurnContext,
    TurnState,
)

from bot.asking import OwnerDesk, question_id
from bot.clock import Clock
from bot.core.answer import topic_of
from bot.platforms.teams import agent as teams
from bot.render import actions, adaptive_card, ask_card, layout, texts
from bot.render.ask_view import NAMED, AskForm, Review
from bot.service import Kodeks
from bot.store import AskedQuestion, QuestionState, ReferenceStore

log = logging.getLogger(__name__)

ASKER_KEY = "teams_reference"
"""The only thing kept about a named asker on Teams: the reference of their 1:1 chat with Kodeks."""
MOVES = {"done": QuestionState.ANSWERED, "close": QuestionState.CLOSED}
Send = Callable[[TurnContext], Awaitable[None]]


def _data(value: object) -> dict[str, str]:
    """Submitted data as strings; anything else a client sends back is ignored."""
    items = value.items() if isinstance(value, dict) else ()
    return {str(key): str(item) for key, item in items if isinstance(item, str | int)}


def _personal(context: TurnContext) -> bool:
    conversation = context.activity.conversation
    return bool(conversation and conversation.conversation_type == "personal")


def thanks(service: Kodeks, vote: actions.Vote | None) -> Activity:
    """The reply to a vote: thanks, and after a 👎 on a question "Spørg <codex owner>"."""
    offer = None
    if vote is not None and vote.topic in service.codex.topic_ids:
        offer = layout.ask_after_vote(service.desk.owner, vote.helpful, vote.topic, vote.question)
    if offer is None:
        return MessageFactory.text(texts.FEEDBACK_THANKS)
    return teams.card_message(ask_card.thanks(offer), texts.FEEDBACK_THANKS)


def register(
    agent: AgentApplication[TurnState],
    service: Kodeks,
    references: ReferenceStore,
    connections: Connections,
    clock: Clock,
) -> None:
    """Add the handlers for the ask button, the form, and the buttons of the owners' card."""
    desk = service.desk
    app_id = str(connections.get_default_connection_configuration().CLIENT_ID or "")
    cards = _Cards(desk, service, references, app_id)

    @agent.adaptive_card.action_submit(adaptive_card.VERB_ASK)
    async def on_ask(context: TurnContext, state: TurnState, value: object) -> None:
        data = _data(value)
        question = actions.encode_question(data.get("question", ""))
        has_channel = bool(desk.experts_channel(teams.PLATFORM))
        form = AskForm(desk.owner, question, data.get("kind", ""), data.get("topic", ""), has_channel,
                       may_name=_personal(context))  # fmt: skip
        await context.send_activity(
            teams.card_message(ask_card.form(form), texts.ask_owner_button(desk.owner))
        )

    @agent.adaptive_card.action_submit(ask_card.VERB_SEND)
    async def on_send(context: TurnContext, state: TurnState, value: object) -> None:
        data = _data(value)
        named = data.get(ask_card.WHO_INPUT) == NAMED and _personal(context)
        asker = {ASKER_KEY: teams.reference_of(context.activity)} if named else None
        answered = (data.get("kind", ""), data.get("topic", ""))
        stored = await desk.submit(
            teams.PLATFORM, data.get(ask_card.QUESTION_INPUT, ""), answered, asker, clock()
        )
        if stored is None:
            await context.send_activity(MessageFactory.text(texts.ASK_EMPTY))
            return
        channel = desk.experts_channel(teams.PLATFORM)
        await _replace_form(context, MessageFactory.text(texts.ask_sent(desk.owner, bool(channel), named)))
        if channel:
            await cards.post(context, channel, stored)

    @agent.adaptive_card.action_submit(re.compile(f"^{ask_card.VERB_REVIEW}_(answer|done|close)$"))
    async def on_review(context: TurnContext, state: TurnState, value: object) -> None:
        if teams.conversation_key(context.activity) != desk.experts_channel(teams.PLATFORM):
            log.warning("review_outside_experts_channel")  # only the owners' channel moves questions on
            return
        data = _data(value)
        move = data.get("verb", "").rsplit("_", 1)[-1]
        number = question_id(data.get("question_id", ""))
        asked = await desk.question(number) if number is not None else None
        if asked is None:
            await context.send_activity(MessageFactory.text(texts.REVIEW_QUESTION_GONE))
            return
        sender = context.activity.from_property
        expert = (sender.name if sender else "") or texts.BOT_NAME
        if move == "answer":
            answer = data.get(ask_card.ANSWER_INPUT, "").strip()
            if not answer:
                await context.send_activity(MessageFactory.text(texts.REVIEW_ANSWER_PLACEHOLDER))
                return
            answered = await desk.resolve(asked.id, QuestionState.ANSWERED, expert, answer, clock())
            if answered is not None:
                await cards.deliver(context, answered, answer)
        else:
            await desk.resolve(asked.id, MOVES[move], expert, None, clock())
        await cards.refresh(context, asked.id)


async def _replace_form(context: TurnContext, confirmation: Activity) -> None:
    """Put the confirmation where the form was, so the form cannot be sent twice; else reply with it."""
    confirmation.id = context.activity.reply_to_id
    try:
        if confirmation.id:
            await context.update_activity(confirmation)
            return
    except Exception:
        log.warning("ask_form_not_replaced")
    confirmation.id = None
    await context.send_activity(confirmation)


async def _continue(context: TurnContext, app_id: str, reference: dict[str, Any], send: Send) -> None:
    """Run ``send`` in another conversation (the owners' channel, an asker's chat) through its reference."""
    adapter = cast(CloudAdapter, context.adapter)
    continuation = ConversationReference.model_validate(reference).get_continuation_activity()
    if app_id:
        await adapter.continue_conversation(app_id, continuation, send)
    else:  # local anonymous mode: replies carry no token
        await adapter.continue_conversation_with_claims(ClaimsIdentity(), continuation, send)


class _Cards:
    """The owners' cards of questions: posted once to their channel, then updated in place."""

    def __init__(self, desk: OwnerDesk, service: Kodeks, references: ReferenceStore, app_id: str) -> None:
        self._desk, self._service, self._references, self._app_id = desk, service, references, app_id

    def message(self, asked: AskedQuestion) -> Activity:
        """A question's card as a message; the asker is never named, only whether they can be answered."""
        codex = self._service.codex
        topic = topic_of(codex, asked.kodeks_topic).name if asked.kodeks_topic in codex.topic_ids else ""
        moment = asked.asked_at.astimezone(self._service.schedule.timezone)
        review = Review(asked.id, self._desk.owner, asked.question, topic, moment, "", asked.state.value,
                        asked.handled_by or "", asked.answer or "", asked.asker is not None)  # fmt: skip
        return teams.card_message(ask_card.review(review), texts.review_title(self._desk.owner))

    async def post(self, context: TurnContext, channel: str, asked: AskedQuestion) -> None:
        """Post a new question's card to the owners' channel and remember its activity id."""
        reference = await self._references.reference(teams.PLATFORM, channel)
        if reference is None:  # Kodeks was never added there; the question is in the queue all the same
            log.warning(
                "question_card_not_posted", extra={"question_id": asked.id, "error": "unknown channel"}
            )
            return
        posted: list[str] = []

        async def send(turn: TurnContext) -> None:
            turn.activity.id = None  # a new message in the channel, not a reply to anything
            response = await turn.send_activity(self.message(asked))
            posted.append(str(response.id or "") if response else "")

        try:
            await _continue(context, self._app_id, reference, send)
        except Exception:  # the question is in the queue; the person's confirmation is already sent
            log.exception("question_card_not_posted", extra={"question_id": asked.id})
            return
        await self._desk.attach_card(
            asked.id, {"conversation": channel, "activity_id": posted[0] if posted else ""}
        )

    async def deliver(self, context: TurnContext, asked: AskedQuestion, answer: str) -> None:
        """Send the answer to a named asker's 1:1 chat with Kodeks; an anonymous asker gets nothing."""
        reference = (asked.asker or {}).get(ASKER_KEY)
        if not isinstance(reference, dict):
            return
        card = ask_card.answer(self._desk.owner, asked.question, answer)

        async def send(turn: TurnContext) -> None:
            turn.activity.id = None
            await turn.send_activity(teams.card_message(card, texts.owner_answer_heading(self._desk.owner)))

        try:
            await _continue(context, self._app_id, reference, send)
        except Exception:
            log.exception("owner_answer_not_delivered", extra={"question_id": asked.id})

    async def refresh(self, context: TurnContext, number: int) -> None:
        """Show a question's new state on its card; if Teams refuses the update, post it below instead."""
        asked = await self._desk.question(number)
        if asked is None:
            return
        message = self.message(asked)
        message.id = str((asked.card or {}).get("activity_id") or context.activity.reply_to_id or "")
        try:
            await context.update_activity(message)
        except Exception:
            log.warning("question_card_not_updated", extra={"question_id": number})
            message.id = None
            await context.send_activity(MessageFactory.text(texts.REVIEW_UPDATE_FAILED))
            await context.send_activity(message)
