"""Teams as a platform plug-in: always on (local anonymous mode without a client id).

The Microsoft 365 Agents SDK is imported only when the server builds the platform.
"""

from __future__ import annotations

from bot.platforms import Platform, Services

NAME = "teams"
"""The platform's name: in subscriptions, logs, usage counts and the owners' channel map."""


def create(services: Services) -> Platform | None:
    """The Teams platform: ``POST /api/messages`` and its tip poster."""
    from bot.platforms.teams.agent import create_teams

    return create_teams(
        services.kodeks,
        services.references,
        services.settings.teams,
        services.clock,
        events=services.events,
    )
