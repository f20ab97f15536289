"""Send every due tip (and weekly dilemma) exactly once, whoever else is sending at the same moment.

Tips and weekly dilemmas are two ``PostKind``s of one mechanism: the same subscriptions, claims,
retries and pausing, keyed by (platform, channel, kind); only when each is due and what goes out differ.

The database decides: a sender posts a channel's tip only after it has claimed (channel, day) under a
unique key. The server's scheduler and ``python -m bot tips send-due`` (cron) share this code, so two
servers, or a server and a cron run, produce one post.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.core.answer import Answer, DilemmaShown
from bot.errors import ChannelGone
from bot.store import DILEMMA, TIP, Subscription, TipStore
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
DilemmaAt = Callable[[int, str], Answer]
"""A channel's weekly dilemma from its sent count and last case id (``Replies.rotation_dilemma``)."""


@dataclass(frozen=True, slots=True)
class PostKind:
    """One kind of scheduled post: when it is due, what goes out, and what is recorded as sent.

    All kinds share one mechanism (subscriptions, claims, retries, pausing): only these three differ.
    """

    name: str  # the store's kind: "tip" or "dilemma"
    due: Callable[[datetime], date | None]  # the claim day due at a moment (a week by its Monday)
    post_at: Callable[[int, str], Answer]  # the post at a rotation place, after the last id sent
    label: str = ""  # added to a channel's name in reports: "slack:C1 (dilemma)"


def _sent_item(answer: Answer) -> str:
    """The id recorded as sent, which the rotation continues after: a bullet's, or a case's."""
    if isinstance(answer.content, DilemmaShown):
        return answer.content.dilemma.id
    return answer.bullets[0].id if answer.bullets else ""


class TipSender:
    """Sends the due tips of all subscribed channels through the configured platforms."""

    def __init__(
        self,
        schedule: TipSchedule,
        store: TipStore,
        posters: Mapping[str, TipPoster],
        tip_at: TipAt,
        dilemma_at: DilemmaAt | None = None,
    ) -> None:
        """Send tips, and weekly dilemmas when ``dilemma_at`` is given (the knowledge has cases)."""
        self.schedule = schedule
        self.store = store
        self.posters = dict(posters)
        self.tip_at = tip_at
        kinds = [PostKind(TIP, schedule.due_day, lambda position, _: tip_at(position))]
        if dilemma_at is not None:
            kinds.append(PostKind(DILEMMA, schedule.due_week, dilemma_at, " (dilemma)"))
        self.kinds = {kind.name: kind for kind in kinds}

    async def send_due(self, now: datetime, dry_run: bool = False) -> TipReport:
        """Send (or with ``dry_run`` only list) every tip due at ``now`` and not yet sent."""
        day = self.schedule.due_day(now)
        if day is None:
            return TipReport()
        report = TipReport(day=day.isoformat())
        moment = self.schedule.moment(day)
        due = {name: kind.due(now) for name, kind in self.kinds.items()}
        for subscription in await self.store.subscriptions():
            kind, claim_day = self.kinds.get(subscription.kind), due.get(subscription.kind)
            if kind is None or claim_day is None:
                continue  # not this kind's day (a weekly dilemma after Monday), or a kind not sent here
            name = f"{subscription.platform}:{subscription.channel}{kind.label}"
            poster = self.posters.get(subscription.platform)
            if subscription.since > moment or poster is None:
                report.skipped.append(name)  # subscribed after today's tip time, or platform off
            elif dry_run:
                report.would_send.append(name)
            else:
                outcome = await self._send(subscription, kind, poster, claim_day, now)
                getattr(report, outcome).append(name)
        log.info("tips_round", extra={"summary": report.summary()})
        return report

    async def _send(
        self, subscription: Subscription, kind: PostKind, poster: TipPoster, day: date, now: datetime
    ) -> str:
        """Claim, post and record one channel's post; returns the report list it belongs in."""
        platform, channel = subscription.platform, subscription.channel
        claim = await self.store.claim_tip(platform, channel, day, now, kind=kind.name)
        if claim is None:
            return "taken"
        answer = kind.post_at(claim.position, claim.last)
        try:
            await poster.post_tip(subscription.channel, answer)
        except ChannelGone as gone:
            await self.store.pause(subscription.platform, subscription.channel, str(gone), kind=kind.name)
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
        await self.store.tip_sent(claim, _sent_item(answer))
        return "sent"
