"""The core stays pure: it imports no platform, renderer, web framework or SDK."""

from __future__ import annotations

import ast
from pathlib import Path

import bot

FORBIDDEN_IN_CORE = (
    "bot.platforms", "bot.render", "bot.store", "bot.web", "bot.service", "bot.cli",
    "aiohttp", "slack_bolt", "slack_sdk", "microsoft_agents",
)  # fmt: skip


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
    return names


def test_core_modules_import_nothing_outside_the_core() -> None:
    """bot/core/* imports neither the platforms, the renderers, the web server nor any chat SDK."""
    core = Path(bot.__file__).parent / "core"
    offenders = {
        f"{path.name}: {name}"
        for path in core.glob("*.py")
        for name in _imports(path)
        if name.startswith(".") or name.startswith(FORBIDDEN_IN_CORE)
    }

    assert offenders == set()


def test_renderers_do_not_import_platforms_or_the_service() -> None:
    """bot/render/* only formats answers; it never calls the service or a platform."""
    render = Path(bot.__file__).parent / "render"
    offenders = {
        f"{path.name}: {name}"
        for path in render.glob("*.py")
        for name in _imports(path)
        if name.startswith(("bot.platforms", "bot.service", "bot.web", "aiohttp", "slack_", "microsoft_"))
    }

    assert offenders == set()


def test_platform_adapters_do_not_import_each_other() -> None:
    """bot/platforms/slack.py, teams.py and console.py only translate; none depends on another."""
    platforms = Path(bot.__file__).parent / "platforms"
    offenders = {
        f"{path.name}: {name}"
        for path in platforms.glob("*.py")
        for name in _imports(path)
        if name.startswith("bot.platforms") and name != f"bot.platforms.{path.stem}"
    }

    assert offenders == set()
