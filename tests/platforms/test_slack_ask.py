"""Asking Regionssekretariatet on Slack, end to end: button, modal, the experts' channel, the answer.

Signed requests go to our real server running the real Bolt app, which talks over real HTTP to the
local fake Slack Web API; the tests read what people would see from the calls it recorded.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.config import Settings, SlackSettings
from bot.core.replies import Replies
from bot.store import AskedQuestion, QuestionState
from tests import payloads
from tests.fakes.slack_api import FakeSlack
from tests.platforms.server import serve
from tests.platforms.test_slack import Server

EXPERTS = "C0EXPERTS"
ASKER, EXPERT = "U0STAFF", "U0EXPERT"
UNANSWERABLE = "hvornår lukker kantinen"


async def _server(
    service: Replies, slack_api: FakeSlack, tmp_path: Path, experts: str
) -> AsyncIterator[Server]:
    slack = SlackSettings(payloads.BOT_TOKEN, payloads.SIGNING_SECRET, "", slack_api.api_url)
    settings = Settings(
        slack=slack, database_url=f"sqlite:///{tmp_path / 'kodeks.db'}", experts_slack_channel=experts
    )
    async for url, session, assembly in serve(service, settings):
        yield Server(url, session, assembly.kodeks, assembly.store)


@pytest_asyncio.fixture
async def server(service: Replies, slack_api: FakeSlack, tmp_path: Path) -> AsyncIterator[Server]:
    """Kodeks with Slack over HTTP and the experts' channel C0EXPERTS configured."""
    async for running in _server(service, slack_api, tmp_path, EXPERTS):
        yield running


@pytest_asyncio.fixture
async def server_without_experts(
    service: Replies, slack_api: FakeSlack, tmp_path: Path
) -> AsyncIterator[Server]:
    """Kodeks with Slack over HTTP and no experts' channel."""
    async for running in _server(service, slack_api, tmp_path, ""):
        yield running


def _shown(blocks: Any) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def _buttons(blocks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {
        element["text"]["text"]: element
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
    }


async def _open_form(server: Server, slack_api: FakeSlack, question: str = UNANSWERABLE) -> dict[str, Any]:
    """Ask in a DM what the codex cannot answer, click "Spørg Regionssekretariatet"; return the modal."""
    await server.post(payloads.dm(question, user=ASKER))
    (answer,) = await slack_api.wait_for("chat.postMessage")
    button = _buttons(answer.params["blocks"])["Spørg Regionssekretariatet"]
    opened = len(slack_api.of("views.open"))
    status, _ = await server.post(
        payloads.action(button["action_id"], button["value"], slack_api.response_url())
    )
    assert status == 200
    call = (await slack_api.wait_for("views.open", opened + 1))[opened]
    assert call.params["trigger_id"] == "1.2.3"
    view: dict[str, Any] = call.params["view"]
    return view


async def _submit(
    server: Server, view: dict[str, Any], answers: dict[str, str], user: str = ASKER
) -> dict[str, Any]:
    status, body = await server.post(payloads.view_submission(view, answers, user=user))
    assert status == 200
    reply: dict[str, Any] = json.loads(body) if body else {}
    return reply


async def _click(server: Server, slack_api: FakeSlack, card: list[dict[str, Any]], label: str) -> None:
    button = _buttons(card)[label]
    click = payloads.action(button["action_id"], button["value"], slack_api.response_url(), channel=EXPERTS,
                            user=EXPERT)  # fmt: skip
    assert (await server.post(click))[0] == 200


async def test_a_named_question_reaches_the_experts_and_their_answer_comes_back_as_a_dm(
    server: Server, slack_api: FakeSlack
) -> None:
    """Kan ikke svare → form → the experts' card → "Besvar" → the asker gets a DM; the card says besvaret."""
    form = await _open_form(server, slack_api)
    assert form["callback_id"] == "kodeks_ask"
    assert UNANSWERABLE in _shown(form) and "Skriv ikke navne på borgere eller kolleger" in _shown(form)
    assert "Anonymt" in _shown(form) and "Med mit navn, så Regionssekretariatet kan svare mig" in _shown(form)

    edited = "hvornår lukker kantinen i juleferien, og må jeg tage kage med til et udvalgsmøde?"
    reply = await _submit(server, form, {"question": edited, "who": "named"})

    assert reply["response_action"] == "update"
    assert "Dit spørgsmål er sendt til Regionssekretariatet" in _shown(reply["view"])
    posted = (await slack_api.wait_for("chat.postMessage", 2))[1]
    assert posted.params["channel"] == EXPERTS
    card = posted.params["blocks"]
    assert edited in _shown(card) and f"<@{ASKER}>" in _shown(card)
    assert "Kodeks svarede" in _shown(card) and "kunne ikke svare" in _shown(card) and "ny" in _shown(card)
    queued = await _card_attached(server)
    assert (queued.question, queued.state, queued.platform) == (edited, QuestionState.OPEN, "slack")
    assert queued.asker == {"slack_user": ASKER} and queued.kodeks_kind == "no_match"
    assert queued.card == {"channel": EXPERTS, "ts": posted_ts(slack_api)}

    await _click(server, slack_api, card, "Besvar")
    answer_form = (await slack_api.wait_for("views.open", 2))[1].params["view"]
    assert edited in _shown(answer_form)
    await _submit(server, answer_form, {"answer": "Kantinen lukker 23. december. Kage er fint."}, user=EXPERT)

    dm = await slack_api.wait_for_text("chat.postMessage", "Kantinen lukker")
    (to_asker,) = [call for call in dm if call.params["channel"] == ASKER]
    assert "Svar fra Regionssekretariatet på dit spørgsmål" in _shown(to_asker.params["blocks"])
    assert edited in _shown(to_asker.params["blocks"])
    (update,) = await slack_api.wait_for("chat.update")
    assert (update.params["channel"], update.params["ts"]) == (EXPERTS, posted_ts(slack_api))
    assert f"besvaret af <@{EXPERT}>" in _shown(update.params["blocks"])
    assert set(_buttons(update.params["blocks"])) == {"Luk"}
    (answered,) = await server.store.questions()
    assert (
        answered.state is QuestionState.ANSWERED
        and answered.answer == "Kantinen lukker 23. december. Kage er fint."
    )


async def _card_attached(server: Server) -> AskedQuestion:
    """The one queued question, once Kodeks has stored where its card is (just after posting it)."""
    for _ in range(500):
        (queued,) = await server.store.questions()
        if queued.card is not None:
            return queued
        await asyncio.sleep(0.01)
    raise AssertionError("the card's place was never stored")


def _database_bytes(folder: Path) -> bytes:
    """Everything SQLite wrote to disk: the database file and its journal, if any."""
    return b"".join(path.read_bytes() for path in folder.glob("kodeks.db*"))


def posted_ts(slack_api: FakeSlack) -> str:
    """The ts the fake gave the card in the experts' channel (the second message posted)."""
    return "1700000000.000002"


async def test_an_anonymous_question_leaves_no_user_id_in_the_database_the_card_or_the_log(
    server: Server, slack_api: FakeSlack, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Asked anonymously: no user id in the queue (nor the database file), on the experts' card or logged."""
    caplog.set_level(logging.DEBUG)
    form = await _open_form(server, slack_api)

    reply = await _submit(server, form, {"who": "anonymous"})

    assert "Det er sendt anonymt" in _shown(reply["view"])
    posted = (await slack_api.wait_for("chat.postMessage", 2))[1]
    assert posted.params["channel"] == EXPERTS
    assert ASKER not in _shown(posted.params) and "anonym" in _shown(posted.params["blocks"])
    assert "Besvar" not in _buttons(posted.params["blocks"])  # nobody to send an answer to
    (queued,) = await server.store.questions()
    assert queued.asker is None and queued.question == UNANSWERABLE
    stored = _database_bytes(tmp_path)
    assert UNANSWERABLE.encode() in stored and ASKER.encode() not in stored
    logged = caplog.text + " ".join(str(vars(record)) for record in caplog.records)
    assert "question_to_owners" in caplog.text and ASKER not in logged


async def test_marking_answered_and_closing_update_the_card_in_place(
    server: Server, slack_api: FakeSlack
) -> None:
    """Marking it answered and then closing it update the same card, naming the expert each time."""
    await _submit(server, await _open_form(server, slack_api), {"who": "anonymous"})
    card = (await slack_api.wait_for("chat.postMessage", 2))[1].params["blocks"]
    await _card_attached(server)

    await _click(server, slack_api, card, "Markér som besvaret")
    (marked,) = await slack_api.wait_for("chat.update")
    await _click(server, slack_api, marked.params["blocks"], "Luk")
    closed = (await slack_api.wait_for("chat.update", 2))[1]

    assert f"besvaret af <@{EXPERT}>" in _shown(marked.params["blocks"])
    assert f"lukket af <@{EXPERT}>" in _shown(closed.params["blocks"]) and not _buttons(
        closed.params["blocks"]
    )
    assert closed.params["ts"] == marked.params["ts"] == posted_ts(slack_api)
    (queued,) = await server.store.questions()
    assert queued.state is QuestionState.CLOSED and queued.handled_by == EXPERT


async def test_without_an_experts_channel_the_question_is_queued_and_the_form_says_so(
    server_without_experts: Server, slack_api: FakeSlack
) -> None:
    """No KODEKS_EXPERTS_SLACK_CHANNEL: the form explains that the question is kept in the list, and it is."""
    form = await _open_form(server_without_experts, slack_api)
    assert "har ikke en kanal til spørgsmål fra Kodeks" in _shown(form)

    reply = await _submit(server_without_experts, form, {"who": "named"})

    assert "Dit spørgsmål er gemt til Regionssekretariatet" in _shown(reply["view"])
    (queued,) = await server_without_experts.store.questions()
    assert queued.question == UNANSWERABLE and queued.state is QuestionState.OPEN
    assert len(slack_api.of("chat.postMessage")) == 1  # only Kodeks' own answer in the DM


async def test_an_empty_question_is_refused_in_the_form(server: Server, slack_api: FakeSlack) -> None:
    """Sending the form with the question erased keeps the form open with a message at the field."""
    reply = await _submit(server, await _open_form(server, slack_api), {"question": "   "})

    assert reply == {
        "response_action": "errors",
        "errors": {"question": "Skriv dit spørgsmål, før du sender."},
    }
    assert await server.store.questions() == []


async def test_the_thanks_for_a_thumbs_down_offers_to_ask_the_secretariat(
    server: Server, slack_api: FakeSlack
) -> None:
    """After 👎 the thanks carries "Spørg Regionssekretariatet", which opens the form with the question."""
    await server.post(payloads.dm("må jeg give partipolitisk rådgivning?"))
    (answer,) = await slack_api.wait_for("chat.postMessage")
    down = _buttons(answer.params["blocks"])["👎 Ikke hjælpsomt"]
    await server.post(payloads.action(down["action_id"], down["value"], slack_api.response_url()))

    (thanks,) = await slack_api.wait_for("response_url")
    assert thanks.params["text"] == "Tak for din tilbagemelding."
    ask = _buttons(thanks.params["blocks"])["Spørg Regionssekretariatet"]
    assert ask["action_id"] == "kodeks_ask:match:neutralitet"
    await server.post(payloads.action(ask["action_id"], ask["value"], slack_api.response_url()))
    (opened,) = await slack_api.wait_for("views.open")
    assert "må jeg give partipolitisk rådgivning?" in _shown(opened.params["view"])
    assert json.loads(opened.params["view"]["private_metadata"]) == {"kind": "match", "topic": "neutralitet"}


async def test_owners_buttons_clicked_outside_the_experts_channel_change_nothing(
    server: Server, slack_api: FakeSlack
) -> None:
    """The experts' buttons act only in C0EXPERTS: the same click from another channel is ignored."""
    await _submit(server, await _open_form(server, slack_api), {"who": "anonymous"})
    card = (await slack_api.wait_for("chat.postMessage", 2))[1].params["blocks"]
    await _card_attached(server)
    close = _buttons(card)["Luk"]

    click = payloads.action(close["action_id"], close["value"], slack_api.response_url(), channel="C0TEAM")
    assert (await server.post(click))[0] == 200
    await server.post(payloads.dm("hjælp"))
    await slack_api.wait_for_text("chat.postMessage", "De syv dyder")

    assert slack_api.of("chat.update") == []
    assert (await server.store.questions())[0].state is QuestionState.OPEN
