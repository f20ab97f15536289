"""The Teams app package: ``manifest.json``, ``color.png`` and ``outline.png`` at the root of one zip.

Upload it in Teams ("Apps → Manage your apps → Upload an app") or in the Teams admin center. The app id
and the bot id are the bot's Microsoft App ID (the configured client id): Teams then routes the app's
messages to the Azure Bot registration with that id, whose messaging endpoint is ``BASE/api/messages``.
The endpoint itself is not part of the manifest.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any
from urllib.parse import urlsplit

from bot import __version__, icons
from bot.core.codex import Codex
from bot.render import texts

MANIFEST_VERSION = "1.29"
SCHEMA_URL = "https://developer.microsoft.com/en-us/json-schemas/teams/v1.29/MicrosoftTeams.schema.json"
SCOPES = ("personal", "team", "groupChat")
PLACEHOLDER_URL = "https://kodeks.example.org"


def _commands(codex: Codex) -> list[dict[str, str]]:
    """What Teams offers in its command menu: the same words the bot understands (interfaces.md)."""
    virtues = [
        {"title": virtue.name.lower(), "description": texts.teams_command_virtue(virtue.promise)}
        for virtue in codex.virtues
    ]
    return [
        {"title": "hjælp", "description": texts.TEAMS_COMMAND_HELP},
        *virtues,
        {"title": "tip", "description": texts.TEAMS_COMMAND_TIP},
    ]


def teams_manifest(client_id: str, base_url: str | None, codex: Codex) -> dict[str, Any]:
    """The manifest; ``base_url`` gives the developer pages and ``validDomains`` (none without it)."""
    base = (base_url or PLACEHOLDER_URL).rstrip("/")
    return {
        "$schema": SCHEMA_URL,
        "manifestVersion": MANIFEST_VERSION,
        "version": __version__,
        "id": client_id,
        "developer": {
            "name": texts.TEAMS_DEVELOPER,
            "websiteUrl": base,
            "privacyUrl": base,
            "termsOfUseUrl": base,
        },
        "name": {"short": texts.BOT_NAME, "full": texts.TEAMS_FULL_NAME},
        "description": {"short": texts.APP_SHORT_DESCRIPTION, "full": texts.TEAMS_LONG_DESCRIPTION},
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": icons.BRAND_COLOR,
        "localizationInfo": {"defaultLanguageTag": "da-dk"},
        "bots": [
            {
                "botId": client_id,
                "scopes": list(SCOPES),
                "isNotificationOnly": False,
                "supportsFiles": False,
                "commandLists": [{"scopes": list(SCOPES), "commands": _commands(codex)}],
            }
        ],
        "validDomains": [urlsplit(base_url).netloc] if base_url else [],
    }


def teams_package(client_id: str, base_url: str | None, codex: Codex) -> bytes:
    """The zip Teams accepts: the manifest and both icons at its root (not in a folder)."""
    manifest = json.dumps(teams_manifest(client_id, base_url, codex), ensure_ascii=False, indent=2)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", manifest)
        package.writestr("color.png", icons.color_icon())
        package.writestr("outline.png", icons.outline_icon())
    return buffer.getvalue()
