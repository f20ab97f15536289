"""Daily tips: one bullet of the codex to each subscribed channel, each working morning, once.

``schedule`` says when a tip is due, ``sender`` sends each due tip exactly once, ``scheduler`` is the
server's loop that wakes up for them. Platforms plug in as ``TipPoster``s.
"""

from __future__ import annotations

from typing import Protocol

from bot.core.answer import Answer


class TipPoster(Protocol):
    """Posts a tip to one channel of one platform.

    Raises ``ChannelGone`` when the app can no longer post there (the subscription is then paused);
    any other exception means "try again later".
    """

    platform: str

    async def post_tip(self, channel: str, answer: Answer) -> None:
        """Post the tip visibly in the channel."""
