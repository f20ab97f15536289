"""Slack as a platform plug-in: the Bolt app, its route or Socket Mode connection, its tip poster.

The SDK is imported only when Slack is configured, so commands such as ``ask`` and a Teams-only
server do not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.platforms import Platform, Services

if TYPE_CHECKING:
    from slack_bolt.async_app import AsyncApp

    from bot.config import SlackSettings

NAME = "slack"
"""The platform's name: in subscriptions, logs, usage counts and the owners' channel map."""
ROUTE = "/slack/events"


def action_channel(body: dict[str, Any]) -> str:
    """The channel a button was pressed in: ``channel.id``, or the container's for ephemeral messages."""
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    return str(channel or "")


class Slack:
    """Slack over HTTP (``POST /slack/events``) or over Socket Mode."""

    def __init__(self, bolt: AsyncApp, settings: SlackSettings) -> None:
        from bot.platforms.slack.app import SlackTipPoster

        self.name = NAME
        self.bolt = bolt
        self.settings = settings
        self.poster = SlackTipPoster(bolt.client)

    def mount(self, app: web.Application) -> None:
        """Serve ``POST /slack/events``, or keep a Socket Mode connection open while the server runs."""
        from bot.platforms.slack.app import events_route, socket_mode

        if self.settings.socket_mode:
            app.cleanup_ctx.append(socket_mode(self.bolt, self.settings.app_token))
        else:
            app.router.add_post(ROUTE, events_route(self.bolt, self.settings.signing_secret))


def create(services: Services) -> Platform | None:
    """The Slack platform, or None when no ``SLACK_*`` variable is set."""
    settings = services.settings.slack
    if settings is None:
        return None
    from bot.platforms.slack.app import create_slack_app

    return Slack(create_slack_app(services.kodeks, settings, services.clock, services.events), settings)
