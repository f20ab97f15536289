"""Send every due tip exactly once, whoever else is sending at the same moment.

The database decides: a sender posts a channel's tip only after it has claimed (channel, day) under a
unique key. The server's scheduler and ``python -m bot tips send-due`` (cron) share this code, so two
servers, or a server and a cron run, produce one post.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.core.answer import Answer
from bot.errors import ChannelGone
from bot.store import Subscription, TipStore
from bot.tips import TipPoster
from bot.tips.schedule import TipSchedule

log = logging.getLogger(__name__)


@dataclass(slots=True)
class TipReport:
    """What one round did, channel by channel ("slack:C123"), for logs and the CLI."""

    day: str = ""  # the local day whose tips were due; empty when nothing was due
    sent: list[str] = field(default_factory=list)
    would_send: list[str] = field(default_factory=list)  # --dry-run
    taken: list[str] = field(default_factory=list)  # already sent, or another sender holds the claim
    failed: list[str] = field(default_factory=list)  # retried later the same day
    paused: list[str] = field(default_factory=list)  # the app can no longer post there
    skipped: list[str] = field(default_factory=list)  # not owed today, or its platform is not configured

    def summary(self) -> str:
        """One line: the day and how many tips went each way."""
        if not self.day:
            return "no tips due now"
        counts = (
            f"{name} {len(channels)}"
            for name, channels in (
                ("sent", self.sent),
                ("would send", self.would_send),
                ("already taken", self.taken),
                ("failed", self.failed),
                ("paused", self.paused),
                ("skipped", self.skipped),
            )
            if channels
        )
        return f"tips for {self.day}: " + (", ".join(counts) or "no subscribed channels")


TipAt = Callable[[int], Answer]
"""The tip at a place in a channel's rotation (``Replies.rotation_tip``)."""


class TipSender:
    """Sends the due tips of all subscribed channels through the configured platforms."""

    def __init__(
        self, schedule: TipSchedule, store: TipStore, posters: Mapping[str, TipPoster], tip_at: TipAt
    ) -> None:
        self.schedule = schedule
        self.store = store
        self.posters = dict(posters)
        self.tip_at = tip_at

    async def send_due(self, now: datetime, dry_run: bool = False) -> TipReport:
        """Send (or with ``dry_run`` only list) every tip due at ``now`` and not yet sent."""
        day = self.schedule.due_day(now)
        if day is None:
            return TipReport()
        report = TipReport(day=day.isoformat())
        moment = self.schedule.moment(day)
        for subscription in await self.store.subscriptions():
            name = f"{subscription.platform}:{subscription.channel}"
            poster = self.posters.get(subscription.platform)
            if subscription.since > moment or poster is None:
                report.skipped.append(name)  # subscribed after today's tip time, or platform off
            elif dry_run:
                report.would_send.append(name)
            else:
                outcome = await self._send(subscription, poster, day, now)
                getattr(report, outcome).append(name)
        log.info("tips_round", extra={"summary": report.summary()})
        return report

    async def _send(self, subscription: Subscription, poster: TipPoster, day: date, now: datetime) -> str:
        """Claim, post and record one channel's tip; returns the report list it belongs in."""
        claim = await self.store.claim_tip(subscription.platform, subscription.channel, day, now)
        if claim is None:
            return "taken"
        answer = self.tip_at(claim.position)
        try:
            await poster.post_tip(subscription.channel, answer)
        except ChannelGone as gone:
            await self.store.pause(subscription.platform, subscription.channel, str(gone))
            await self.store.tip_failed(claim, f"paused: {gone}", now)
            log.warning("tips_channel_paused", extra={"platform": subscription.platform, "reason": str(gone)})
            return "paused"
        except Exception as error:  # any other failure: record it, retry later today
            await self.store.tip_failed(claim, f"{error.__class__.__name__}: {error}", now)
            log.warning(
                "tips_send_failed",
                extra={"platform": subscription.platform, "attempt": claim.attempt, "error": repr(error)},
            )
            return "failed"
        await self.store.tip_sent(claim, answer.bullets[0].id if answer.bullets else "")
        return "sent"
