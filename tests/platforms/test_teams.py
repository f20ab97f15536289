"""Teams end to end: activities posted to our real server running the real Agents SDK.

The SDK sends its replies over real HTTP to a local fake Bot Connector (the activities' ``serviceUrl``),
which records them; the tests read what a person would see in Teams from those recordings.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from bot.config import TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID, Settings, SlackSettings
from bot.core.replies import Replies
from bot.errors import ChannelGone
from bot.platforms.teams import agent
from bot.service import Kodeks
from bot.store import Store
from bot.tips.sender import TipSender
from bot.web import ASSEMBLY, create_app
from tests import payloads
from tests.fakes.bot_connector import STATIC_TOKEN, FakeBotConnector, Post, static_connections
from tests.fakes.slack_api import FakeSlack
from tests.platforms.server import SUNDAY_NOON, serve
from tests.server_process import free_port


@dataclass
class Server:
    """Our server on a free port, and a client that posts activities to it as the Bot Connector does."""

    url: str
    session: aiohttp.ClientSession
    kodeks: Kodeks
    store: Store

    async def send(self, activity: dict[str, Any], headers: dict[str, str] | None = None) -> int:
        async with self.session.post(f"{self.url}/api/messages", json=activity, headers=headers) as response:
            return response.status


async def _serve(service: Replies, settings: Settings) -> AsyncIterator[Server]:
    async for url, session, assembly in serve(service, settings):
        yield Server(url, session, assembly.kodeks, assembly.store)


@pytest_asyncio.fixture
async def server(service: Replies, tmp_path: Path) -> AsyncIterator[Server]:
    """Kodeks' web application with Teams in local anonymous mode and a SQLite store."""
    async for running in _serve(service, Settings(database_url=f"sqlite:///{tmp_path / 'kodeks.db'}")):
        yield running


def _buttons(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every button on a card, by its title, with the data it sends back."""
    found: dict[str, dict[str, Any]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Action.Submit":
                found[node["title"]] = node["data"]
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(card)
    return found


async def _answer_to(server: Server, connector: FakeBotConnector, activity: dict[str, Any]) -> Post:
    before = len(connector.posts)
    assert await server.send(activity) == 202
    return (await connector.wait_for_posts(before + 1))[before]


async def test_a_personal_question_is_answered_with_a_card_quoting_the_bullet(
    server: Server, connector: FakeBotConnector
) -> None:
    """In a 1:1 chat a question gets a card: Neutralitet, the quoted bullet, and whom to contact."""
    question = payloads.teams_message("må jeg give partipolitisk rådgivning?", connector.url)
    post = await _answer_to(server, connector, question)
    shown = json.dumps(post.card, ensure_ascii=False)

    assert post.conversation_id == "a:personal-chat" and post.reply_to == question["id"]
    assert "Neutralitet, punkt 2" in shown and "»Giv ikke partipolitisk rådgivning" in shown
    assert "Hvis du er i tvivl" in shown
    assert "[regionssekretariatet@rm.dk](mailto:regionssekretariatet@rm.dk)" in shown
    assert "](tel:+45" in shown


async def test_the_card_has_a_plain_text_fallback_and_no_duplicate_text(
    server: Server, connector: FakeBotConnector
) -> None:
    """Clients without cards read the plain answer; Teams does not show the answer twice."""
    post = await _answer_to(server, connector, payloads.teams_message("tavshedspligt", connector.url))

    assert "Neutralitet, punkt 4" in post.card["fallbackText"]
    assert "regionssekretariatet@rm.dk" in post.card["fallbackText"]
    assert not post.activity.get("text") and post.activity["summary"] == "Neutralitet"


async def test_command_words_show_help_and_a_whole_virtue(
    server: Server, connector: FakeBotConnector
) -> None:
    """`hjælp` shows the seven virtues as buttons; `aabenhed` (without å) shows Åbenhed om fejl in full."""
    helped = await _answer_to(server, connector, payloads.teams_message("hjælp", connector.url))
    virtue = await _answer_to(server, connector, payloads.teams_message("aabenhed", connector.url))

    assert {"Lovlighed", "Åbenhed om fejl", "Udvikling og samarbejde"} <= set(_buttons(helped.card))
    assert "Dæk ikke over fejl." in virtue.shown


async def test_a_channel_mention_is_answered_in_its_thread_with_the_mention_removed(
    server: Server, connector: FakeBotConnector
) -> None:
    """`@Kodeks neutralitet` in a channel shows the virtue in a reply under that post.

    Had the mention stayed in the text, "Kodeks neutralitet" would not be the command word.
    """
    mention = payloads.teams_channel_message("neutralitet", connector.url)
    post = await _answer_to(server, connector, mention)

    assert post.conversation_id == f"{payloads.TEAMS_CHANNEL};messageid={mention['id']}"
    assert post.reply_to == mention["id"]
    assert post.card["body"][0]["text"] == "Neutralitet"
    assert "Det betyder:" in post.shown and "Neutralitet, punkt 5" in post.shown  # the whole virtue


async def test_channel_posts_without_a_mention_are_not_answered(
    server: Server, connector: FakeBotConnector
) -> None:
    """Kodeks stays quiet in a channel unless it is mentioned."""
    assert (
        await server.send(payloads.teams_channel_message("tavshedspligt", connector.url, mention=False))
        == 202
    )
    post = await _answer_to(server, connector, payloads.teams_channel_message("hjælp", connector.url))

    assert len(connector.posts) == 1
    assert "De syv dyder" in post.shown


async def test_in_a_group_chat_only_mentions_are_answered(
    server: Server, connector: FakeBotConnector
) -> None:
    """In a group chat Kodeks ignores the conversation around it and answers `@Kodeks tavshedspligt`."""
    assert await server.send(payloads.teams_group_message("hjælp", connector.url, mention=False)) == 202
    post = await _answer_to(server, connector, payloads.teams_group_message("tavshedspligt", connector.url))

    assert len(connector.posts) == 1
    assert post.conversation_id == "19:group-chat@thread.v2"
    assert "Neutralitet, punkt 4" in post.shown


async def test_installing_the_app_sends_a_welcome_card(server: Server, connector: FakeBotConnector) -> None:
    """Adding Kodeks to a chat posts a welcome: what it is, how to ask, the seven virtues, the contacts."""
    post = await _answer_to(server, connector, payloads.teams_added(connector.url))

    assert post.card["body"][0]["text"] == "Velkommen til Kodeks"
    assert "Skriv dit spørgsmål med dine egne ord" in post.shown
    virtues = [data for data in _buttons(post.card).values() if data["verb"] == "show_topic"]
    assert len(virtues) == 7
    assert _buttons(post.card)["Introduktion til kodeks"] == {"verb": "command", "command": "intro"}
    assert "regionssekretariatet@rm.dk" in post.shown


async def test_the_welcome_in_a_team_says_how_to_mention_and_people_joining_get_none(
    server: Server, connector: FakeBotConnector
) -> None:
    """Installed in a team the welcome explains @Kodeks; a colleague joining later triggers nothing."""
    assert (
        await server.send(payloads.teams_added(connector.url, member=payloads.TEAMS_USER, in_team=True))
        == 202
    )
    post = await _answer_to(server, connector, payloads.teams_added(connector.url, in_team=True))

    assert len(connector.posts) == 1
    assert post.conversation_id == payloads.TEAMS_CHANNEL
    assert "skriv @Kodeks" in post.shown


async def test_show_virtue_button_shows_the_whole_virtue(server: Server, connector: FakeBotConnector) -> None:
    """Clicking "Vis hele dyden" under an answer shows the virtue in full."""
    answer = await _answer_to(server, connector, payloads.teams_message("tavshedspligt", connector.url))
    click = payloads.teams_click(_buttons(answer.card)["Vis hele dyden"], connector.url, "reply-1")
    post = await _answer_to(server, connector, click)

    assert "Vær loyal i din udførelse af de politiske mål, der er sat." in post.shown
    assert "Neutralitet, punkt 5" in post.shown  # every bullet, not only the quoted one


async def test_each_virtue_button_of_the_help_card_shows_that_virtue(
    server: Server, connector: FakeBotConnector, bot: Kodeks
) -> None:
    """The seven buttons under help (the did-you-mean buttons work the same way) each open their virtue."""
    helped = await _answer_to(server, connector, payloads.teams_message("hjælp", connector.url))

    virtues = {title: data for title, data in _buttons(helped.card).items() if data["verb"] == "show_topic"}
    for title, data in virtues.items():
        post = await _answer_to(server, connector, payloads.teams_click(data, connector.url, "reply-1"))
        assert post.card["body"][0]["text"] == title
        virtue = bot.codex.virtue(data["topic"])
        assert virtue.bullets[-1].text in post.shown


async def test_a_did_you_mean_button_shows_the_suggested_topic(
    server: Server, connector: FakeBotConnector, bot: Kodeks
) -> None:
    """A "Mente du måske" or "Se også" button under an answer opens the topic it names."""
    answer = await _answer_to(
        server, connector, payloads.teams_message("må jeg sige min mening", connector.url)
    )
    suggested = {title: data for title, data in _buttons(answer.card).items() if data["verb"] == "show_topic"}
    suggested.pop("Vis hele dyden", None)
    assert suggested, "the question should offer at least one other topic"
    title, data = next(iter(suggested.items()))

    post = await _answer_to(server, connector, payloads.teams_click(data, connector.url, "reply-1"))

    assert post.card["body"][0]["text"] == title


@pytest.mark.parametrize(
    ("button", "helpful", "unhelpful"), [("👍 Hjælpsomt", 1, 0), ("👎 Ikke hjælpsomt", 0, 1)]
)
async def test_feedback_is_stored_anonymously_and_thanked(
    server: Server, connector: FakeBotConnector, bot: Kodeks, button: str, helpful: int, unhelpful: int
) -> None:
    """A 👍 or 👎 is counted for the topic and bullet only (no user, no text) and thanked in the chat."""
    answer = await _answer_to(server, connector, payloads.teams_message("tavshedspligt", connector.url))
    post = await _answer_to(
        server, connector, payloads.teams_click(_buttons(answer.card)[button], connector.url, "r")
    )

    assert "Tak for din tilbagemelding." in post.shown  # after 👎 with "Spørg …" under it
    assert bot.store is not None
    (count,) = await bot.store.feedback()
    assert (count.topic, count.bullet, count.helpful, count.unhelpful) == (
        "neutralitet", "neutralitet.4", helpful, unhelpful,
    )  # fmt: skip
    assert payloads.TEAMS_USER["id"] not in repr(count)


async def test_pressing_thumbs_down_five_times_on_one_card_counts_one_vote(
    server: Server, connector: FakeBotConnector, bot: Kodeks
) -> None:
    """Five 👎 clicks on the same answer card count once; the later clicks are thanked, not counted."""
    answer = await _answer_to(server, connector, payloads.teams_message("tavshedspligt", connector.url))
    down = _buttons(answer.card)["👎 Ikke hjælpsomt"]
    posts = [
        await _answer_to(server, connector, payloads.teams_click(down, connector.url, "reply-1"))
        for _ in range(5)
    ]

    (count,) = await bot.store.feedback()
    assert (count.helpful, count.unhelpful) == (0, 1)
    assert "Tak for din tilbagemelding." in posts[0].shown
    assert all("allerede" in post.activity["text"] for post in posts[1:])


async def test_an_action_execute_click_is_answered_with_the_virtue_card(
    server: Server, connector: FakeBotConnector
) -> None:
    """An Action.Execute click (`adaptiveCard/action`, verb show_topic) returns the virtue card, not 501."""
    click = payloads.teams_execute("show_topic", {"topic": "neutralitet"}, connector.url)
    async with server.session.post(f"{server.url}/api/messages", json=click) as response:
        status, body = response.status, await response.json()

    assert status == 200
    assert body["statusCode"] == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    assert body["value"]["body"][0]["text"] == "Neutralitet"
    assert "Neutralitet, punkt 5" in json.dumps(body["value"], ensure_ascii=False)


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("invoke", {"name": "composeExtension/query", "value": {"commandId": "search"}}),
        ("invoke", {"name": "task/fetch", "value": {"data": {}}}),
        ("invoke", {"name": "signin/verifyState", "value": {"state": "123"}}),
        ("invoke", {"name": "adaptiveCard/action", "value": {"action": {"type": "Action.Submit"}}}),
        ("messageReaction", {"reactionsAdded": [{"type": "like"}], "replyToId": "reply-1"}),
        ("messageUpdate", {"text": "rettet"}),
        ("messageDelete", {}),
        ("installationUpdate", {"action": "add"}),
        ("conversationUpdate", {"membersRemoved": [payloads.TEAMS_USER]}),
        ("typing", {}),
        ("event", {"name": "application/vnd.microsoft.meetingStart"}),
        ("endOfConversation", {}),
    ],
)
async def test_every_kind_of_teams_activity_gets_a_2xx_or_a_clean_4xx(
    server: Server, connector: FakeBotConnector, kind: str, fields: dict[str, Any]
) -> None:
    """Reactions, edits, installs and unoffered invokes never get a 5xx ("unable to reach app")."""
    status = await server.send(payloads.teams_activity(kind, connector.url, **fields))

    assert 200 <= status < 300 or 400 <= status < 500


async def test_a_failed_reply_is_followed_by_a_danish_apology_not_the_error(
    server: Server, connector: FakeBotConnector
) -> None:
    """When sending the answer fails, the person gets the apology; no exception text reaches the chat."""
    connector.fail_next(500)
    assert await server.send(payloads.teams_message("tavshedspligt", connector.url)) == 202

    failed, apology = await connector.wait_for_posts(2)
    assert "Neutralitet, punkt 4" in failed.shown  # the answer whose delivery failed
    assert apology.activity["text"].startswith("Beklager, der gik noget galt hos mig.")
    assert "Exception" not in apology.shown and "500" not in apology.shown


async def test_a_reply_that_cannot_be_delivered_is_one_log_line_and_no_5xx(
    server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    """A message whose serviceUrl does not answer gets a 2xx and one clear warning, no tracebacks."""
    nobody = f"http://127.0.0.1:{free_port()}/"
    caplog.set_level(logging.INFO)

    status = await server.send(payloads.teams_message("tavshedspligt", nobody))

    problems = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert 200 <= status < 300
    assert [record.getMessage() for record in problems] == ["teams_reply_not_delivered"]
    assert not any(record.exc_info for record in caplog.records)


async def test_conversation_references_are_stored_without_the_person(
    server: Server, connector: FakeBotConnector, bot: Kodeks
) -> None:
    """A channel mention stores where to post a tip later: the channel itself, not the thread or the user."""
    await _answer_to(server, connector, payloads.teams_channel_message("hjælp", connector.url))

    assert bot.store is not None
    reference = await server.store.reference("teams", payloads.TEAMS_CHANNEL)
    assert reference is not None
    assert reference["conversation"]["id"] == payloads.TEAMS_CHANNEL
    assert reference["serviceUrl"] == connector.url
    assert payloads.TEAMS_USER["id"] not in json.dumps(reference)
    assert payloads.TEAMS_USER["name"] not in json.dumps(reference)


async def test_a_tip_is_posted_to_a_channel_through_its_stored_reference(
    server: Server, connector: FakeBotConnector, bot: Kodeks
) -> None:
    """After Kodeks was mentioned in a channel, the daily tip can be posted there as a new message."""
    await _answer_to(server, connector, payloads.teams_channel_message("hjælp", connector.url))
    settings = Settings.from_env(
        {TEAMS_CLIENT_ID: payloads.TEAMS_APP_ID, TEAMS_CLIENT_SECRET: "s", TEAMS_TENANT_ID: "t"}
    )
    connections = static_connections(payloads.TEAMS_APP_ID)
    poster = agent.create_teams(bot, server.store, settings.teams, lambda: SUNDAY_NOON, connections).poster

    await poster.post_tip(payloads.TEAMS_CHANNEL, bot.replies.tip(date(2026, 11, 24)))

    (_, tip) = await connector.wait_for_posts(2)
    assert tip.conversation_id == payloads.TEAMS_CHANNEL and tip.reply_to is None
    assert tip.headers["Authorization"] == f"Bearer {STATIC_TOKEN}"
    assert "Dagens tip fra kodeks" in tip.shown and "Vis hele dyden" in _buttons(tip.card)


async def test_a_tip_to_a_channel_the_app_was_removed_from_pauses_it(
    server: Server, connector: FakeBotConnector, bot: Kodeks
) -> None:
    """Teams' 403 after removal, or a channel Kodeks never saw, raise ChannelGone; a 500 is retried later."""
    await _answer_to(server, connector, payloads.teams_channel_message("hjælp", connector.url))
    # local anonymous mode: no token at all
    poster = agent.create_teams(bot, server.store, Settings().teams, lambda: SUNDAY_NOON).poster
    tip = bot.replies.tip(date(2026, 11, 24))

    await poster.post_tip(payloads.TEAMS_CHANNEL, tip)
    assert "Authorization" not in (await connector.wait_for_posts(2))[1].headers
    connector.fail_next(403)
    with pytest.raises(ChannelGone, match="403"):
        await poster.post_tip(payloads.TEAMS_CHANNEL, tip)
    with pytest.raises(ChannelGone):
        await poster.post_tip("19:never-seen@thread.tacv2", tip)
    connector.fail_next(500)
    with pytest.raises(aiohttp.ClientResponseError):
        await poster.post_tip(payloads.TEAMS_CHANNEL, tip)


async def test_with_a_client_id_requests_without_a_valid_token_get_401_and_slack_is_unaffected(
    service: Replies, connector: FakeBotConnector, tmp_path: Path
) -> None:
    """Configured for production, /api/messages refuses unsigned requests; Slack and /healthz still work."""
    slack_api = FakeSlack()
    await slack_api.start()
    env = {TEAMS_CLIENT_ID: payloads.TEAMS_APP_ID, TEAMS_CLIENT_SECRET: "s", TEAMS_TENANT_ID: "tenant-rm"}
    slack = SlackSettings(payloads.BOT_TOKEN, payloads.SIGNING_SECRET, "", slack_api.api_url)
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'kodeks.db'}", slack=slack, teams=Settings.from_env(env).teams
    )
    try:
        async for server in _serve(service, settings):
            question = payloads.teams_message("tavshedspligt", connector.url)
            assert await server.send(question) == 401
            assert await server.send(question, {"Authorization": "Bearer not-a-token"}) == 401
            slack_dm = payloads.dm("tavshedspligt")
            async with server.session.post(
                f"{server.url}/slack/events", data=slack_dm.body, headers=slack_dm.headers
            ) as response:
                assert response.status == 200
            async with server.session.get(f"{server.url}/healthz") as response:
                assert response.status == 200
            await slack_api.wait_for("chat.postMessage")
    finally:
        await slack_api.close()

    assert connector.posts == []


async def test_questions_are_answered_even_when_the_reference_cannot_be_saved(
    server: Server, connector: FakeBotConnector, bot: Kodeks, tmp_path: Path
) -> None:
    """A database that lost its tables costs the tip reference, never the person's answer."""
    assert bot.store is not None
    await server.store.close()
    (tmp_path / "kodeks.db").unlink()  # the next connection opens an empty database

    post = await _answer_to(server, connector, payloads.teams_message("tavshedspligt", connector.url))

    assert "Neutralitet, punkt 4" in post.shown


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[]", b'{"type": "message"}', b'{"type": "message", "conversation": {"id": "a:1"}}'],
)
async def test_a_malformed_activity_is_a_400(
    server: Server, connector: FakeBotConnector, body: bytes
) -> None:
    """Broken JSON or an activity without service URL or conversation is the sender's fault: 400, not 500."""
    headers = {"Content-Type": "application/json"}
    async with server.session.post(f"{server.url}/api/messages", data=body, headers=headers) as response:
        assert response.status == 400
        assert await response.json() == {"error": "malformed activity"}

    assert connector.posts == []


async def test_without_a_client_id_the_start_log_says_teams_is_anonymous(
    service: Replies, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    """Building the server without Teams credentials logs a warning that Teams runs in anonymous mode."""
    with caplog.at_level(logging.INFO, logger="bot.platforms.teams"):
        app = await create_app(Settings(database_url=f"sqlite:///{tmp_path / 'k.db'}"), service)
    await app[ASSEMBLY].close()

    (warning,) = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert "anonymous" in warning.getMessage()
    assert "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID" in warning.getMessage()


async def test_tip_til_in_a_channel_subscribes_it_and_the_next_morning_brings_one_tip(
    server: Server, connector: FakeBotConnector, bot: Kodeks
) -> None:
    """`@Kodeks tip til` in a channel confirms; the sender posts one tip there; `tip fra` stops it."""
    confirmation = await _answer_to(
        server, connector, payloads.teams_channel_message("tip til", connector.url)
    )
    assert "Denne kanal får nu et tip fra kodeks hver arbejdsdag" in confirmation.shown
    assert bot.store is not None
    poster = agent.create_teams(bot, server.store, Settings().teams, lambda: SUNDAY_NOON).poster
    sender = TipSender(bot.schedule, bot.store, {"teams": poster}, bot.replies.rotation_tip)
    morning = bot.schedule.next_moment(SUNDAY_NOON)

    first = await sender.send_due(morning)
    again = await sender.send_due(morning + timedelta(hours=1))

    tip = (await connector.wait_for_posts(2))[1]
    assert first.sent == [f"teams:{payloads.TEAMS_CHANNEL}"] and again.taken == first.sent
    assert tip.conversation_id == payloads.TEAMS_CHANNEL and "Dagens tip fra kodeks" in tip.shown
    stopped = await _answer_to(server, connector, payloads.teams_channel_message("tip fra", connector.url))
    assert "får ikke længere dagens tip" in stopped.shown
    assert (await sender.send_due(bot.schedule.next_moment(morning))).sent == []


async def test_the_log_never_holds_a_teams_question_or_the_person(
    server: Server, connector: FakeBotConnector, caplog: pytest.LogCaptureFixture
) -> None:
    """Everything logged while answering, SDK lines included, is free of the words and the person."""
    caplog.set_level(logging.DEBUG)
    question = "min chef vil have mig til at skjule regnefejlen for udvalget"

    await _answer_to(server, connector, payloads.teams_message(question, connector.url))

    logged = caplog.text + " ".join(str(vars(record)) for record in caplog.records)
    assert "answered" in caplog.text
    for secret in ("skjule regnefejlen", payloads.TEAMS_USER["id"], payloads.TEAMS_USER["name"]):
        assert secret not in logged
