"""When tips are due: a working morning in Denmark, at the configured local time.

Working days are Monday–Friday minus Danish public holidays from the maintained ``holidays``
package, plus the days the public sector has off by agreement (Grundlovsdag, juleaftensdag,
nytårsaftensdag): an office that is closed should not get a tip it will read the next morning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

DAYS_OFF_BY_AGREEMENT = frozenset({(6, 5), (12, 24), (12, 31)})
"""(month, day) of Grundlovsdag, juleaftensdag and nytårsaftensdag: not public holidays in law, but days
off for regional staff, so no tip either."""
SEARCH_DAYS = 14
"""Longest possible run of days without a working day (Easter, Christmas) is far shorter than this."""


@cache
def _danish_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("DK", years=year))


def is_working_day(day: date) -> bool:
    """Whether a tip goes out on this day at all."""
    return (
        day.weekday() < 5
        and day not in _danish_holidays(day.year)
        and (day.month, day.day) not in DAYS_OFF_BY_AGREEMENT
    )


@dataclass(frozen=True, slots=True)
class TipSchedule:
    """The local time of the tip in a timezone; all moments it returns are timezone-aware."""

    at: time = time(9, 0)
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/Copenhagen"))

    def moment(self, day: date) -> datetime:
        """The moment of a day's tip: local wall-clock time, so 09:00 stays 09:00 across summer time."""
        return datetime.combine(day, self.at, tzinfo=self.timezone)

    def due_day(self, now: datetime) -> date | None:
        """The local day whose tip is due at ``now``: a working day at or after tip time, else None.

        A server that was down at 09:00 finds the day still due when it comes back later that day;
        the day after, yesterday's tip is no longer owed.
        """
        today = now.astimezone(self.timezone).date()
        if is_working_day(today) and now >= self.moment(today):
            return today
        return None

    def next_moment(self, after: datetime) -> datetime:
        """The first tip moment strictly after ``after``."""
        day = after.astimezone(self.timezone).date()
        for offset in range(SEARCH_DAYS + 1):
            candidate = day + timedelta(days=offset)
            if is_working_day(candidate) and self.moment(candidate) > after:
                return self.moment(candidate)
        raise AssertionError("no working day within two weeks")  # pragma: no cover - calendar fact


def seconds_until(moment: datetime, now: datetime) -> float:
    """Seconds between two aware moments, correct across a change of UTC offset.

    Note:
        Python subtracts two datetimes that share a tzinfo object by wall-clock time, ignoring
        the offset: 09:00 minus 00:00 on the night summer time starts would be 9 h, not 8 h.
        Converting both to UTC first gives the true elapsed time.
    """
    return (moment.astimezone(UTC) - now.astimezone(UTC)).total_seconds()
