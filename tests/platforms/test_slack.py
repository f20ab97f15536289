"""Slack end to end: signed requests to our real server running the real Bolt app.

Bolt talks over real HTTP to a local fake of the Slack Web API that records every call.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web

from bot.config import Settings, SlackSettings
from bot.core.replies import Replies
from bot.render import slack_blocks, texts
from bot.service import Kodeks
from bot.store import Store
from bot.web import create_app
from tests import payloads
from tests.fakes.slack_api import FakeSlack
from tests.platforms.server import serve


@dataclass
class Server:
    """Our server on a free port, and a client that posts signed requests to it."""

    url: str
    session: aiohttp.ClientSession
    kodeks: Kodeks
    store: Store

    async def post(self, request: payloads.SignedRequest) -> tuple[int, str]:
        async with self.session.post(
            f"{self.url}/slack/events", data=request.body, headers=request.headers
        ) as r:
            return r.status, await r.text()


@pytest_asyncio.fixture
async def server(service: Replies, slack_api: FakeSlack, tmp_path: Path) -> AsyncIterator[Server]:
    """Kodeks' web application with Slack over HTTP and a SQLite store, served on a free port."""
    slack = SlackSettings(payloads.BOT_TOKEN, payloads.SIGNING_SECRET, "", slack_api.api_url)
    settings = Settings(slack=slack, database_url=f"sqlite:///{tmp_path / 'kodeks.db'}")
    async for url, session, assembly in serve(service, settings):
        yield Server(url, session, assembly.kodeks, assembly.store)


def _text_of(blocks: list[dict[str, Any]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def _buttons(blocks: list[dict[str, Any]]) -> dict[str, str]:
    return {
        element["text"]["text"]: element["value"]
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
    }


async def test_direct_message_is_answered_in_the_dm_with_the_quoted_bullet(
    server: Server, slack_api: FakeSlack
) -> None:
    """A DM question gets an answer in the DM: Neutralitet, punkt 2 quoted, and the contact."""
    status, _ = await server.post(payloads.dm("må jeg give partipolitisk rådgivning?"))

    (call,) = await slack_api.wait_for("chat.postMessage")
    assert status == 200
    assert call.params["channel"] == "D0DM"
    assert "Neutralitet, punkt 2" in _text_of(call.params["blocks"])
    assert "Regionssekretariatet" in call.params["text"]
    assert "thread_ts" not in call.params


async def test_mention_in_a_channel_is_answered_in_a_thread(server: Server, slack_api: FakeSlack) -> None:
    """An @mention is answered in a thread under the mention, so the channel is not flooded."""
    await server.post(payloads.mention("tavshedspligt", ts="1700000000.000200"))

    (call,) = await slack_api.wait_for("chat.postMessage")
    assert call.params["channel"] == "C0TEAM"
    assert call.params["thread_ts"] == "1700000000.000200"
    assert "Neutralitet, punkt 4" in _text_of(call.params["blocks"])


async def test_mention_inside_a_thread_stays_in_that_thread(server: Server, slack_api: FakeSlack) -> None:
    """A mention in an existing thread is answered in the same thread, not a new one."""
    await server.post(payloads.mention("hjælp", ts="1700000000.000300", thread_ts="1700000000.000100"))

    (call,) = await slack_api.wait_for("chat.postMessage")
    assert call.params["thread_ts"] == "1700000000.000100"


async def test_slash_command_with_a_virtue_replies_ephemerally_with_a_share_button(
    server: Server, slack_api: FakeSlack
) -> None:
    """`/kodeks neutralitet` shows the whole virtue only to the asker, with "Del i kanalen"."""
    status, body = await server.post(payloads.command("neutralitet", slack_api.response_url()))
    reply = json.loads(body)

    assert status == 200
    assert reply["response_type"] == "ephemeral"
    assert "Vær loyal i din udførelse af de politiske mål, der er sat." in _text_of(reply["blocks"])
    assert _buttons(reply["blocks"])["Del i kanalen"] == "neutralitet"


async def test_slash_command_accepts_names_without_diacritics_and_help_words(
    server: Server, slack_api: FakeSlack
) -> None:
    """`/kodeks aabenhed`, `/kodeks hjælp` and an empty `/kodeks` give the virtue and the help."""
    _, virtue = await server.post(payloads.command("aabenhed", slack_api.response_url()))
    _, helped = await server.post(payloads.command("hjælp", slack_api.response_url()))
    _, empty = await server.post(payloads.command("", slack_api.response_url()))

    assert "Dæk ikke over fejl." in _text_of(json.loads(virtue)["blocks"])
    for body in (helped, empty):
        assert {"Lovlighed", "Åbenhed om fejl"} <= set(_buttons(json.loads(body)["blocks"]))


async def test_slash_command_with_a_question_answers_it(server: Server, slack_api: FakeSlack) -> None:
    """`/kodeks min chef vil have mig til at skjule en fejl` is treated as a question."""
    _, body = await server.post(payloads.command("jeg har begået en fejl", slack_api.response_url()))

    assert "Åbenhed om fejl" in _text_of(json.loads(body)["blocks"])


async def test_show_virtue_button_shows_the_whole_virtue(server: Server, slack_api: FakeSlack) -> None:
    """Clicking "Vis hele dyden" posts the virtue in full to the response URL, only for the clicker."""
    click = payloads.action(f"{slack_blocks.ACTION_SHOW_TOPIC}:sandhed", "sandhed", slack_api.response_url())
    status, _ = await server.post(click)

    (call,) = await slack_api.wait_for("response_url")
    assert status == 200
    assert call.params["response_type"] == "ephemeral"
    assert "Læg alle vigtige informationer frem." in _text_of(call.params["blocks"])


async def test_feedback_is_stored_anonymously_and_thanked(
    server: Server, slack_api: FakeSlack, bot: Kodeks
) -> None:
    """A 👍 click is counted for the topic and bullet only (no user, no text) and thanked ephemerally."""
    click = payloads.action(
        f"{slack_blocks.ACTION_FEEDBACK}:up", "up|neutralitet|neutralitet.2", slack_api.response_url()
    )
    await server.post(click)

    (call,) = await slack_api.wait_for("response_url")
    assert call.params["text"] == "Tak for din tilbagemelding."
    assert bot.store is not None
    (count,) = await bot.store.feedback()
    assert (count.topic, count.bullet, count.helpful, count.unhelpful) == (
        "neutralitet",
        "neutralitet.2",
        1,
        0,
    )
    assert "U0STAFF" not in repr(count)


async def test_pressing_thumbs_down_five_times_counts_one_vote(
    server: Server, slack_api: FakeSlack, bot: Kodeks
) -> None:
    """Five 👎 clicks on the same answer count once; the later clicks are thanked, not counted."""
    value = "down|neutralitet|neutralitet.2"
    for _ in range(5):
        await server.post(
            payloads.action(f"{slack_blocks.ACTION_FEEDBACK}:down", value, slack_api.response_url())
        )

    calls = await slack_api.wait_for("response_url", count=5)
    (count,) = await bot.store.feedback()
    assert (count.helpful, count.unhelpful) == (0, 1)
    thanks = sorted(call.params["text"] for call in calls)  # the clicks are handled concurrently
    assert thanks == sorted([texts.FEEDBACK_THANKS] + [texts.FEEDBACK_ALREADY_COUNTED] * 4)


async def test_a_vote_on_an_answer_replaces_its_vote_buttons_with_thanks(
    server: Server, slack_api: FakeSlack
) -> None:
    """After 👍 on a DM answer, the message keeps its answer and "Vis hele dyden" but has no vote buttons."""
    await server.post(payloads.dm("tavshedspligt"))
    (answer,) = await slack_api.wait_for("chat.postMessage")
    message = {"text": answer.params["text"], "blocks": answer.params["blocks"]}
    up = _buttons(answer.params["blocks"])[texts.FEEDBACK_UP]
    click = payloads.action(f"{slack_blocks.ACTION_FEEDBACK}:up", up, slack_api.response_url(), "D0DM",
                            "directmessage", message=message)  # fmt: skip
    await server.post(click)

    (call,) = await slack_api.wait_for("response_url")
    assert call.params["replace_original"] is True
    assert texts.FEEDBACK_UP not in _buttons(call.params["blocks"])
    assert texts.SHOW_VIRTUE_BUTTON in _buttons(call.params["blocks"])
    assert texts.FEEDBACK_THANKS in _text_of(call.params["blocks"])
    assert "Neutralitet, punkt 4" in _text_of(call.params["blocks"])


async def test_share_button_posts_the_same_answer_visibly_in_the_channel(
    server: Server, slack_api: FakeSlack
) -> None:
    """The share button posts the answer to the channel, saying who shared it."""
    await server.post(payloads.action(slack_blocks.ACTION_SHARE, "neutralitet", slack_api.response_url()))

    (call,) = await slack_api.wait_for("chat.postMessage")
    assert call.params["channel"] == "C0TEAM"
    assert "<@U0STAFF> delte" in _text_of(call.params["blocks"])
    assert "Vær loyal i din udførelse" in _text_of(call.params["blocks"])
    assert "Del i kanalen" not in _buttons(call.params["blocks"])


async def test_sharing_in_a_channel_without_the_app_explains_how_to_invite_it(
    server: Server, slack_api: FakeSlack
) -> None:
    """If Kodeks is not in the channel, the clicker is told to invite it instead of nothing happening."""
    slack_api.fail_next("chat.postMessage", "not_in_channel")
    await server.post(payloads.action(slack_blocks.ACTION_SHARE, "neutralitet", slack_api.response_url()))

    (call,) = await slack_api.wait_for("response_url")
    assert "/invite @Kodeks" in call.params["text"]


async def test_sharing_in_a_dm_between_colleagues_posts_the_answer_there(
    server: Server, slack_api: FakeSlack
) -> None:
    """In a DM between two colleagues (no Kodeks there) "Del i kanalen" shares through the response URL."""
    slack_api.fail_next("chat.postMessage", "channel_not_found")  # what posting there would answer
    click = payloads.action(
        slack_blocks.ACTION_SHARE, "neutralitet", slack_api.response_url(), "D0COLLEAGUES", "directmessage"
    )
    await server.post(click)

    (call,) = await slack_api.wait_for("response_url")
    assert call.params["response_type"] == "in_channel"
    assert "<@U0STAFF> delte" in _text_of(call.params["blocks"])
    assert "Vær loyal i din udførelse" in _text_of(call.params["blocks"])
    assert slack_api.of("chat.postMessage") == []


async def test_tip_til_in_a_dm_between_colleagues_is_refused_kindly(
    server: Server, slack_api: FakeSlack, bot: Kodeks
) -> None:
    """`/kodeks tip til` in a DM or group DM subscribes nothing and says tips are switched on in a channel."""
    for channel, name in (("D0COLLEAGUES", "directmessage"), ("C0GROUP", "mpdm-anne--bo-1")):
        _, body = await server.post(
            payloads.command("tip til", slack_api.response_url(), channel=channel, channel_name=name)
        )
        assert "i en kanal" in json.loads(body)["text"]

    assert await bot.store.subscriptions() == []


async def test_app_home_shows_the_seven_virtues_as_buttons(server: Server, slack_api: FakeSlack) -> None:
    """Opening the Home tab publishes a view with the virtues and the contact."""
    await server.post(payloads.home_opened("U0STAFF"))

    (call,) = await slack_api.wait_for("views.publish")
    view = call.params["view"]
    assert call.params["user_id"] == "U0STAFF"
    assert view["type"] == "home"
    offers = {"Del i kanalen", "Introduktion til kodeks", "Et dilemma til drøftelse"}
    assert len([name for name in _buttons(view["blocks"]) if name not in offers]) == 7
    assert _buttons(view["blocks"])["Introduktion til kodeks"] == "intro"
    assert "regionssekretariatet@rm.dk" in _text_of(view["blocks"])


async def test_a_virtue_button_on_the_home_tab_opens_the_virtue(server: Server, slack_api: FakeSlack) -> None:
    """Clicking a virtue on the Home tab shows that virtue in full, in a modal opened with the trigger."""
    status, _ = await server.post(payloads.home_click(f"{slack_blocks.ACTION_SHOW_TOPIC}:sandhed", "sandhed"))

    (call,) = await slack_api.wait_for("views.open")
    assert status == 200
    assert call.params["trigger_id"] == "1.2.3" and call.params["view"]["type"] == "modal"
    assert "Læg alle vigtige informationer frem." in _text_of(call.params["view"]["blocks"])


async def test_a_redelivered_event_is_answered_once(server: Server, slack_api: FakeSlack) -> None:
    """Slack's retry of the same event_id (X-Slack-Retry-Num: 1) does not produce a second answer."""
    first = payloads.dm("tavshedspligt")
    retry_body = payloads.sign(first.body, "application/json", retry=1)
    await server.post(first)
    status, _ = await server.post(retry_body)
    await server.post(payloads.dm("hjælp"))  # a later, different message: its answer marks the end

    calls = await slack_api.wait_for_text("chat.postMessage", "De syv dyder")
    answers = [call for call in calls if "Neutralitet, punkt 4" in _text_of(call.params["blocks"])]
    assert status == 200
    assert len(answers) == 1 and len(calls) == 2


async def test_an_event_redelivered_after_a_restart_is_answered_once(
    service: Replies, slack_api: FakeSlack, tmp_path: Path
) -> None:
    """Event E answered, the server restarted on the same database, E retried: still one answer."""
    slack = SlackSettings(payloads.BOT_TOKEN, payloads.SIGNING_SECRET, "", slack_api.api_url)
    settings = Settings(slack=slack, database_url=f"sqlite:///{tmp_path / 'kodeks.db'}")
    first = payloads.dm("tavshedspligt")
    async for url, session, assembly in serve(service, settings):
        await Server(url, session, assembly.kodeks, assembly.store).post(first)
        await slack_api.wait_for("chat.postMessage")
    async for url, session, assembly in serve(service, settings):
        restarted = Server(url, session, assembly.kodeks, assembly.store)
        status, _ = await restarted.post(payloads.sign(first.body, "application/json", retry=1))
        await restarted.post(payloads.dm("hjælp"))
        calls = await slack_api.wait_for_text("chat.postMessage", "De syv dyder")

    assert status == 200
    assert len(calls) == 2


async def test_messages_from_bots_and_edits_are_ignored(server: Server, slack_api: FakeSlack) -> None:
    """Bot messages (Kodeks' own included) and edited messages are never answered."""
    from_bot = {"type": "message", "channel": "D0DM", "channel_type": "im", "bot_id": "BKODEKS",
                "text": "tavshedspligt", "ts": "1.1"}  # fmt: skip
    edited = {"type": "message", "subtype": "message_changed", "channel": "D0DM", "channel_type": "im",
              "message": {"text": "tavshedspligt"}, "ts": "1.2"}  # fmt: skip
    await server.post(payloads.event(from_bot))
    await server.post(payloads.event(edited))
    await server.post(payloads.dm("hjælp"))

    calls = await slack_api.wait_for_text("chat.postMessage", "De syv dyder")
    assert len(calls) == 1


async def test_a_question_with_a_file_attached_is_answered(server: Server, slack_api: FakeSlack) -> None:
    """A DM question sent with a file (subtype file_share) gets its answer like any other question."""
    files = {"subtype": "file_share", "files": [{"id": "F0DOC", "name": "referat.pdf"}]}
    await server.post(payloads.dm("må jeg give partipolitisk rådgivning?", fields=files))

    (call,) = await slack_api.wait_for("chat.postMessage")
    assert call.params["channel"] == "D0DM"
    assert "Neutralitet, punkt 2" in _text_of(call.params["blocks"])


async def test_people_speaking_are_answered_and_notices_are_not(server: Server, slack_api: FakeSlack) -> None:
    """/me and "also send to channel" messages are answered; joins, deletions and bot posts are not."""
    notices = [{"subtype": "channel_join"}, {"subtype": "message_deleted"}, {"subtype": "bot_message"}]
    for fields in notices:
        await server.post(payloads.dm("tavshedspligt", fields=fields))
    await server.post(payloads.dm("tavshedspligt", fields={"subtype": "me_message"}))
    await server.post(payloads.dm("hjælp", fields={"subtype": "thread_broadcast", "thread_ts": "1.0"}))

    calls = await slack_api.wait_for_text("chat.postMessage", "De syv dyder")
    assert len(calls) == 2 and "Neutralitet, punkt 4" in _text_of(calls[0].params["blocks"])


async def test_an_edited_mention_is_not_answered_again(server: Server, slack_api: FakeSlack) -> None:
    """Editing a message that mentions Kodeks (same ts, new event_id, an `edited` field) adds no answer."""
    await server.post(payloads.mention("tavshedspligt", ts="1700000000.000500"))
    edited = {"edited": {"user": "U0STAFF", "ts": "1700000060.000000"}}
    await server.post(payloads.mention("tavshedspligt!", ts="1700000000.000500", fields=edited))
    await server.post(payloads.mention("hjælp", ts="1700000000.000600"))

    calls = await slack_api.wait_for_text("chat.postMessage", "De syv dyder")
    assert len(calls) == 2


async def test_a_reply_in_a_dm_thread_is_answered_in_that_thread(
    server: Server, slack_api: FakeSlack
) -> None:
    """A question asked inside a DM thread is answered there, even when conversations.replies fails."""
    slack_api.fail_next("conversations.replies", "internal_error")
    await server.post(payloads.dm("tavshedspligt", fields={"thread_ts": "1700000000.000001"}))

    (call,) = await slack_api.wait_for("chat.postMessage")
    assert call.params["thread_ts"] == "1700000000.000001"
    assert "Neutralitet, punkt 4" in _text_of(call.params["blocks"])


async def test_forged_and_stale_signatures_get_401_and_nothing_is_posted(
    server: Server, slack_api: FakeSlack
) -> None:
    """A wrong secret or a timestamp ten minutes old is refused; no message goes out."""
    forged = payloads.dm("tavshedspligt", secret="not-the-secret")
    stale = payloads.dm("tavshedspligt", timestamp=int(time.time()) - 600)

    assert (await server.post(forged))[0] == 401
    assert (await server.post(stale))[0] == 401
    await server.post(payloads.dm("hjælp"))
    assert len(await slack_api.wait_for_text("chat.postMessage", "De syv dyder")) == 1


async def test_slacks_ssl_check_is_answered_200(server: Server, slack_api: FakeSlack) -> None:
    """Slack's unsigned `ssl_check=1` probe, sent when a request URL is saved, gets 200 and posts nothing."""
    status, _ = await server.post(payloads.ssl_check())

    assert status == 200
    assert slack_api.of("chat.postMessage") == []


async def test_a_wrongly_signed_question_leaves_no_trace_in_the_log(
    service: Replies, slack_api: FakeSlack, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A DM with a bad signature is refused, and neither its words nor its user id are logged anywhere."""
    caplog.set_level(logging.DEBUG)  # before the server exists: Bolt's loggers copy the level then
    marker = "hemmelig-markoer-7f3a9"
    slack = SlackSettings(payloads.BOT_TOKEN, payloads.SIGNING_SECRET, "", slack_api.api_url)
    settings = Settings(slack=slack, database_url=f"sqlite:///{tmp_path / 'kodeks.db'}")
    forged = payloads.dm(f"{marker} tavshedspligt", user="U0MARKED", secret="wrong")
    async for url, session, assembly in serve(service, settings):
        status, _ = await Server(url, session, assembly.kodeks, assembly.store).post(forged)

    logged = caplog.text + " ".join(str(vars(record)) for record in caplog.records)
    assert status == 401
    assert marker not in logged and "U0MARKED" not in logged


async def test_a_signed_but_malformed_body_is_a_400(server: Server, slack_api: FakeSlack) -> None:
    """Broken JSON with a valid signature is the sender's fault: 400, not a 500 with a traceback."""
    status, _ = await server.post(payloads.sign(b'{"type": "event_callback", ', "application/json"))

    assert status == 400


async def test_user_text_can_never_trigger_channel_mentions_or_links(
    server: Server, slack_api: FakeSlack
) -> None:
    """A question containing <!channel> or a disguised link is answered without echoing either."""
    await server.post(payloads.dm("<!channel> <https://evil.example|tavshedspligt> & mere"))

    (call,) = await slack_api.wait_for("chat.postMessage")
    posted = call.params["text"] + _text_of(call.params["blocks"])
    assert "<!channel>" not in posted and "evil.example" not in posted


async def test_a_rate_limited_post_is_retried_after_the_advised_delay(
    server: Server, slack_api: FakeSlack
) -> None:
    """A 429 with Retry-After from chat.postMessage is retried, and the answer arrives."""
    slack_api.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=1)
    await server.post(payloads.dm("tavshedspligt"))

    calls = await slack_api.wait_for("chat.postMessage", count=2, within=10)
    assert "Neutralitet, punkt 4" in _text_of(calls[1].params["blocks"])


async def test_socket_mode_answers_events_once_and_acks_them(
    service: Replies, slack_api: FakeSlack, tmp_path: Path
) -> None:
    """With SLACK_APP_TOKEN the server answers over a WebSocket; a redelivered envelope is answered once."""
    slack = SlackSettings(payloads.BOT_TOKEN, "", "xapp-test", slack_api.api_url)
    runner = web.AppRunner(
        await create_app(Settings(slack=slack, database_url=f"sqlite:///{tmp_path / 'k.db'}"), service)
    )
    await runner.setup()  # runs the cleanup_ctx: opens the store and connects the socket
    try:
        question = payloads.dm("tavshedspligt")
        await slack_api.push(payloads.socket_envelope(question))
        await slack_api.push(payloads.socket_envelope(question, retry_attempt=1))
        await slack_api.push(payloads.socket_envelope(payloads.dm("hjælp")))

        await slack_api.wait_for_text("chat.postMessage", "De syv dyder")
        calls = await slack_api.wait_for_text("chat.postMessage", "Neutralitet, punkt 4")  # any order
        acks = await slack_api.wait_for("socket_ack", count=3)
    finally:
        await runner.cleanup()

    assert len([c for c in calls if "Neutralitet, punkt 4" in _text_of(c.params["blocks"])]) == 1
    assert {ack.params["envelope_id"] for ack in acks} >= {f"env-{json.loads(question.body)['event_id']}-0"}


async def _send_due(tmp_path: Path, slack_api: FakeSlack, now: datetime) -> str:
    """Run ``python -m bot tips send-due`` as cron would, against the fake Slack and the test database."""
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": payloads.BOT_TOKEN,
        "SLACK_SIGNING_SECRET": payloads.SIGNING_SECRET,
        "SLACK_API_URL": slack_api.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'kodeks.db'}",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "tips", "send-due", "--now", now.isoformat(),
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output, _ = await process.communicate()
    assert process.returncode == 0, output.decode()
    return output.decode()


async def test_a_channel_subscribes_with_tip_til_and_gets_one_tip_each_working_morning(
    server: Server, slack_api: FakeSlack, bot: Kodeks, tmp_path: Path
) -> None:
    """`/kodeks tip til` confirms with the next tip's time; the cron run posts one tip, a second run none."""
    status, body = await server.post(payloads.command("tip til", slack_api.response_url(), channel="C0TIPS"))
    reply = json.loads(body)
    assert status == 200 and reply["response_type"] == "ephemeral"
    assert "Denne kanal får nu et tip fra kodeks hver arbejdsdag kl. 9.00" in reply["text"]
    assert "Del i kanalen" not in _text_of(reply["blocks"])  # sharing would subscribe nobody

    next_morning = bot.schedule.next_moment(datetime.now(UTC))
    first = await _send_due(tmp_path, slack_api, next_morning)
    second = await _send_due(tmp_path, slack_api, next_morning + timedelta(minutes=30))

    (post,) = slack_api.of("chat.postMessage")
    assert post.params["channel"] == "C0TIPS"
    assert "Dagens tip fra kodeks" in _text_of(post.params["blocks"])
    assert "sent 1" in first and "already taken 1" in second


async def test_tip_fra_stops_the_tips(
    server: Server, slack_api: FakeSlack, bot: Kodeks, tmp_path: Path
) -> None:
    """After `/kodeks tip fra` the channel gets no tip, and the reply says how to turn it on again."""
    await server.post(payloads.command("tip til", slack_api.response_url(), channel="C0TIPS"))
    _, body = await server.post(payloads.command("tip fra", slack_api.response_url(), channel="C0TIPS"))
    assert "får ikke længere dagens tip" in json.loads(body)["text"]

    await _send_due(tmp_path, slack_api, bot.schedule.next_moment(datetime.now(UTC)))
    assert slack_api.of("chat.postMessage") == []


async def test_a_channel_the_app_left_is_paused_and_not_retried(
    server: Server, slack_api: FakeSlack, bot: Kodeks, tmp_path: Path
) -> None:
    """not_in_channel pauses the subscription: the next morning nothing is attempted."""
    await server.post(payloads.mention("tip til", channel="C0GONE"))
    await slack_api.wait_for_text("chat.postMessage", "Denne kanal får nu et tip")
    slack_api.calls.clear()
    slack_api.fail_next("chat.postMessage", "not_in_channel")

    morning = bot.schedule.next_moment(datetime.now(UTC))
    paused = await _send_due(tmp_path, slack_api, morning)
    later = await _send_due(tmp_path, slack_api, bot.schedule.next_moment(morning))

    assert "paused 1" in paused and "C0GONE" in paused
    assert "no subscribed channels" in later
    assert len(slack_api.of("chat.postMessage")) == 1
