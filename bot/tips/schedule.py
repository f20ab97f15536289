"""When tips are due: a working morning in Denmark, at the configured local time.

Working days are Monday–Friday minus the public holidays of the organisation's country (from the
maintained ``holidays`` package) and its local days off by agreement (for example
Grundlovsdag, juleaftensdag, nytårsaftensdag), both read from ``knowledge/organisation.yaml``: an office
that is closed should not get a tip it will read the next morning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

from bot.core.organisation import Organisation

SEARCH_DAYS = 14
"""Longest possible run of days without a working day (Easter, Christmas) is far shorter than this."""


@cache
def _public_holidays(country: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays(country, years=year))


@dataclass(frozen=True, slots=True)
class WorkingDays:
    """Monday to Friday, minus a country's public holidays and local days off by agreement.

    Without a country only weekends are days off (a calendar for tests and for organisations that
    configure none).
    """

    country: str = ""  # a ``holidays`` country code such as "DK"
    days_off: frozenset[tuple[int, int]] = frozenset()  # (month, day), every year

    @classmethod
    def of(cls, organisation: Organisation) -> WorkingDays:
        """The organisation's working calendar, as ``organisation.yaml`` describes it."""
        return cls(organisation.holidays, frozenset((d.month, d.day) for d in organisation.days_off))

    def __contains__(self, day: object) -> bool:
        """Whether scheduled posts go out on ``day`` at all."""
        if not isinstance(day, date) or day.weekday() >= 5 or (day.month, day.day) in self.days_off:
            return False
        return not self.country or day not in _public_holidays(self.country, day.year)


@dataclass(frozen=True, slots=True)
class TipSchedule:
    """The local time of the tip in a timezone; all moments it returns are timezone-aware."""

    at: time = time(9, 0)
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/Copenhagen"))
    working_days: WorkingDays = WorkingDays()

    def moment(self, day: date) -> datetime:
        """The moment of a day's tip: local wall-clock time, so 09:00 stays 09:00 across summer time."""
        return datetime.combine(day, self.at, tzinfo=self.timezone)

    def due_day(self, now: datetime) -> date | None:
        """The local day whose tip is due at ``now``: a working day at or after tip time, else None.

        A server that was down at 09:00 finds the day still due when it comes back later that day;
        the day after, yesterday's tip is no longer owed.
        """
        today = now.astimezone(self.timezone).date()
        if today in self.working_days and now >= self.moment(today):
            return today
        return None

    def first_working_day_of_week(self, day: date) -> date | None:
        """The first working day of ``day``'s ISO week, or None for a week without one."""
        monday = day - timedelta(days=day.weekday())
        week = (monday + timedelta(days=n) for n in range(7))
        return next((day for day in week if day in self.working_days), None)

    def due_week(self, now: datetime) -> date | None:
        """The ISO week (by its Monday) whose weekly post is due at ``now``, else None.

        A weekly post is due on the first working day of the week, at or after the tip time, and only
        that day: like a tip, it is not owed later in the week (a Tuesday after a holiday Monday is
        that week's first working day, so then Tuesday it is).
        """
        day = self.due_day(now)
        if day is None or day != self.first_working_day_of_week(day):
            return None
        return day - timedelta(days=day.weekday())

    def next_weekly_moment(self, after: datetime) -> datetime:
        """The first weekly-post moment strictly after ``after`` (the first working day of a week)."""
        moment = self.next_moment(after)
        while moment.date() != self.first_working_day_of_week(moment.date()):
            moment = self.next_moment(moment)
        return moment

    def next_moment(self, after: datetime) -> datetime:
        """The first tip moment strictly after ``after``."""
        day = after.astimezone(self.timezone).date()
        for offset in range(SEARCH_DAYS + 1):
            candidate = day + timedelta(days=offset)
            if candidate in self.working_days and self.moment(candidate) > after:
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
