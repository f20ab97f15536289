"""The production server as IT staff run it: fail-fast configuration, readiness, graceful stop, private logs.

Every test starts ``python -m bot serve`` as a real process, the way the Procfile does.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg
import pytest

from tests import payloads
from tests.fakes.slack_api import FakeSlack
from tests.server_process import ServerProcess


def slack_env(slack_api: FakeSlack, tmp_path: Path, **more: str) -> dict[str, str]:
    """Environment of a server with Slack over HTTP against the fake Web API."""
    return {
        "SLACK_BOT_TOKEN": payloads.BOT_TOKEN,
        "SLACK_SIGNING_SECRET": payloads.SIGNING_SECRET,
        "SLACK_API_URL": slack_api.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'kodeks.db'}",
        **more,
    }


async def post(url: str, request: payloads.SignedRequest) -> tuple[int, str]:
    """Send a signed Slack request to the server."""
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{url}/slack/events", data=request.body, headers=request.headers) as response,
    ):
        return response.status, await response.text()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"PORT": "eighty"}, "PORT: must be a port number"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET: is not set, but SLACK_BOT_TOKEN is"),
        ({"SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN: is not set, but SLACK_SIGNING_SECRET is"),
        ({"KODEKS_TIP_TIME": "nine"}, "KODEKS_TIP_TIME: must be a time of day like 09:00"),
        ({"KODEKS_TIMEZONE": "Mars/Olympus"}, "KODEKS_TIMEZONE: must be an IANA timezone"),
        ({"KODEKS_LOG_FORMAT": "xml"}, "KODEKS_LOG_FORMAT: must be one of auto, json, text"),
        ({"KODEKS_LOG_QUESTIONS": "yes"}, "KODEKS_LOG_QUESTIONS: must be one of 0, 1"),
        ({"DATABASE_URL": "mysql://db/kodeks"}, "DATABASE_URL: must look like"),
        ({"DATABASE_URL": "postgresql://nobody@127.0.0.1:1/kodeks"}, "cannot open the database"),
        ({"KODEKS_KNOWLEDGE_DIR": "/nonexistent/knowledge"}, "/nonexistent/knowledge"),
    ],
)
def test_each_configuration_error_stops_the_start_with_one_line(env: dict[str, str], expected: str) -> None:
    """A wrong setting: exit code 1, one line naming the variable (or file), no traceback, nothing served."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        env={**os.environ, "PORT": "3998", **env},
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip

    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if not line.startswith("{")]
    assert len(errors) == 1, result.stderr


async def test_sigterm_lets_an_in_flight_request_finish_and_exits_0(
    slack_api: FakeSlack, tmp_path: Path
) -> None:
    """A /kodeks request still waiting on Slack when SIGTERM arrives is answered; then exit 0."""
    server = ServerProcess(slack_env(slack_api, tmp_path))
    await server.start()
    slack_api.delay_next("auth.test", 1.5)  # Bolt authorizes the first request through auth.test

    in_flight = asyncio.create_task(
        post(server.url, payloads.command("neutralitet", slack_api.response_url()))
    )
    await slack_api.wait_for("auth.test")
    exit_code = await server.stop()
    status, body = await in_flight

    assert status == 200 and "Neutralitet" in json.loads(body)["text"]
    assert exit_code == 0
    assert '"message": "stopped"' in server.stderr


def _log_lines(stderr: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stderr.splitlines() if line.strip()]


async def test_logs_are_json_lines_without_question_texts_or_user_ids(
    slack_api: FakeSlack, tmp_path: Path
) -> None:
    """A DM about a sensitive matter: the log has topic, platform and latency, not the words or the user."""
    server = ServerProcess(slack_env(slack_api, tmp_path))
    await server.start()
    question = "min chef Jens Hansen vil have mig til at pynte på tallene"
    await post(server.url, payloads.dm(question, user="U0SENSITIVE"))
    await slack_api.wait_for("chat.postMessage")
    await server.stop()

    lines = _log_lines(server.stderr)  # every line parses as JSON: stderr is not a terminal
    answered = [line for line in lines if line["message"] == "answered"]
    requests = [line for line in lines if line["message"] == "request" and line["path"] == "/slack/events"]
    assert answered and answered[0]["topic"] == "sandhed" and answered[0]["platform"] == "slack"
    assert requests and requests[0]["request_id"] and requests[0]["latency_ms"] >= 0
    for secret in ("Jens Hansen", "pynte", "U0SENSITIVE", payloads.BOT_TOKEN, payloads.SIGNING_SECRET):
        assert secret not in server.stderr


async def test_question_texts_are_logged_only_when_asked_for(slack_api: FakeSlack, tmp_path: Path) -> None:
    """KODEKS_LOG_QUESTIONS=1 (for debugging the matcher) adds the question to the answer's log line."""
    server = ServerProcess(slack_env(slack_api, tmp_path, KODEKS_LOG_QUESTIONS="1"))
    await server.start()
    await post(server.url, payloads.dm("må jeg give partipolitisk rådgivning?"))
    await slack_api.wait_for("chat.postMessage")
    await server.stop()

    answered = [line for line in _log_lines(server.stderr) if line["message"] == "answered"]
    assert answered[0]["question"] == "må jeg give partipolitisk rådgivning?"


async def test_readyz_reports_a_database_that_went_away(postgres_url: str) -> None:
    """/readyz is 200 while PostgreSQL answers and 503 once the database is gone; /healthz stays 200."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = postgres_url.rsplit("/", 1)[0] + "/postgres"
    connection = await asyncpg.connect(admin)
    await connection.execute(f'CREATE DATABASE "{name}"')
    server = ServerProcess({"DATABASE_URL": f"{postgres_url.rsplit('/', 1)[0]}/{name}"})
    await server.start()
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{server.url}/readyz") as ready:
            assert ready.status == 200
        await connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        async with session.get(f"{server.url}/readyz") as gone:
            assert gone.status == 503
        async with session.get(f"{server.url}/healthz") as alive:
            assert alive.status == 200
    await connection.close()
    await server.stop()


async def test_bad_requests_get_clean_4xx(slack_api: FakeSlack, tmp_path: Path) -> None:
    """Over 1 MB: 413; signed but malformed: 400; unsigned: 401; unknown path: 404; wrong method: 405."""
    server = ServerProcess(slack_env(slack_api, tmp_path))
    await server.start()
    malformed = payloads.sign(b"{not json", "application/json")
    async with aiohttp.ClientSession() as session:
        statuses = []
        requests: list[tuple[str, str, bytes | io.BytesIO, dict[str, str]]] = [
            ("POST", "/slack/events", io.BytesIO(b"x" * (1024**2 + 1)), {"Content-Type": "application/json"}),
            ("POST", "/slack/events", malformed.body, malformed.headers),
            ("POST", "/slack/events", b'{"type": "event_callback"}', {"Content-Type": "application/json"}),
            ("GET", "/.env", b"", {}),
            ("GET", "/slack/events", b"", {}),
        ]
        for method, path, body, headers in requests:
            async with session.request(method, f"{server.url}{path}", data=body, headers=headers) as response:
                statuses.append(response.status)
    assert await server.stop() == 0
    assert statuses == [413, 400, 401, 404, 405]
    assert "Traceback" not in server.stderr
