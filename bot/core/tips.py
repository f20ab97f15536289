"""Which bullet is the tip of the day.

Tips walk through all bullets before any repeats, taking one virtue after another so two days in a
row rarely quote the same virtue. The order is derived from the codex, not stored, so a corrected
bullet text shows up in the next tip without any migration.
"""

from __future__ import annotations

from datetime import date
from itertools import zip_longest

from bot.core.codex import Bullet, Codex


def tip_order(codex: Codex) -> tuple[Bullet, ...]:
    """All bullets, interleaved across the virtues: each virtue's first bullet, then each second one."""
    columns = zip_longest(*(virtue.bullets for virtue in codex.virtues))
    return tuple(bullet for row in columns for bullet in row if bullet is not None)


def tip_for_day(codex: Codex, day: date) -> Bullet:
    """The tip shown on a given day when no channel rotation applies (``/kodeks tip``)."""
    order = tip_order(codex)
    return order[day.toordinal() % len(order)]
