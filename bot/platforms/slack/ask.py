"""Slack side of asking the codex owners: the form, the owners' card, the answer to a named asker.

"Spørg <codex owner>" opens a modal (``views.open``); its submission goes to the desk (the review
queue) and, when ``KODEKS_EXPERTS_SLACK_CHANNEL`` is set, as a card to that channel. The experts'
buttons answer (a modal; the answer goes to a named asker as a DM from Kodeks), mark as answered or
close, and the card is updated in place (``chat.update``). An anonymous asker leaves no user id in
the queue, on the card or in the log; a named one leaves only the user id the DM needs.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.asking import OwnerDesk, question_id
from bot.clock import Clock
from bot.core.answer import topic_of
from bot.platforms.slack import NAME, action_channel
from bot.render import actions, ask_slack, layout, slack_blocks, texts
from bot.render.ask_view import NAMED, AskForm, Review
from bot.service import Kodeks
from bot.store import AskedQuestion, QuestionState

log = logging.getLogger(__name__)

ASKER_KEY = "slack_user"
"""The only thing kept about a named asker on Slack: the user id a DM with the answer goes to."""
MOVES = {"done": QuestionState.ANSWERED, "close": QuestionState.CLOSED}


def _value(view: dict[str, Any], block: str) -> dict[str, Any]:
    """The state of one input of a submitted view (``{}`` if absent)."""
    found = ((view.get("state") or {}).get("values") or {}).get(block, {}).get(block)
    return found if isinstance(found, dict) else {}


def thanks(service: Kodeks, vote: actions.Vote | None) -> dict[str, Any]:
    """The reply to a vote: thanks, and after a 👎 on a question "Spørg <codex owner>"."""
    offer = None
    if vote is not None and vote.topic in service.codex.topic_ids:
        offer = layout.ask_after_vote(service.desk.owner, vote.helpful, vote.topic, vote.question)
    return ask_slack.thanks(offer)


def register(app: AsyncApp, service: Kodeks, clock: Clock) -> None:
    """Add the listeners for the ask button, the form, and the experts' card and answer form."""
    desk = service.desk
    cards = _Cards(desk, service)

    @app.action(re.compile(f"^{slack_blocks.ACTION_ASK}(:|$)"))
    async def on_ask(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        question, kind, topic = ask_slack.asked_of(
            str(action.get("action_id", "")), str(action.get("value", ""))
        )
        form = AskForm(desk.owner, question, kind, topic, bool(desk.experts_channel(NAME)))
        await client.views_open(trigger_id=str(body.get("trigger_id", "")), view=ask_slack.form(form))

    @app.view(ask_slack.CALLBACK_ASK)
    async def on_send(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        question = str(_value(view, ask_slack.QUESTION_BLOCK).get("value") or "")
        if not question.strip():
            await ack(response_action="errors", errors={ask_slack.QUESTION_BLOCK: texts.ASK_EMPTY})
            return
        named = (_value(view, ask_slack.WHO_BLOCK).get("selected_option") or {}).get("value") == NAMED
        asker = {ASKER_KEY: str((body.get("user") or {}).get("id", ""))} if named else None
        answered = ask_slack.answered_of(str(view.get("private_metadata", "")))
        stored = await desk.submit(NAME, question, answered, asker, clock())
        channel = desk.experts_channel(NAME)
        sent = texts.ask_sent(desk.owner, bool(channel), named)
        await ack(response_action="update", view=ask_slack.confirmation(sent))
        if stored is not None and channel:
            await cards.post(client, channel, stored)

    @app.action(re.compile(f"^{ask_slack.ACTION_REVIEW}_(answer|done|close)$"))
    async def on_review(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        channel = action_channel(body)
        if channel != desk.experts_channel(NAME):
            log.warning("review_outside_experts_channel")  # only the owners' channel moves questions on
            return
        move = str(action.get("action_id", "")).rsplit("_", 1)[-1]
        number = question_id(action.get("value"))
        asked = await desk.question(number) if number is not None else None
        if asked is None:
            log.info("question_gone")
            return
        if move == "answer":
            view = ask_slack.answer_form(asked.id, asked.question)
            await client.views_open(trigger_id=str(body.get("trigger_id", "")), view=view)
            return
        expert = str((body.get("user") or {}).get("id", ""))
        await desk.resolve(asked.id, MOVES[move], expert, None, clock())
        await cards.refresh(client, asked.id)

    @app.view(ask_slack.CALLBACK_ANSWER)
    async def on_answer(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        answer = str(_value(view, ask_slack.ANSWER_BLOCK).get("value") or "").strip()
        if not answer:
            await ack(
                response_action="errors", errors={ask_slack.ANSWER_BLOCK: texts.REVIEW_ANSWER_PLACEHOLDER}
            )
            return
        await ack()
        number = question_id(view.get("private_metadata"))
        expert = str((body.get("user") or {}).get("id", ""))
        answered = (
            await desk.resolve(number, QuestionState.ANSWERED, expert, answer, clock()) if number else None
        )
        if answered is not None and answered.asker and answered.asker.get(ASKER_KEY):
            message = ask_slack.answer_message(desk.owner, answered.question, answer)
            try:
                await client.chat_postMessage(channel=str(answered.asker[ASKER_KEY]), **message)
            except SlackApiError as error:
                failure = {"question_id": answered.id, "error": error.response.get("error")}
                log.warning("owner_answer_not_delivered", extra=failure)
        if number is not None:
            await cards.refresh(client, number)


class _Cards:
    """The experts' cards of questions: posted once, then updated in place as the question moves on."""

    def __init__(self, desk: OwnerDesk, service: Kodeks) -> None:
        self._desk, self._service = desk, service

    def review(self, asked: AskedQuestion) -> Review:
        """The card's view of a question: the asker as a mention only if they chose to be named."""
        codex = self._service.codex
        topic = topic_of(codex, asked.kodeks_topic).name if asked.kodeks_topic in codex.topic_ids else ""
        user = str((asked.asker or {}).get(ASKER_KEY, ""))
        moment = asked.asked_at.astimezone(self._service.schedule.timezone)
        return Review(asked.id, self._desk.owner, asked.question, topic, moment, ask_slack.person(user),
                      asked.state.value, ask_slack.person(asked.handled_by or ""), asked.answer or "",
                      bool(user))  # fmt: skip

    async def post(self, client: AsyncWebClient, channel: str, asked: AskedQuestion) -> None:
        """Post a new question's card to the experts' channel and remember where it is."""
        try:
            response = await client.chat_postMessage(channel=channel, **ask_slack.review(self.review(asked)))
        except SlackApiError as error:  # the question is in the queue all the same
            failure = {"question_id": asked.id, "error": error.response.get("error")}
            log.warning("question_card_not_posted", extra=failure)
            return
        card = {"channel": str(response.get("channel") or channel), "ts": str(response.get("ts", ""))}
        await self._desk.attach_card(asked.id, card)

    async def refresh(self, client: AsyncWebClient, number: int) -> None:
        """Show a question's current state on its card (``chat.update``)."""
        asked = await self._desk.question(number)
        if asked is None or not asked.card:
            return
        card = asked.card
        await client.chat_update(
            channel=str(card["channel"]), ts=str(card["ts"]), **ask_slack.review(self.review(asked))
        )
