"""The Slack app manifest that IT pastes into api.slack.com is valid and asks for the least it needs."""

from __future__ import annotations

import json

import jsonschema

from tests.conftest import DATA
from tests.test_cli import kodeks


def _manifest(*args: str, env: dict[str, str] | None = None) -> dict[str, object]:
    result = kodeks("manifest", "slack", *args, env=env)
    assert result.returncode == 0, result.stderr
    manifest: dict[str, object] = json.loads(result.stdout)
    return manifest


def test_manifest_validates_against_slacks_schema() -> None:
    """`manifest slack --url` prints JSON that Slack's own manifest schema accepts."""
    schema = json.loads((DATA / "schemas" / "slack-app-manifest.schema.json").read_text(encoding="utf-8"))

    jsonschema.Draft7Validator(schema).validate(_manifest("--url", "https://kodeks.rm.dk"))


def test_manifest_points_every_request_url_at_slack_events_and_asks_least_scopes() -> None:
    """The command, events and buttons all go to /slack/events; only four bot scopes are requested."""
    text = json.dumps(_manifest("--url", "https://kodeks.rm.dk/"))
    manifest = json.loads(text)

    assert text.count("https://kodeks.rm.dk/slack/events") == 3
    assert manifest["features"]["slash_commands"][0]["command"] == "/kodeks"
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == [
        "app_mentions:read", "chat:write", "commands", "im:history",
    ]  # fmt: skip
    assert sorted(manifest["settings"]["event_subscriptions"]["bot_events"]) == [
        "app_home_opened", "app_mention", "message.im",
    ]  # fmt: skip
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True


def test_socket_mode_manifest_has_no_request_urls() -> None:
    """With SLACK_APP_TOKEN configured, the manifest turns Socket Mode on and drops request URLs."""
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}
    manifest = _manifest(env=env)

    assert manifest["settings"]["socket_mode_enabled"] is True  # type: ignore[index]
    assert "/slack/events" not in json.dumps(manifest)
