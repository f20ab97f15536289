"""Dilemmas and the introduction for new staff, as answer contents.

Both are what the codex's foreword suggests it is for: introducing new staff, and a dialogue between
staff and leaders about dilemmas in a busy day. Everything here is chosen deterministically from the
knowledge and the day, never from anything about the person: the intro's step and a case's id travel
in the buttons, so nothing needs to be remembered between two clicks.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.core import answer as answers
from bot.core.answer import (
    Content,
    DilemmaAnswered,
    DilemmaShown,
    IntroPage,
    IntroPurpose,
    IntroStep,
    IntroVirtue,
    IntroWhom,
    NoDilemmas,
    Notice,
)
from bot.core.codex import Codex
from bot.core.dilemmas import Dilemma, dilemmas_with, weekly_order


def find_case(dilemmas: Sequence[Dilemma], case_id: str) -> Dilemma | None:
    """The case with this id, or None (ids come back from buttons and may be stale)."""
    return next((dilemma for dilemma in dilemmas if dilemma.id == case_id), None)


def pick(dilemmas: Sequence[Dilemma], virtue: str | None, day: date) -> Dilemma:
    """The case shown for ``dilemma`` [virtue] on a day: a rotation by date, the same for everyone.

    Note:
        A virtue's own cases come first, then those where it is also at stake; a virtue that no case
        names falls back to all cases. Asking twice on one day shows the same case, so a leader and
        the department see the same one; the next day brings the next.
    """
    cases = dilemmas_with(dilemmas, virtue) if virtue else ()
    cases = cases or tuple(dilemmas)
    return cases[day.toordinal() % len(cases)]


def shown(codex: Codex, dilemma: Dilemma, weekly: bool = False) -> DilemmaShown:
    """A case with a button per virtue."""
    return DilemmaShown(dilemma, answers.all_virtues(codex), weekly)


def show(
    codex: Codex, dilemmas: Sequence[Dilemma], virtue: str | None, case: str | None, day: date
) -> Content:
    """``dilemma`` [virtue | case id]: that case, or the day's pick; a notice when there are no cases."""
    if not dilemmas:
        return Notice(NoDilemmas())
    chosen = (find_case(dilemmas, case) if case else None) or pick(dilemmas, virtue, day)
    return shown(codex, chosen)


def answer(codex: Codex, dilemmas: Sequence[Dilemma], case: str, virtue: str, day: date) -> Content:
    """A virtue chosen under a case; an unknown case or virtue shows a case to choose from again."""
    dilemma = find_case(dilemmas, case)
    if dilemma is None or virtue not in codex.topic_ids:
        return show(codex, dilemmas, None, case, day)
    at_stake = tuple(answers.topic_of(codex, topic) for topic in dilemma.virtues)
    bullets = tuple(codex.bullet(bullet) for bullet in dilemma.bullets)
    return DilemmaAnswered(dilemma, answers.topic_of(codex, virtue), at_stake, bullets)


def weekly(codex: Codex, dilemmas: Sequence[Dilemma], position: int, last: str) -> Content:
    """A channel's weekly dilemma: the case after the last one it was sent, in ``weekly_order``.

    Note:
        The rotation remembers the last case's id, not a place in the list: when the owners add,
        remove or reorder cases, the channel goes on after the case it saw last. Only when that case
        was deleted does the stored count (``position``) choose the place instead.
    """
    if not dilemmas:
        return Notice(NoDilemmas())
    order = weekly_order(dilemmas)
    place = order.index(last) + 1 if last in order else position
    return shown(codex, find_case(dilemmas, order[place % len(order)]) or dilemmas[0], weekly=True)


def intro_pages(codex: Codex, dilemmas: Sequence[Dilemma]) -> tuple[IntroPage, ...]:
    """The steps of the introduction: what the codex is for, each virtue, whom to go to."""
    virtues = tuple(
        IntroVirtue(virtue, next(iter(dilemmas_with(dilemmas, virtue.id)), None)) for virtue in codex.virtues
    )
    return (IntroPurpose(codex.foreword), *virtues, IntroWhom())


def intro(codex: Codex, dilemmas: Sequence[Dilemma], step: int) -> IntroStep:
    """One step of the introduction; a number out of range shows the nearest step."""
    pages = intro_pages(codex, dilemmas)
    number = min(max(step, 1), len(pages))
    return IntroStep(number, len(pages), pages[number - 1])
