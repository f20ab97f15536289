"""What the form for asking the codex owners and the owners' card show, for Slack and Teams alike.

The platforms' renderers (``ask_slack``, ``ask_card``) differ in markup only: which fields the form
has and which facts, in which order, a question's card shows is decided here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.render import texts

ANONYMOUS, NAMED = "anonymous", "named"
"""The two answers to "Hvordan vil du spørge?"; anything else a client sends counts as anonymous."""
OPEN, ANSWERED, CLOSED = "open", "answered", "closed"


@dataclass(frozen=True, slots=True)
class AskForm:
    """The form that sends a question to the codex owners, prefilled with the words asked."""

    owner: str  # the codex owner, e.g. "Regionssekretariatet"
    question: str
    kind: str  # what Kodeks had answered: its reply's kind …
    topic: str  # … and topic ("" for none), carried along for the owners
    has_channel: bool  # False: the owners have no channel on this platform, only the queue
    may_name: bool = True  # False where an answer could not reach only the asker (a Teams channel)


@dataclass(frozen=True, slots=True)
class Review:
    """A question as its card in the owners' channel shows it."""

    id: int
    owner: str
    question: str
    answered: str  # the name of the topic Kodeks answered with, "" when it could not answer
    asked_at: datetime  # local time
    asker: str  # how the platform names a named asker ("<@U…>" on Slack); "" when anonymous
    state: str  # open, answered or closed
    handled_by: str  # the expert who moved it on, as the platform names people; "" while open
    answer: str  # the answer sent, "" if none
    named: bool  # the asker can get an answer

    @property
    def can_answer(self) -> bool:
        """An answer can be written while the question is open and someone waits for it."""
        return self.named and self.state == OPEN


def facts(review: Review) -> list[tuple[str, str]]:
    """The card's facts, in order: what Kodeks answered, when, from whom, and where it stands."""
    return [
        (texts.REVIEW_KODEKS, review.answered or texts.REVIEW_NO_ANSWER),
        (texts.REVIEW_ASKED, texts.date_and_time(review.asked_at)),
        (texts.REVIEW_FROM, review.asker or (texts.REVIEW_NAMED if review.named else texts.REVIEW_ANONYMOUS)),
        (texts.REVIEW_STATE, texts.review_state(review.state, review.handled_by)),
    ]


def moves(review: Review) -> list[tuple[str, str]]:
    """The buttons an expert has on the card now, as (move, label): answer, done, close."""
    if review.state == CLOSED:
        return []
    if review.state == ANSWERED:
        return [("close", texts.REVIEW_CLOSE_BUTTON)]
    answer = [("answer", texts.REVIEW_ANSWER_BUTTON)] if review.named else []
    return [*answer, ("done", texts.REVIEW_DONE_BUTTON), ("close", texts.REVIEW_CLOSE_BUTTON)]
