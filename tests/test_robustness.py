"""Whatever people or the internet send, Kodeks answers: property-based tests with hypothesis."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Coroutine, Iterator
from datetime import date
from typing import Any, TypeVar

import aiohttp
import pytest
from aiohttp import web
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import Settings, SlackSettings
from bot.core.matcher import Match, NoMatch
from bot.core.normalize import MAX_QUESTION_CHARS
from bot.core.replies import Replies
from bot.web import create_app
from tests import payloads
from tests.fakes.slack_api import FakeSlack

TODAY = date(2026, 11, 24)
"""A Tuesday: the day whose tip ``tip`` shows."""


@given(st.text(max_size=3 * MAX_QUESTION_CHARS))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_gives_a_match_or_no_match(service: Replies, text: str) -> None:
    """Any Unicode string, also beyond the length cap, is matched without an exception."""
    result = service.match(text)

    assert isinstance(result, Match | NoMatch)
    if isinstance(result, Match):
        assert len(result.bullets) >= 3 and 0.0 <= result.confidence <= 1.0


@given(st.text(max_size=500))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_gets_an_answer_with_the_contacts(service: Replies, text: str) -> None:
    """Whatever is typed in the chat, the reply renders and names whom to contact (or is a notice)."""
    from bot.render import plain

    rendered = plain.render(service.handle(text, TODAY))

    assert rendered.strip()


T = TypeVar("T")


class ThreadedServer:
    """Our aiohttp app with Slack configured, served from a thread so hypothesis can call it synchronously."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.url = ""
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> ThreadedServer:
        self._thread.start()
        self.session = self._run(self._session())
        return self

    def call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine on the server's loop."""
        return self._run(coroutine)

    def serve(self, app: Coroutine[Any, Any, web.Application]) -> None:
        """Build the application on the server's loop and start serving it on a free port."""
        self.runner = web.AppRunner(self._run(app))
        self._run(self.runner.setup())
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        self._run(site.start())
        self.url = f"http://127.0.0.1:{self.runner.addresses[0][1]}"

    async def _session(self) -> aiohttp.ClientSession:
        return aiohttp.ClientSession()

    def __exit__(self, *_: object) -> None:
        self._run(self.session.close())
        self._run(self.runner.cleanup())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)
        self.loop.close()

    def _run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(30)

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> int:
        """POST and return the status."""

        async def send() -> int:
            async with self.session.post(f"{self.url}{path}", data=body, headers=headers) as response:
                await response.read()
                return response.status

        return self._run(send())


@pytest.fixture(scope="module")
def server(service: Replies, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ThreadedServer]:
    """One server for all examples, with Slack against the fake Web API."""
    database = tmp_path_factory.mktemp("robustness") / "kodeks.db"
    fake = FakeSlack()
    with ThreadedServer() as running:
        running.call(fake.start())
        slack = SlackSettings(payloads.BOT_TOKEN, payloads.SIGNING_SECRET, "", fake.api_url)
        settings = Settings(slack=slack, database_url=f"sqlite:///{database}")
        running.serve(create_app(settings, service))
        yield running
        running.call(fake.close())


HEADER_NAMES = st.sampled_from(
    ["Content-Type", "X-Slack-Signature", "X-Slack-Request-Timestamp", "X-Slack-Retry-Num", "Authorization",
     "Content-Encoding", "X-Request-Id", "X-Anything"]
)  # fmt: skip
HEADER_VALUES = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=80)


@given(
    body=st.binary(max_size=2000),
    headers=st.dictionaries(HEADER_NAMES, HEADER_VALUES, max_size=5),
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_arbitrary_bodies_and_headers_to_slack_events_get_4xx(
    server: ThreadedServer, body: bytes, headers: dict[str, str]
) -> None:
    """Unsigned junk is refused with a 4xx, never a 5xx."""
    assert 400 <= server.post("/slack/events", body, headers) < 500


CONTENT_TYPES = st.sampled_from(
    ["application/json", "application/x-www-form-urlencoded", "text/plain", "multipart/form-data"]
)


@given(body=st.binary(max_size=2000), content_type=CONTENT_TYPES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_correctly_signed_junk_to_slack_events_never_gets_a_5xx(
    server: ThreadedServer, body: bytes, content_type: str
) -> None:
    """Even with a valid signature, a body that is not a Slack payload gets a 4xx (or a harmless 200)."""
    request = payloads.sign(body, content_type)

    assert server.post("/slack/events", request.body, request.headers) < 500


def test_the_threaded_server_is_really_serving(server: ThreadedServer) -> None:
    """Guard for the properties above: a signed command gets a real 200 with an answer."""
    request = payloads.command("neutralitet", "http://127.0.0.1:9/respond")

    assert server.post("/slack/events", request.body, request.headers) == 200


TEAMS_HEADERS = st.dictionaries(
    st.sampled_from(["Content-Type", "Authorization", "Content-Encoding", "X-Anything"]),
    HEADER_VALUES,
    max_size=4,
)
ACTIVITY_LIKE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["type", "text", "serviceUrl", "conversation", "id", "from"]), children
        )
    ),
    max_leaves=10,
)


@given(body=st.binary(max_size=2000), headers=TEAMS_HEADERS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_arbitrary_bodies_and_headers_to_api_messages_get_4xx(
    server: ThreadedServer, body: bytes, headers: dict[str, str]
) -> None:
    """Junk sent to the Teams route is refused with a 4xx, never a 5xx."""
    assert 400 <= server.post("/api/messages", body, headers) < 500


@given(activity=ACTIVITY_LIKE)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_json_that_only_looks_like_an_activity_never_gets_a_5xx(
    server: ThreadedServer, activity: object
) -> None:
    """Half-formed activities (wrong types, missing conversation or service URL) never get a 5xx."""
    body = json.dumps(activity).encode()

    assert server.post("/api/messages", body, {"Content-Type": "application/json"}) < 500
