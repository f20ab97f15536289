"""The composition root: open the store, build the service complete, build the configured platforms.

Both entry points use it: the server (``bot.web``) mounts what it builds, ``tips send-due`` uses only
its tip sender. Nothing is attached after construction: each part receives what it needs, in order.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.asking import OwnerDesk
from bot.clock import Clock, utc_now
from bot.config import Settings
from bot.core.knowledge import load_knowledge
from bot.core.matcher import Matcher
from bot.core.replies import Replies
from bot.platforms import Platform, PlatformFactory, Services, slack, teams
from bot.service import Kodeks
from bot.store import Store, open_store
from bot.tips.schedule import TipSchedule, WorkingDays
from bot.tips.sender import TipSender
from bot.usage import UsageCounter

PLATFORMS: tuple[PlatformFactory, ...] = (teams.create, slack.create)
"""Every chat platform Kodeks knows; each decides from the settings whether it is configured."""


@dataclass(frozen=True, slots=True)
class Assembly:
    """Everything built for one run of the server or of a CLI command that needs the database."""

    kodeks: Kodeks
    store: Store
    platforms: tuple[Platform, ...]
    sender: TipSender

    async def close(self) -> None:
        """Release the database."""
        await self.store.close()


def load_replies(settings: Settings) -> Replies:
    """Load and validate the knowledge folder and build its matcher; raises KnowledgeError if broken.

    Note:
        With ``KODEKS_MATCHER=hybrid`` this loads the embedding model and the knowledge's vectors from
        ``KODEKS_CACHE_DIR`` (computed once, about a minute, when the knowledge changed): call it
        before the server binds its port, never on the event loop.
    """
    knowledge = load_knowledge(settings.knowledge_dir)
    matcher = Matcher(knowledge, semantic=settings.matcher == "hybrid", cache_dir=settings.cache_dir)
    return Replies(knowledge, matcher)


def schedule_of(settings: Settings, replies: Replies) -> TipSchedule:
    """When scheduled posts go out: the configured time, in the organisation's working calendar."""
    working_days = WorkingDays.of(replies.knowledge.organisation)
    return TipSchedule(settings.tip_time, settings.timezone, working_days)


async def assemble(settings: Settings, replies: Replies | None = None, clock: Clock = utc_now) -> Assembly:
    """Open the store, then build the service and the platforms around it.

    ``replies`` lets tests share one loaded knowledge folder; ``clock`` is the server's idea of now.

    Raises:
        KnowledgeError: the knowledge folder is broken.
        StoreError: the database cannot be opened.
    """
    replies = replies or load_replies(settings)
    store = await open_store(settings.database_url)
    schedule = schedule_of(settings, replies)
    desk = desk_of(settings, replies, store)
    kodeks = Kodeks(replies, store, schedule, UsageCounter(store), clock, desk, settings.log_questions)
    services = Services(kodeks, store, store, settings, clock)
    platforms = tuple(platform for create in PLATFORMS if (platform := create(services)) is not None)
    posters = {platform.name: platform.poster for platform in platforms}
    dilemma_at = replies.rotation_dilemma if replies.dilemmas else None  # no cases: no weekly dilemma
    sender = TipSender(schedule, store, posters, replies.rotation_tip, dilemma_at)
    return Assembly(kodeks, store, platforms, sender)


def desk_of(settings: Settings, replies: Replies, store: Store) -> OwnerDesk:
    """The desk for questions to the codex owners, with the owners' channel of each platform."""
    experts = {slack.NAME: settings.experts_slack_channel, teams.NAME: settings.experts_teams_channel}
    owner = replies.knowledge.organisation.codex_owner
    return OwnerDesk(store, owner, frozenset(replies.codex.topic_ids), experts)
