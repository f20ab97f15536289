"""Configuration mistakes stop the start with one line naming the variable."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.errors import ConfigError


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
    ],
)
def test_half_or_wrong_configuration_names_the_variable(env: dict[str, str], variable: str) -> None:
    """A token without its secret (or the reverse), a user token or a bad URL names the variable at fault."""
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
