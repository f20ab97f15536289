"""What buttons carry back, encoded and decoded in one place for Slack and Teams alike.

A button's value comes back from a client, so decoding never trusts it: an unknown shape decodes to
None, and ids are checked against the codex by the service. Values hold topic and bullet ids, or the
words a person asked (for sharing), never anything about the person.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.render import layout

SHARE_LIMIT = 2000
"""Slack's limit for a button value; a longer question is shared by its first 2,000 characters."""
EMPTY_SHARE = "hjælp"
"""Sharing a reply to an empty ``/kodeks`` shares the help."""


@dataclass(frozen=True, slots=True)
class Vote:
    """A 👍 or 👎 on an answer: the topic and the first quoted bullet ("" for none)."""

    helpful: bool
    topic: str
    bullet: str


def vote_of(button: layout.Feedback) -> Vote:
    """The vote a feedback button casts."""
    return Vote(button.helpful, button.topic, button.bullet)


def encode_vote(vote: Vote) -> str:
    """``up|neutralitet|neutralitet.2``: short enough for any platform's button value."""
    return f"{'up' if vote.helpful else 'down'}|{vote.topic}|{vote.bullet}"


def decode_vote(value: str) -> Vote | None:
    """The vote a button value names, or None if it is not one of ours."""
    direction, _, rest = value.partition("|")
    topic, _, bullet = rest.partition("|")
    if direction not in ("up", "down") or not topic:
        return None
    return Vote(direction == "up", topic, bullet)


def encode_share(asked: str) -> str:
    """What a share button carries: the words that were asked, so sharing rebuilds the same answer.

    Note:
        The button carries the asker's words, not the answer: an answer is rebuilt from them, so a
        shared message never contains text the bot did not write.
    """
    return asked[:SHARE_LIMIT] or EMPTY_SHARE
