"""Settings from the environment, validated once before anything starts.

This is the only module that reads ``os.environ``; everything else receives a ``Settings``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import ConfigError

PROJECT_KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"
PROJECT_CACHE_DIR = Path(__file__).resolve().parent.parent / ".kodeks-cache"
DEFAULT_PORT = 3000
DEFAULT_DATABASE_URL = "sqlite:///kodeks.db"
DATABASE_SCHEMES = ("sqlite:///", "postgresql://", "postgres://")
SLACK_API_URL = "https://slack.com/api/"
DEFAULT_TIP_TIME = time(9, 0)
DEFAULT_TIMEZONE = "Europe/Copenhagen"
TEAMS_PREFIX = "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__"
TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID, TEAMS_AUTH_TYPE = (
    TEAMS_PREFIX + name for name in ("CLIENTID", "CLIENTSECRET", "TENANTID", "AUTHTYPE"))  # fmt: skip
GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
ON_OFF = {"0": False, "1": True}
DEFAULT_RETENTION_DAYS = 90
MIN_ADMIN_TOKEN = 32
"""The console's token is a password for the whole queue of questions: long enough not to be guessed."""
MATCHERS = ("hybrid", "lexical")
SLACK_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{2,}$")
SECRET_AUTH_TYPE = "ClientSecret"  # the SDK's default; other types (managed identity …) need no secret


@dataclass(frozen=True, slots=True)
class SlackSettings:
    """Slack credentials: over HTTP with a signing secret, or over Socket Mode with an app token."""

    bot_token: str
    signing_secret: str
    app_token: str
    api_url: str

    @property
    def socket_mode(self) -> bool:
        """Whether Slack events come over a WebSocket instead of ``POST /slack/events``."""
        return bool(self.app_token)


@dataclass(frozen=True, slots=True)
class TeamsSettings:
    """The Teams bot identity; without a client id Teams runs in local anonymous mode.

    Note:
        ``sdk_config`` is the Agents SDK's own configuration (``load_configuration_from_env``), passed
        as is to its connection manager; it holds the client secret, so it is kept out of ``repr``.
    """

    client_id: str = ""
    tenant_id: str = ""
    sdk_config: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def anonymous(self) -> bool:
        """Local mode: no token is checked on ``/api/messages`` and replies carry none."""
        return not self.client_id


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, with the defaults documented in the README."""

    port: int = DEFAULT_PORT
    knowledge_dir: Path = PROJECT_KNOWLEDGE_DIR
    database_url: str = DEFAULT_DATABASE_URL
    slack: SlackSettings | None = None  # None: Slack is off
    tip_time: time = DEFAULT_TIP_TIME
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TIMEZONE))
    log_json: bool | None = None  # KODEKS_LOG_FORMAT: json, text, or None = by whether stderr is a terminal
    log_questions: bool = False  # KODEKS_LOG_QUESTIONS=1: also log question texts (debugging only)
    teams: TeamsSettings = TeamsSettings()  # always on; anonymous without a client id
    matcher: str = "hybrid"  # KODEKS_MATCHER: "hybrid" (lexical + sentence embeddings) or "lexical"
    cache_dir: Path = PROJECT_CACHE_DIR  # KODEKS_CACHE_DIR: the knowledge's embeddings, computed once
    admin_token: str = field(default="", repr=False)  # KODEKS_ADMIN_TOKEN: the owners' console; "" = off
    admin_secure_cookies: bool = True  # KODEKS_ADMIN_SECURE_COOKIE=0 for a console over plain http (local)
    experts_slack_channel: str = ""  # KODEKS_EXPERTS_SLACK_CHANNEL: where asked questions are posted
    experts_teams_channel: str = ""  # KODEKS_EXPERTS_TEAMS_CHANNEL: a Teams conversation id
    retention_days: int = DEFAULT_RETENTION_DAYS  # KODEKS_RETENTION_DAYS: asked questions kept this long

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Self:
        """Read and validate settings; raises ConfigError naming the variable at fault."""
        env = os.environ if env is None else env
        return cls(
            port=_port(env.get("PORT", "")),
            knowledge_dir=knowledge_dir(env),
            database_url=_database_url(env.get("DATABASE_URL", "")),
            slack=_slack(env),
            tip_time=_tip_time(env.get("KODEKS_TIP_TIME", "")),
            timezone=_timezone(env.get("KODEKS_TIMEZONE", "")),
            log_json=_choice(env, "KODEKS_LOG_FORMAT", {"auto": None, "json": True, "text": False}, "auto"),
            log_questions=bool(_choice(env, "KODEKS_LOG_QUESTIONS", {"0": False, "1": True}, "0")),
            teams=_teams(env),
            matcher=_matcher(env.get("KODEKS_MATCHER", "")),
            cache_dir=Path(env.get("KODEKS_CACHE_DIR", "").strip() or PROJECT_CACHE_DIR),
            admin_token=_admin_token(env.get("KODEKS_ADMIN_TOKEN", "")),
            admin_secure_cookies=bool(
                _choice(env, "KODEKS_ADMIN_SECURE_COOKIE", {"0": False, "1": True}, "1")
            ),
            experts_slack_channel=_slack_channel(env.get("KODEKS_EXPERTS_SLACK_CHANNEL", "")),
            experts_teams_channel=env.get("KODEKS_EXPERTS_TEAMS_CHANNEL", "").strip(),
            retention_days=_retention(env.get("KODEKS_RETENTION_DAYS", "")),
        )


def _port(value: str) -> int:
    if not value.strip():
        return DEFAULT_PORT
    if not value.strip().isdigit() or not 0 < int(value) < 65536:
        raise ConfigError("PORT", f"must be a port number between 1 and 65535, not '{value}'")
    return int(value)


def _database_url(value: str) -> str:
    url = value.strip() or DEFAULT_DATABASE_URL
    if not url.startswith(DATABASE_SCHEMES) or url in DATABASE_SCHEMES:
        raise ConfigError(
            "DATABASE_URL", "must look like sqlite:///kodeks.db or postgresql://user@host:5432/kodeks"
        )
    return url


def _matcher(value: str) -> str:
    matcher = value.strip().lower() or MATCHERS[0]
    if matcher not in MATCHERS:
        raise ConfigError("KODEKS_MATCHER", f"must be one of {', '.join(MATCHERS)}, not '{value}'")
    return matcher


def _admin_token(value: str) -> str:
    token = value.strip()
    if token and len(token) < MIN_ADMIN_TOKEN:
        raise ConfigError("KODEKS_ADMIN_TOKEN", f"must be at least {MIN_ADMIN_TOKEN} characters long")
    return token


def _slack_channel(value: str) -> str:
    channel = value.strip()
    if channel and not SLACK_CHANNEL_ID.match(channel):
        raise ConfigError(
            "KODEKS_EXPERTS_SLACK_CHANNEL", f"must be a Slack channel id such as C0123ABCD, not '{value}'"
        )
    return channel


def _retention(value: str) -> int:
    if not value.strip():
        return DEFAULT_RETENTION_DAYS
    if not value.strip().isdigit() or int(value) < 1:
        raise ConfigError(
            "KODEKS_RETENTION_DAYS", f"must be a whole number of days, at least 1, not '{value}'"
        )
    return int(value)


def _choice(
    env: Mapping[str, str], variable: str, choices: Mapping[str, bool | None], default: str
) -> bool | None:
    value = env.get(variable, "").strip().lower() or default
    if value not in choices:
        raise ConfigError(variable, f"must be one of {', '.join(choices)}, not '{value}'")
    return choices[value]


def _tip_time(value: str) -> time:
    if not value.strip():
        return DEFAULT_TIP_TIME
    try:
        hours, minutes = value.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ConfigError("KODEKS_TIP_TIME", f"must be a time of day like 09:00, not '{value}'") from None


def _timezone(value: str) -> ZoneInfo:
    name = value.strip() or DEFAULT_TIMEZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            "KODEKS_TIMEZONE", f"must be an IANA timezone like Europe/Copenhagen, not '{value}'"
        ) from None


def _slack(env: Mapping[str, str]) -> SlackSettings | None:
    """Slack is off when no Slack variable is set; half a configuration is an error, not "off".

    Note:
        A bot token without a signing secret would start fine and then answer every request with 500
        (Bolt checks the secret only per request), so it is refused here, before the port is bound.
    """
    token, secret, app_token = (env.get(name, "").strip() for name in (
        "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"))  # fmt: skip
    if not (token or secret or app_token):
        return None
    if not token:
        present = "SLACK_SIGNING_SECRET" if secret else "SLACK_APP_TOKEN"
        raise ConfigError("SLACK_BOT_TOKEN", f"is not set, but {present} is; set both or neither")
    if not secret and not app_token:
        raise ConfigError(
            "SLACK_SIGNING_SECRET", "is not set, but SLACK_BOT_TOKEN is; set both (or SLACK_APP_TOKEN)"
        )
    if not token.startswith("xoxb-"):
        raise ConfigError("SLACK_BOT_TOKEN", "must be a bot token starting with 'xoxb-'")
    if app_token and not app_token.startswith("xapp-"):
        raise ConfigError("SLACK_APP_TOKEN", "must be an app-level token starting with 'xapp-'")
    api_url = env.get("SLACK_API_URL", "").strip() or SLACK_API_URL
    if not api_url.startswith(("http://", "https://")):
        raise ConfigError("SLACK_API_URL", f"must be an http(s) URL, not '{api_url}'")
    return SlackSettings(token, secret, app_token, api_url.rstrip("/") + "/")


def knowledge_dir(env: Mapping[str, str] | None = None) -> Path:
    """The knowledge folder (``KODEKS_KNOWLEDGE_DIR``), for commands that need nothing else."""
    env = os.environ if env is None else env
    return Path(env.get("KODEKS_KNOWLEDGE_DIR") or PROJECT_KNOWLEDGE_DIR)


def teams_client_id(env: Mapping[str, str] | None = None) -> str:
    """Only the Teams bot's client id (a GUID), for building the app package: no secret needed.

    Raises:
        ConfigError: the client id is missing or not a GUID.
    """
    env = os.environ if env is None else env
    client_id = env.get(TEAMS_CLIENT_ID, "").strip()
    if not client_id:
        raise ConfigError(TEAMS_CLIENT_ID, "is not set; the package's app id and bot id are the bot's App ID")
    if not GUID.match(client_id):
        raise ConfigError(TEAMS_CLIENT_ID, f"must be the bot's Microsoft App ID, a GUID, not '{client_id}'")
    return client_id


def _teams(env: Mapping[str, str]) -> TeamsSettings:
    """Teams is always on: anonymous without a client id, otherwise with the SDK's full configuration.

    Note:
        A client id without its secret would start, accept Teams' requests and then fail on every
        reply when MSAL asks for a token, so it is refused here; so is a missing tenant id, which MSAL
        needs for a single-tenant bot (the only kind Azure creates now). The SDK is imported only when
        a ``CONNECTIONS__`` variable is set, so commands such as ``ask`` do not pay for it.
    """
    values = {
        name: value for name, value in env.items() if name.startswith(("CONNECTIONS__", "CONNECTIONSMAP__"))
    }
    client_id = values.get(TEAMS_CLIENT_ID, "").strip()
    if not client_id:
        present = next((name for name, value in values.items() if value.strip()), None)
        if present:
            raise ConfigError(TEAMS_CLIENT_ID, f"is not set, but {present} is; set the client id too")
        return TeamsSettings()
    if not GUID.match(client_id):
        raise ConfigError(TEAMS_CLIENT_ID, f"must be the bot's Microsoft App ID, a GUID, not '{client_id}'")
    auth_type = values.get(TEAMS_AUTH_TYPE, "").strip() or SECRET_AUTH_TYPE
    required = (TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID) if auth_type == SECRET_AUTH_TYPE else ()
    for name in required:
        if not values.get(name, "").strip():
            raise ConfigError(name, f"is not set, but {TEAMS_CLIENT_ID} is; set both (see the README)")
    from microsoft_agents.activity import load_configuration_from_env

    config = load_configuration_from_env({name: value.strip() for name, value in values.items()})
    return TeamsSettings(client_id, values.get(TEAMS_TENANT_ID, "").strip(), config)
