"""Configuration mistakes stop the start with one line naming the variable."""

from __future__ import annotations

import pytest

from bot.config import TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID, Settings
from bot.errors import ConfigError

APP_ID = "6f1c2b1e-3a5d-4c8e-9b7a-2d4e6f8a0b1c"


def test_no_slack_variables_means_slack_is_off() -> None:
    """Without any Slack variable the server runs without Slack."""
    assert Settings.from_env({}).slack is None


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_APP_TOKEN": "xapp-1"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxp-user", "SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": "localhost"},
            "SLACK_API_URL",
        ),
        ({"PORT": "70000"}, "PORT"),
        ({TEAMS_CLIENT_ID: APP_ID, TEAMS_TENANT_ID: "tenant"}, TEAMS_CLIENT_SECRET),
        ({TEAMS_CLIENT_ID: APP_ID, TEAMS_CLIENT_SECRET: "secret"}, TEAMS_TENANT_ID),
        ({TEAMS_CLIENT_SECRET: "secret"}, TEAMS_CLIENT_ID),
        ({TEAMS_CLIENT_ID: "kodeks-bot", TEAMS_CLIENT_SECRET: "s", TEAMS_TENANT_ID: "t"}, TEAMS_CLIENT_ID),
    ],
)
def test_half_or_wrong_configuration_names_the_variable(env: dict[str, str], variable: str) -> None:
    """Half a Slack or Teams identity, a user token or a bad URL names the variable at fault."""
    with pytest.raises(ConfigError) as caught:
        Settings.from_env(env)

    assert caught.value.variable == variable
    assert str(caught.value).startswith(f"{variable}: ")


def test_slack_api_url_gets_the_trailing_slash_the_sdk_needs() -> None:
    """SLACK_API_URL without a trailing slash still works: the SDK joins paths with urljoin."""
    settings = Settings.from_env(
        {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": "http://127.0.0.1:9/api"}
    )

    assert settings.slack is not None and settings.slack.api_url == "http://127.0.0.1:9/api/"


def test_without_a_client_id_teams_runs_anonymously() -> None:
    """No Teams variable: Teams is still on, in local anonymous mode."""
    assert Settings.from_env({}).teams.anonymous


def test_teams_identity_is_read_with_the_sdks_own_configuration_loader() -> None:
    """Client id, secret and tenant become the SDK's CONNECTIONS configuration; the secret never shows."""
    env = {
        TEAMS_CLIENT_ID: APP_ID,
        TEAMS_CLIENT_SECRET: "s3cret",
        TEAMS_TENANT_ID: "tenant",
        "PORT": "8080",
    }
    teams = Settings.from_env(env).teams

    assert not teams.anonymous and (teams.client_id, teams.tenant_id) == (APP_ID, "tenant")
    assert teams.sdk_config["CONNECTIONS"]["SERVICE_CONNECTION"]["SETTINGS"]["CLIENTSECRET"] == "s3cret"
    assert "s3cret" not in repr(teams)


def test_a_managed_identity_needs_no_client_secret() -> None:
    """With AUTHTYPE set to a managed identity, a client id alone is a valid configuration."""
    env = {
        TEAMS_CLIENT_ID: APP_ID,
        "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__AUTHTYPE": "UserManagedIdentity",
    }

    assert Settings.from_env(env).teams.client_id == APP_ID
