"""What buttons carry back, encoded and decoded in one place for Slack and Teams alike.

A button's value comes back from a client, so decoding never trusts it: an unknown shape decodes to
None, and ids are checked against the codex by the service. Values hold topic and bullet ids, or the
words a person asked (for sharing, on 👎 and on "Spørg <codex owner>", back into the same
conversation), never anything about the person.
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
    question: str = ""  # 👎 only: the words asked, offered to the codex owners with the thanks


def vote_of(button: layout.Feedback) -> Vote:
    """The vote a feedback button casts."""
    return Vote(button.helpful, button.topic, button.bullet, button.question)


def encode_vote(vote: Vote) -> str:
    """``up|neutralitet|neutralitet.2``: short enough for any platform's button value.

    A 👎 that carries the words asked appends them (``down|topic|bullet|words``), cut to fit the limit.
    """
    encoded = f"{'up' if vote.helpful else 'down'}|{vote.topic}|{vote.bullet}"
    return f"{encoded}|{vote.question}"[:SHARE_LIMIT] if vote.question else encoded


def decode_vote(value: str) -> Vote | None:
    """The vote a button value names, or None if it is not one of ours."""
    direction, _, rest = value.partition("|")
    topic, _, bullet = rest.partition("|")
    bullet, _, question = bullet.partition("|")
    if direction not in ("up", "down") or not topic:
        return None
    return Vote(direction == "up", topic, bullet, question)


def encode_share(asked: str) -> str:
    """What a share button carries: the words that were asked, so sharing rebuilds the same answer.

    Note:
        The button carries the asker's words, not the answer: an answer is rebuilt from them, so a
        shared message never contains text the bot did not write.
    """
    return asked[:SHARE_LIMIT] or EMPTY_SHARE


def encode_question(question: str) -> str:
    """What a "Spørg <codex owner>" button carries: the words asked, cut to Slack's 2,000 characters."""
    return question[:SHARE_LIMIT]
