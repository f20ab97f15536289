"""Platform adapters: the local console, Slack and Teams. Only this package knows their APIs."""

from __future__ import annotations

from bot.config import Settings
from bot.tips import TipPoster


def tip_posters(settings: Settings) -> dict[str, TipPoster]:
    """A tip poster for every configured platform, keyed by platform name."""
    posters: dict[str, TipPoster] = {}
    if settings.slack is not None:
        from bot.platforms import slack

        posters["slack"] = slack.SlackTipPoster(slack.web_client(settings.slack))
    return posters
