"""The Slack app manifest: paste it into "Create New App → From a manifest" at api.slack.com/apps.

Scopes are the fewest that the features need: ``commands`` for /kodeks, ``chat:write`` to answer,
``app_mentions:read`` and ``im:history`` for the two event types. No user scopes, nothing that reads
channels the app was not invited to.
"""

from __future__ import annotations

from typing import Any

from bot.core.knowledge import Knowledge
from bot.render import texts

SLASH_COMMAND = "/kodeks"
BOT_SCOPES = ("app_mentions:read", "chat:write", "commands", "im:history")
BOT_EVENTS = ("app_home_opened", "app_mention", "message.im")


def slack_manifest(base_url: str | None, knowledge: Knowledge, socket_mode: bool = False) -> dict[str, Any]:
    """Return the manifest; HTTP request URLs are ``{base_url}/slack/events`` unless in Socket Mode.

    The descriptions and colour come from the knowledge folder's organisation and codex. Without
    Socket Mode ``base_url`` is required (ValueError): a placeholder would install an app that never
    reaches the server.
    """
    organisation = knowledge.organisation
    if base_url is None and not socket_mode:
        raise ValueError("base_url is required unless in Socket Mode")
    events_url = f"{(base_url or '').rstrip('/')}/slack/events"
    command: dict[str, Any] = {
        "command": SLASH_COMMAND,
        "description": texts.SLACK_COMMAND_DESCRIPTION,
        "usage_hint": texts.SLACK_COMMAND_HINT,
        "should_escape": False,
    }
    events: dict[str, Any] = {"bot_events": list(BOT_EVENTS)}
    interactivity: dict[str, Any] = {"is_enabled": True}
    if not socket_mode:
        command["url"] = events_url
        events["request_url"] = events_url
        interactivity["request_url"] = events_url
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": texts.BOT_NAME,
            "description": organisation.app_description,
            "long_description": texts.app_long_description(knowledge.codex.title),
            "background_color": organisation.brand_colour.lower(),
        },
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": False,
            },
            "bot_user": {"display_name": texts.BOT_NAME.lower(), "always_online": True},
            "slash_commands": [command],
        },
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
        "settings": {
            "event_subscriptions": events,
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": socket_mode,
            "token_rotation_enabled": False,
        },
    }
