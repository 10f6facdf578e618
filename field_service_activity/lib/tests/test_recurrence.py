import calendar
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from field_service_activity.lib.recurrence import next_occurrence

FAST = settings(max_examples=200, deadline=None)


def series(anchor, interval, unit, count, until=None):
    """The first ``count`` occurrences, each computed from the previous one."""
    found, current = [anchor], anchor
    while len(found) < count:
        current = next_occurrence(anchor, current, interval, unit, until)
        if current is None:
            break
        found.append(current)
    return found


def test_monthly_from_january_31_keeps_the_month_end():
    anchor = datetime(2025, 1, 31, 9, 0)
    days = [moment.date() for moment in series(anchor, 1, "monthly", 5)]
    assert days == [
        date(2025, 1, 31),
        date(2025, 2, 28),
        date(2025, 3, 31),
        date(2025, 4, 30),
        date(2025, 5, 31),
    ]


def test_leap_year_february_has_29_days():
    anchor = datetime(2028, 1, 31, 9, 0)
    assert next_occurrence(anchor, anchor, 1, "monthly").date() == date(2028, 2, 29)


def test_yearly_from_february_29_falls_on_february_28():
    anchor = datetime(2024, 2, 29, 8, 30)
    days = [moment.date() for moment in series(anchor, 1, "yearly", 5)]
    assert days == [
        date(2024, 2, 29),
        date(2025, 2, 28),
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]


def test_every_two_weeks_keeps_the_time_of_day():
    anchor = datetime(2026, 3, 2, 14, 15)
    assert next_occurrence(anchor, anchor, 2, "weekly") == datetime(2026, 3, 16, 14, 15)


def test_next_after_a_late_visit_stays_on_the_schedule():
    """Done two weeks late: the next yearly visit is still on the anchor's day."""
    anchor = datetime(2025, 5, 10, 9, 0)
    late = datetime(2025, 5, 24, 9, 0)
    assert next_occurrence(anchor, late, 1, "yearly") == datetime(2026, 5, 10, 9, 0)


def test_until_is_the_last_day_included():
    anchor = datetime(2026, 1, 15, 9, 0)
    assert next_occurrence(anchor, anchor, 1, "monthly", date(2026, 2, 15)) == (
        datetime(2026, 2, 15, 9, 0)
    )
    assert next_occurrence(anchor, anchor, 1, "monthly", date(2026, 2, 14)) is None


def test_local_wall_time_survives_daylight_saving():
    berlin = ZoneInfo("Europe/Berlin")
    anchor = datetime(2026, 3, 16, 9, 0, tzinfo=berlin)
    following = next_occurrence(anchor, anchor, 2, "weekly")
    assert following == datetime(2026, 3, 30, 9, 0, tzinfo=berlin)
    assert following.utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize(
    ("interval", "unit", "until"),
    [
        (0, "monthly", None),
        (-1, "weekly", None),
        (1, "daily", None),
        (1.5, "monthly", None),
        (1, "monthly", date(2025, 12, 31)),
    ],
)
def test_broken_schedules_are_refused(interval, unit, until):
    anchor = datetime(2026, 1, 1, 9, 0)
    with pytest.raises(ValueError):
        next_occurrence(anchor, anchor, interval, unit, until)


anchors = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2090, 12, 31)
).map(lambda moment: moment.replace(second=0, microsecond=0))


@FAST
@given(anchors, st.integers(1, 12), st.integers(0, 40))
def test_monthly_day_is_the_anchors_or_the_month_end(anchor, interval, steps):
    occurrence = anchor
    for _step in range(steps):
        occurrence = next_occurrence(anchor, occurrence, interval, "monthly")
    months = (occurrence.year - anchor.year) * 12 + occurrence.month - anchor.month
    assert months == steps * interval
    month_end = calendar.monthrange(occurrence.year, occurrence.month)[1]
    assert occurrence.day == min(anchor.day, month_end)
    assert occurrence.time() == anchor.time()


@FAST
@given(
    anchors,
    st.integers(1, 6),
    st.sampled_from(["weekly", "monthly", "yearly"]),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3000)),
)
def test_next_is_the_first_occurrence_after(anchor, interval, unit, delay):
    after = anchor + delay
    found = next_occurrence(anchor, after, interval, unit)
    assert found > after
    # no occurrence of the series lies between ``after`` and the one found
    previous = anchor
    while True:
        following = next_occurrence(anchor, previous, interval, unit)
        if following >= found:
            break
        assert following <= after
        previous = following
    assert following == found
