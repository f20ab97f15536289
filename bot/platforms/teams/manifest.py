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

from bot import __version__
from bot.core.codex import Codex
from bot.core.knowledge import Knowledge
from bot.platforms.teams import icons
from bot.render import texts
from bot.render.privacy import PRIVACY_PATH

MANIFEST_VERSION = "1.29"
SCHEMA_URL = "https://developer.microsoft.com/en-us/json-schemas/teams/v1.29/MicrosoftTeams.schema.json"
SCOPES = ("personal", "team", "groupChat")


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


def teams_manifest(client_id: str, base_url: str, knowledge: Knowledge) -> dict[str, Any]:
    """The manifest; ``base_url``, the server's public address, gives developer pages and ``validDomains``.

    Names, descriptions and the accent colour come from the knowledge folder's organisation and codex.
    """
    base = base_url.rstrip("/")
    organisation, codex = knowledge.organisation, knowledge.codex
    return {
        "$schema": SCHEMA_URL,
        "manifestVersion": MANIFEST_VERSION,
        "version": __version__,
        "id": client_id,
        "developer": {
            "name": organisation.name,
            "websiteUrl": base,
            "privacyUrl": f"{base}{PRIVACY_PATH}",  # served by Kodeks itself (bot.render.privacy)
            "termsOfUseUrl": f"{base}{PRIVACY_PATH}",
        },
        "name": {"short": texts.BOT_NAME, "full": texts.teams_full_name(organisation.app_description)},
        "description": {
            "short": organisation.app_description,
            "full": texts.teams_long_description(codex.title),
        },
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": organisation.brand_colour.upper(),
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
        "validDomains": [urlsplit(base_url).netloc],
    }


def teams_package(client_id: str, base_url: str, knowledge: Knowledge) -> bytes:
    """The zip Teams accepts: the manifest and both icons at its root (not in a folder)."""
    manifest = json.dumps(teams_manifest(client_id, base_url, knowledge), ensure_ascii=False, indent=2)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", manifest)
        package.writestr("color.png", icons.color_icon(knowledge.organisation.brand_rgb))
        package.writestr("outline.png", icons.outline_icon())
    return buffer.getvalue()
