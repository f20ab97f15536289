"""When the daily tip is due: working mornings in Copenhagen time, never on a Danish holiday."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.tips.schedule import TipSchedule, seconds_until
from tests.tips.calendar import REGION_DAYS

CPH = ZoneInfo("Europe/Copenhagen")
SCHEDULE = TipSchedule(time(9, 0), CPH, REGION_DAYS)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 11, 25), True),  # an ordinary Wednesday
        (date(2026, 11, 28), False),  # Saturday
        (date(2026, 11, 29), False),  # Sunday
        (date(2026, 12, 24), False),  # juleaftensdag: a day off for regional staff
        (date(2026, 12, 25), False),  # juledag
        (date(2026, 12, 28), True),  # the Monday after Christmas
        (date(2026, 12, 31), False),  # nytårsaftensdag
        (date(2027, 1, 1), False),  # nytårsdag
        (date(2027, 3, 25), False),  # skærtorsdag 2027
        (date(2027, 3, 26), False),  # langfredag
        (date(2027, 3, 29), False),  # 2. påskedag
        (date(2027, 4, 23), True),  # what was store bededag is a working day since 2024
        (date(2027, 5, 6), False),  # Kristi himmelfartsdag
        (date(2027, 5, 17), False),  # 2. pinsedag
        (date(2027, 6, 4), True),  # Friday before Grundlovsdag
        (date(2027, 6, 5), False),  # Grundlovsdag (a Saturday in 2027 anyway)
        (date(2026, 6, 5), False),  # Grundlovsdag on a Friday
    ],
)
def test_tips_go_out_on_working_days_only(day: date, working: bool) -> None:
    """Weekends, public holidays and the days off by agreement get no tip."""
    assert (day in REGION_DAYS) is working


def test_the_tip_is_due_from_nine_until_the_end_of_the_same_day() -> None:
    """At 08:59 nothing is due; at 09:00 and at 16:00 (a server back from a crash) today's tip is."""
    wednesday = date(2026, 11, 25)
    assert SCHEDULE.due_day(datetime(2026, 11, 25, 8, 59, tzinfo=CPH)) is None
    assert SCHEDULE.due_day(datetime(2026, 11, 25, 9, 0, tzinfo=CPH)) == wednesday
    assert SCHEDULE.due_day(datetime(2026, 11, 25, 16, 0, tzinfo=CPH)) == wednesday
    assert SCHEDULE.due_day(datetime(2026, 11, 28, 10, 0, tzinfo=CPH)) is None  # Saturday


def test_nine_oclock_is_local_time_in_winter_and_in_summer() -> None:
    """09:00 in Copenhagen is 08:00 UTC in winter and 07:00 UTC in summer."""
    assert SCHEDULE.moment(date(2026, 11, 25)).astimezone(UTC).hour == 8
    assert SCHEDULE.moment(date(2027, 6, 1)).astimezone(UTC).hour == 7


def test_the_weekend_summer_time_starts_the_next_tip_is_at_nine_local() -> None:
    """Summer time starts on Sunday 2027-03-28 (Easter); the next tip is Tuesday 07:00 UTC (09:00 local).

    From Saturday 00:00 to Tuesday 09:00 is 81 wall-clock hours but only 80 real ones: the loop must
    sleep 80.
    """
    wednesday_after_tip = datetime(2027, 3, 24, 10, 0, tzinfo=CPH)
    tuesday = SCHEDULE.next_moment(wednesday_after_tip)
    assert tuesday == datetime(2027, 3, 30, 9, 0, tzinfo=CPH)  # Thu, Fri and Mon of Easter are holidays
    assert tuesday.astimezone(UTC) == datetime(2027, 3, 30, 7, 0, tzinfo=UTC)
    saturday_midnight = datetime(2027, 3, 27, 0, 0, tzinfo=CPH)
    assert (
        seconds_until(SCHEDULE.next_moment(saturday_midnight), saturday_midnight) == (3 * 24 + 9 - 1) * 3600
    )


def test_the_weekend_summer_time_ends_the_loop_sleeps_one_hour_longer() -> None:
    """Summer time ends on Sunday 2026-10-25 at 03:00; Friday 09:00 to Monday 09:00 is 73 real hours."""
    friday = SCHEDULE.moment(date(2026, 10, 23))
    monday = SCHEDULE.next_moment(friday)
    assert monday == datetime(2026, 10, 26, 9, 0, tzinfo=CPH)
    assert seconds_until(monday, friday) == 73 * 3600


def test_the_next_tip_after_christmas_skips_every_day_off() -> None:
    """From the morning of 23 December 2026 the next tip after that day's is on Monday 28 December."""
    after_tip = datetime(2026, 12, 23, 9, 30, tzinfo=CPH)
    assert SCHEDULE.next_moment(after_tip) == datetime(2026, 12, 28, 9, 0, tzinfo=CPH)


def test_a_configured_time_and_timezone_are_honoured() -> None:
    """KODEKS_TIP_TIME=07:30 in another timezone gives 07:30 there."""
    schedule = TipSchedule(time(7, 30), ZoneInfo("America/New_York"), REGION_DAYS)
    moment = schedule.next_moment(datetime(2026, 11, 25, 13, 0, tzinfo=UTC))  # 08:00 there
    assert moment.astimezone(ZoneInfo("America/New_York")).time() == time(7, 30)
    assert moment.date() == date(2026, 11, 26)


@pytest.mark.parametrize(
    ("moment", "week"),
    [
        (datetime(2027, 3, 22, 9, 0, tzinfo=CPH), date(2027, 3, 22)),  # an ordinary Monday at nine
        (datetime(2027, 3, 22, 8, 59, tzinfo=CPH), None),  # before the tip time
        (datetime(2027, 3, 23, 9, 5, tzinfo=CPH), None),  # Tuesday: the week's dilemma was Monday's
        (datetime(2027, 3, 29, 9, 5, tzinfo=CPH), None),  # 2. påskedag is a day off
        (datetime(2027, 3, 30, 9, 5, tzinfo=CPH), date(2027, 3, 29)),  # so Tuesday opens that week
    ],
)
def test_a_weekly_post_is_due_on_the_first_working_day_of_the_iso_week_only(
    moment: datetime, week: date | None
) -> None:
    """The weekly dilemma's week (by its Monday) is due on its first working day at tip time, else never."""
    assert SCHEDULE.due_week(moment) == week


def test_the_next_weekly_moment_skips_to_the_first_working_day_of_the_next_week() -> None:
    """After Monday's dilemma the next one is the Tuesday after Easter Monday, at nine."""
    after = datetime(2027, 3, 22, 10, 0, tzinfo=CPH)

    assert SCHEDULE.next_weekly_moment(after) == datetime(2027, 3, 30, 9, 0, tzinfo=CPH)
