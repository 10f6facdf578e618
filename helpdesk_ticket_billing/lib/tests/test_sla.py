from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpdesk_ticket_billing.lib.sla import (
    NoWorkingTime,
    add_working_time,
    deadline,
    merge,
    subtract,
    week_type,
    worked,
    working_intervals,
)

FAST = settings(max_examples=150, deadline=None)
BERLIN = "Europe/Berlin"
OFFICE = [(day, 9.0, 17.0) for day in range(5)]  # Monday to Friday, 9 to 17
ALWAYS = [(day, 0.0, 24.0) for day in range(7)]
H = timedelta(hours=1)
DAY = timedelta(days=1)


def berlin(*args):
    return datetime(*args, tzinfo=ZoneInfo(BERLIN))


def test_a_target_runs_over_the_weekend_in_working_hours():
    # Friday 15:00 + 4 working hours: 2 h on Friday, 2 h on Monday
    due = deadline(berlin(2026, 11, 27, 15), 4 * H, OFFICE, BERLIN)
    assert due == berlin(2026, 11, 30, 11)


def test_work_arriving_at_night_starts_counting_in_the_morning():
    due = deadline(berlin(2026, 11, 30, 22, 30), 1 * H, OFFICE, BERLIN)
    assert due == berlin(2026, 12, 1, 10)


def test_a_public_holiday_does_not_count():
    holiday = (berlin(2026, 12, 25), berlin(2026, 12, 26))  # a Friday
    due = deadline(berlin(2026, 12, 24, 16), 2 * H, OFFICE, BERLIN, closed=[holiday])
    assert due == berlin(2026, 12, 28, 10)  # Thursday 1 h, then Monday 1 h


def test_daylight_saving_days_have_their_real_length():
    # Berlin springs forward on 2026-03-29: that Sunday has 23 hours
    day = working_intervals(ALWAYS, BERLIN, berlin(2026, 3, 29), berlin(2026, 3, 30))
    assert worked(berlin(2026, 3, 29), berlin(2026, 3, 30), day) == 23 * H
    # 24 working hours from Saturday noon end on Sunday 13:00 local time
    assert deadline(berlin(2026, 3, 28, 12), 24 * H, ALWAYS, BERLIN) == berlin(
        2026, 3, 29, 13
    )
    # office hours the day after the change are still 9 to 17 local
    due = deadline(berlin(2026, 3, 27, 16), 2 * H, OFFICE, BERLIN)
    assert due == berlin(2026, 3, 30, 10)
    assert due.astimezone(UTC).hour == 8  # UTC+2 after the change


def test_the_creators_time_zone_changes_nothing():
    new_york = datetime(2026, 11, 30, 8, tzinfo=ZoneInfo("America/New_York"))
    tokyo = new_york.astimezone(ZoneInfo("Asia/Tokyo"))
    assert deadline(new_york, 4 * H, OFFICE, BERLIN) == deadline(
        tokyo, 4 * H, OFFICE, BERLIN
    )
    # 14:00 in Berlin: 3 h today, 1 h tomorrow
    assert deadline(new_york, 4 * H, OFFICE, BERLIN) == berlin(2026, 12, 1, 10)


def test_waiting_on_the_customer_stops_the_clock():
    start = berlin(2026, 11, 30, 9)
    waiting = (berlin(2026, 11, 30, 10), berlin(2026, 12, 1, 10))
    assert deadline(start, 2 * H, OFFICE, BERLIN, pauses=[waiting]) == berlin(
        2026, 12, 1, 11
    )
    # still waiting: no deadline yet
    assert deadline(start, 2 * H, OFFICE, BERLIN, pauses=[(waiting[0], None)]) is None
    # reached before the open pause began
    assert deadline(
        start, 1 * H, OFFICE, BERLIN, pauses=[(waiting[0], None)]
    ) == berlin(2026, 11, 30, 10)


def test_bad_calendars_and_moments_are_refused():
    with pytest.raises(NoWorkingTime):
        deadline(berlin(2026, 11, 30), H, [], BERLIN)
    with pytest.raises(ValueError):
        deadline(datetime(2026, 11, 30, 9), H, OFFICE, BERLIN)  # naive
    with pytest.raises(ValueError):
        deadline(berlin(2026, 11, 30), -H, OFFICE, BERLIN)
    with pytest.raises(ValueError):
        deadline(berlin(2026, 11, 30), H, [(0, 9.0, 25.0)], BERLIN)


def test_a_two_week_schedule_works_only_in_its_weeks():
    # Week 0: Monday to Friday; week 1: Monday only (Odoo's week parity).
    schedule = [(d, 9.0, 17.0, 0) for d in range(5)] + [(0, 9.0, 17.0, 1)]
    monday = berlin(2026, 11, 30, 9)
    assert {week_type(monday.date()), week_type(monday.date() + 7 * DAY)} == {0, 1}
    if week_type(monday.date()) == 1:
        monday += 7 * DAY
    # 5 days of 8 h in week 0, then 8 h on the Monday of week 1
    assert deadline(monday, 48 * H, schedule, BERLIN) == berlin(
        *(monday + 7 * DAY).timetuple()[:3], 17
    )
    # a Tuesday of week 0 works, one of week 1 waits for the Monday after
    assert deadline(monday + DAY, H, schedule, BERLIN) == monday + DAY + H
    tuesday = monday + 8 * DAY
    assert deadline(tuesday, H, schedule, BERLIN) == tuesday + 6 * DAY + H
    # the parity never skips at a year's end (ISO week 53, then week 1)
    assert week_type(date(2026, 12, 28)) != week_type(date(2027, 1, 4))
    with pytest.raises(ValueError):
        deadline(monday, H, [(0, 9.0, 17.0, 2)], BERLIN)
    with pytest.raises(ValueError):
        deadline(monday, H, [(7, 9.0, 17.0)], BERLIN)


def test_holidays_and_waiting_add_up():
    # Thursday 24 Dec 16:00, 3 h: Friday is a holiday, the customer is
    # asked a question on Monday 9:30 and answers on Tuesday at 11:00
    holiday = (berlin(2026, 12, 25), berlin(2026, 12, 26))
    waiting = (berlin(2026, 12, 28, 9, 30), berlin(2026, 12, 29, 11))
    due = deadline(
        berlin(2026, 12, 24, 16),
        3 * H,
        OFFICE,
        BERLIN,
        closed=[holiday],
        pauses=[waiting],
    )
    assert due == berlin(2026, 12, 29, 12, 30)  # 1 h + 0.5 h + 1.5 h


# ----------------------------------------------------------------- properties
moments = st.datetimes(
    datetime(2025, 1, 1), datetime(2027, 12, 31), timezones=st.just(UTC)
)
durations = st.integers(0, 60 * 80).map(lambda m: timedelta(minutes=m))
schedules = st.lists(
    st.tuples(
        st.integers(0, 6),
        st.integers(0, 47).map(lambda h: h / 2),
        st.integers(1, 48).map(lambda h: h / 2),
    ),
    min_size=1,
    max_size=8,
).filter(lambda a: sum(max(t - f, 0) for _d, f, t in a) >= 2)  # within the horizon
zones = st.sampled_from([BERLIN, "America/New_York", "Asia/Kolkata", "UTC"])


@FAST
@given(moments, durations, schedules, zones)
def test_exactly_the_target_of_working_time_elapses(start, duration, schedule, tz):
    due = deadline(start, duration, schedule, tz)
    assert due >= start
    intervals = working_intervals(schedule, tz, start, due + timedelta(days=1))
    assert worked(start, due, intervals) == duration
    if duration:  # it ends in working time, not in a gap after it
        assert any(s < due <= e for s, e in intervals)


@FAST
@given(moments, durations, durations, schedules, zones)
def test_a_longer_target_never_ends_earlier(start, first, second, schedule, tz):
    short, long = sorted((first, second))
    assert deadline(start, short, schedule, tz) <= deadline(start, long, schedule, tz)


@FAST
@given(moments, durations, schedules, zones, durations, durations)
def test_a_pause_never_brings_a_deadline_forward(
    start, duration, schedule, tz, offset, length
):
    pause = (start + offset, start + offset + length)
    plain = deadline(start, duration, schedule, tz)
    paused = deadline(start, duration, schedule, tz, pauses=[pause])
    assert paused >= plain
    intervals = subtract(
        working_intervals(schedule, tz, start, paused + timedelta(days=1)), [pause]
    )
    assert worked(start, paused, intervals) == duration


@FAST
@given(st.lists(st.tuples(moments, durations), max_size=6))
def test_merge_keeps_the_covered_time(pairs):
    intervals = [(s, s + d) for s, d in pairs]
    merged = merge(intervals)
    assert all(a[1] < b[0] for a, b in zip(merged, merged[1:], strict=False))
    for s, e in intervals:
        if s < e:
            assert add_working_time(s, e - s, merged) == e or any(
                ms <= s and e <= me for ms, me in merged
            )


@FAST
@given(moments, durations, schedules, zones)
def test_a_schedule_repeated_in_both_weeks_is_the_weekly_one(
    start, duration, schedule, tz
):
    both = [(*a, week) for a in schedule for week in (0, 1)]
    assert deadline(start, duration, both, tz) == deadline(
        start, duration, schedule, tz
    )


@FAST
@given(moments, durations, schedules, zones, st.sampled_from([0, 1]))
def test_a_one_week_schedule_ends_only_in_its_week(start, duration, schedule, tz, week):
    alternate = [(*a, week) for a in schedule]
    due = deadline(start, duration, alternate, tz)
    if duration:
        local = due.astimezone(ZoneInfo(tz))
        # the deadline ends a working moment of that week (or exactly at
        # midnight after it, when the work runs to 24:00)
        assert week in (
            week_type(local.date()),
            week_type((local - timedelta(microseconds=1)).date()),
        )
