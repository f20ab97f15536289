"""Platform adapters: Slack, Teams and the local console. Only this package knows their APIs.

A chat platform is a plug-in: ``create(services)`` returns a ``Platform`` (or None when it is not
configured), which mounts its own routes on the server and posts scheduled messages through its
``poster``. The composition root (``bot.assembly``) iterates over the plug-ins; a new surface touches
no other platform and no platform name appears outside its own package.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from aiohttp import web

from bot.clock import Clock
from bot.config import Settings
from bot.service import Kodeks
from bot.store import EventLog, ReferenceStore
from bot.tips import TipPoster


@dataclass(frozen=True, slots=True)
class Services:
    """What a platform is given to work with: the service and the little else adapters need."""

    kodeks: Kodeks
    references: ReferenceStore  # where a platform keeps how to post to a conversation later
    events: EventLog  # which events were already handled: a redelivery is answered once
    settings: Settings
    clock: Clock  # "now" for subscriptions made in the chat; tests pass a fixed one


class Platform(Protocol):
    """One chat platform, built and ready to serve."""

    @property
    def name(self) -> str:
        """The platform's name ("slack", "teams"): of subscriptions, logs and tip posters."""

    @property
    def poster(self) -> TipPoster:
        """Posts scheduled messages (tips) to this platform's channels."""

    def mount(self, app: web.Application) -> None:
        """Add the platform's routes and background connections to the server's application."""


PlatformFactory = Callable[[Services], "Platform | None"]
"""A platform's ``create``: the built platform, or None when its settings are absent."""
