"""Asking Regionssekretariatet on Teams, end to end: button, form card, the owners' channel, the answer.

Activities go to our real server running the real Agents SDK; its posts (and card updates) go over
real HTTP to the local fake Bot Connector, whose recordings show what people would see in Teams.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.config import Settings
from bot.core.replies import Replies
from bot.store import QuestionState
from tests import payloads
from tests.fakes.bot_connector import FakeBotConnector, Post
from tests.platforms.server import serve
from tests.platforms.test_teams import Server, _answer_to, _buttons

EXPERT = {"id": "29:expert", "name": "Ekspert Eriksen"}
UNANSWERABLE = "hvornår lukker kantinen"


async def _server(service: Replies, tmp_path: Path, experts: str) -> AsyncIterator[Server]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'kodeks.db'}", experts_teams_channel=experts)
    async for url, session, assembly in serve(service, settings):
        yield Server(url, session, assembly.kodeks, assembly.store)


@pytest_asyncio.fixture
async def server(service: Replies, tmp_path: Path) -> AsyncIterator[Server]:
    """Kodeks with Teams (local anonymous mode) and the owners' channel set to the team's channel."""
    async for running in _server(service, tmp_path, payloads.TEAMS_CHANNEL):
        yield running


@pytest_asyncio.fixture
async def server_without_experts(service: Replies, tmp_path: Path) -> AsyncIterator[Server]:
    """Kodeks with Teams and no owners' channel."""
    async for running in _server(service, tmp_path, ""):
        yield running


async def _posts(
    server: Server, connector: FakeBotConnector, activity: dict[str, Any], count: int
) -> list[Post]:
    """Send ``activity`` and return the ``count`` posts (or updates) it causes."""
    before = len(connector.posts)
    assert await server.send(activity) == 202
    return (await connector.wait_for_posts(before + count))[before : before + count]


async def _form(server: Server, connector: FakeBotConnector, thread: str | None = None) -> tuple[Post, Post]:
    """Ask what the codex cannot answer (1:1, or in a channel thread), click "Spørg …": answer and form."""
    if thread is None:
        asked = payloads.teams_message(UNANSWERABLE, connector.url)
    else:
        asked = payloads.teams_channel_message(UNANSWERABLE, connector.url)
    answer = await _answer_to(server, connector, asked)
    ask = _buttons(answer.card)["Spørg Regionssekretariatet"]
    assert ask == {"verb": "ask", "question": UNANSWERABLE, "kind": "no_match", "topic": ""}
    thread = asked["id"] if thread is not None else None
    form = await _answer_to(
        server, connector, payloads.teams_click(ask, connector.url, "reply-x", thread=thread)
    )
    return answer, form


async def test_a_named_question_reaches_the_owners_channel_and_the_answer_reaches_the_askers_chat(
    server: Server, connector: FakeBotConnector
) -> None:
    """1:1 question → form card → card in the owners' channel → "Send svar" → answer in the asker's chat."""
    await _answer_to(
        server, connector, payloads.teams_added(connector.url, in_team=True)
    )  # Kodeks in the channel
    _, form = await _form(server, connector)
    shown = json.dumps(form.card, ensure_ascii=False)
    assert UNANSWERABLE in shown and "Skriv ikke navne på borgere eller kolleger" in shown
    assert "Med mit navn, så Regionssekretariatet kan svare mig" in shown

    edited = "hvornår lukker kantinen i juleferien?"
    form_id = f"reply-{len(connector.posts)}"
    typed = {"question": edited, "who": "named"}
    submit = payloads.teams_submit(form.card, "Send", typed, connector.url, form_id)
    confirmation, card = await _posts(server, connector, submit, 2)

    assert "Dit spørgsmål er sendt til Regionssekretariatet" in confirmation.activity["text"]
    assert confirmation.method == "PUT" and confirmation.path.endswith(
        f"/activities/{form_id}"
    )  # no resending
    assert card.conversation_id == payloads.TEAMS_CHANNEL and card.reply_to is None
    assert edited in card.shown and "kunne ikke svare" in card.shown and "ny" in card.shown
    assert payloads.TEAMS_USER["name"] not in card.shown and payloads.TEAMS_USER["id"] not in card.shown
    (queued,) = await server.store.questions()
    assert (
        queued.asker is not None
        and queued.asker["teams_reference"]["conversation"]["id"] == "a:personal-chat"
    )
    assert payloads.TEAMS_USER["id"] not in json.dumps(queued.asker)
    assert queued.card == {
        "conversation": payloads.TEAMS_CHANNEL,
        "activity_id": f"reply-{len(connector.posts)}",
    }

    card_id = str(queued.card["activity_id"])
    typed = {"answer": "Den 23. december."}
    reply = payloads.teams_submit(
        card.card, "Send svar", typed, connector.url, card_id, thread=card_id, sender=EXPERT
    )
    answer, update = await _posts(server, connector, reply, 2)

    assert answer.conversation_id == "a:personal-chat" and answer.reply_to is None and answer.method == "POST"
    assert (
        "Svar fra Regionssekretariatet på dit spørgsmål" in answer.shown
        and "Den 23. december." in answer.shown
    )
    assert update.method == "PUT" and update.path.endswith(f"/activities/{card_id}")
    assert "besvaret af Ekspert Eriksen" in update.shown and "Den 23. december." in update.shown
    assert set(_buttons(update.card)) == {"Luk"}
    (answered,) = await server.store.questions()
    assert answered.state is QuestionState.ANSWERED and answered.handled_by == "Ekspert Eriksen"


async def test_in_a_channel_only_an_anonymous_question_is_possible_and_nothing_names_the_asker(
    server: Server, connector: FakeBotConnector, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """In a channel thread the form offers no named choice; the question leaves no person anywhere."""
    caplog.set_level(logging.DEBUG)
    await _answer_to(server, connector, payloads.teams_added(connector.url, in_team=True))
    _, form = await _form(server, connector, thread="yes")
    assert "Med mit navn" not in form.shown and "Her kan du kun spørge anonymt" in form.shown

    submit = payloads.teams_submit(form.card, "Send", {"who": "named"}, connector.url, "r", thread="t")
    confirmation, card = await _posts(server, connector, submit, 2)

    assert "Det er sendt anonymt" in confirmation.activity["text"]
    assert "anonym" in card.shown and "Send svar" not in _buttons(card.card)
    (queued,) = await server.store.questions()
    assert queued.asker is None
    stored = _database_bytes(tmp_path)
    logged = caplog.text + " ".join(str(vars(record)) for record in caplog.records)
    for person in (payloads.TEAMS_USER["id"], payloads.TEAMS_USER["name"]):
        assert person.encode() not in stored and person not in card.shown and person not in logged


async def _owners_card(server: Server, connector: FakeBotConnector) -> tuple[Post, str]:
    """Kodeks in the owners' channel, and an anonymous question's card there: the card and its id."""
    await _answer_to(server, connector, payloads.teams_added(connector.url, in_team=True))
    _, form = await _form(server, connector)
    _, card = await _posts(
        server, connector, payloads.teams_submit(form.card, "Send", {}, connector.url, "r"), 2
    )
    return card, f"reply-{len(connector.posts)}"


def _database_bytes(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in folder.glob("kodeks.db*"))


async def test_closing_a_question_updates_its_card_in_place(
    server: Server, connector: FakeBotConnector
) -> None:
    """Closing on the owners' card turns it into "lukket af …" without buttons, in the same message."""
    card, card_id = await _owners_card(server, connector)

    close = payloads.teams_submit(card.card, "Luk", {}, connector.url, card_id, thread=card_id, sender=EXPERT)
    (update,) = await _posts(server, connector, close, 1)

    assert (
        update.method == "PUT" and "lukket af Ekspert Eriksen" in update.shown and not _buttons(update.card)
    )
    assert (await server.store.questions())[0].state is QuestionState.CLOSED


async def test_without_an_owners_channel_the_question_is_queued_and_the_form_says_so(
    server_without_experts: Server, connector: FakeBotConnector
) -> None:
    """No KODEKS_EXPERTS_TEAMS_CHANNEL: the form says the question is kept in the list, and it is."""
    _, form = await _form(server_without_experts, connector)
    assert "har ikke en kanal til spørgsmål fra Kodeks" in form.shown

    (confirmation,) = await _posts(
        server_without_experts, connector, payloads.teams_submit(form.card, "Send", {}, connector.url, "r"), 1
    )

    assert "Dit spørgsmål er gemt til Regionssekretariatet" in confirmation.activity["text"]
    (queued,) = await server_without_experts.store.questions()
    assert queued.question == UNANSWERABLE and queued.platform == "teams"


async def test_the_thanks_for_a_thumbs_down_offers_to_ask_the_secretariat(
    server: Server, connector: FakeBotConnector
) -> None:
    """After 👎 the thanks card carries "Spørg Regionssekretariatet" with the question and the topic."""
    answer = await _answer_to(server, connector, payloads.teams_message("tavshedspligt", connector.url))
    down = _buttons(answer.card)["👎 Ikke hjælpsomt"]

    thanks = await _answer_to(server, connector, payloads.teams_click(down, connector.url, "reply-1"))

    assert "Tak for din tilbagemelding." in thanks.shown
    ask = _buttons(thanks.card)["Spørg Regionssekretariatet"]
    assert ask == {"verb": "ask", "question": "tavshedspligt", "kind": "match", "topic": "neutralitet"}


async def test_owners_buttons_pressed_outside_the_owners_channel_change_nothing(
    server: Server, connector: FakeBotConnector
) -> None:
    """A review button's data sent from a 1:1 chat neither closes the question nor touches its card."""
    card, _ = await _owners_card(server, connector)
    before = len(connector.posts)

    elsewhere = payloads.teams_submit(card.card, "Luk", {}, connector.url, "reply-1")  # from the 1:1 chat
    assert await server.send(elsewhere) == 202
    await _answer_to(server, connector, payloads.teams_message("hjælp", connector.url))  # marks the end

    assert len(connector.posts) == before + 1
    assert (await server.store.questions())[0].state is QuestionState.OPEN


async def test_a_card_teams_will_not_update_gets_its_new_state_posted_below_it(
    server: Server, connector: FakeBotConnector
) -> None:
    """If Teams refuses the in-place update, the new state is posted under the card, saying so."""
    card, card_id = await _owners_card(server, connector)
    connector.fail_next(404)

    done = "Markér som besvaret"
    mark = payloads.teams_submit(card.card, done, {}, connector.url, card_id, thread=card_id, sender=EXPERT)
    refused, note, state = await _posts(server, connector, mark, 3)

    assert refused.method == "PUT"
    assert note.method == "POST" and "Kortet kunne ikke opdateres" in note.activity["text"]
    assert state.conversation_id == f"{payloads.TEAMS_CHANNEL};messageid={card_id}"
    assert "besvaret af Ekspert Eriksen" in state.shown and set(_buttons(state.card)) == {"Luk"}
