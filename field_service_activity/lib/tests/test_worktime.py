from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from field_service_activity.lib.worktime import (
    EMPTY,
    FUTURE_DAY,
    FUTURE_START,
    MAX_ENTRY,
    NEGATIVE,
    STOP_BEFORE_START,
    TOO_LONG,
    WorktimeError,
    check_entered,
    check_hours,
    check_running,
    check_span,
    format_hours,
)

FAST = settings(max_examples=200, deadline=None)
NOW = datetime(2026, 3, 15, 10, 0)
TODAY = NOW.date()


def reason(call, *args):
    with pytest.raises(WorktimeError) as caught:
        call(*args)
    return caught.value.reason


def test_a_span_gives_its_hours():
    span = check_span(NOW - timedelta(hours=1, minutes=30), NOW, NOW)
    assert span.hours == 1.5
    assert check_span(NOW, NOW, NOW).hours == 0  # stop pressed at the start


def test_stop_before_start_is_refused_not_read_as_23_hours():
    start = NOW - timedelta(hours=1)
    assert reason(check_span, start, start - timedelta(hours=1), NOW) == (
        STOP_BEFORE_START
    )


def test_a_start_in_the_future_is_refused():
    later = NOW + timedelta(hours=2)
    assert reason(check_running, later, NOW) == FUTURE_START
    assert reason(check_span, later, later + timedelta(hours=1), NOW) == FUTURE_START
    check_running(NOW + timedelta(seconds=30), NOW)  # clock drift is tolerated


def test_more_than_a_day_in_one_entry_is_refused_not_read_as_2_hours():
    start = NOW - timedelta(hours=26)
    assert reason(check_span, start, NOW, NOW) == TOO_LONG
    assert check_span(NOW - MAX_ENTRY, NOW, NOW).hours == 24


def test_entered_time():
    assert check_entered(TODAY, 0.75, TODAY) == 0.75
    assert check_entered(TODAY - timedelta(days=3), 24, TODAY) == 24
    assert reason(check_entered, TODAY, -1, TODAY) == NEGATIVE
    assert reason(check_entered, TODAY, 0, TODAY) == EMPTY
    assert reason(check_entered, TODAY, 24.5, TODAY) == TOO_LONG
    assert reason(check_entered, date(2026, 3, 16), 1, TODAY) == FUTURE_DAY


@FAST
@given(
    st.datetimes(datetime(2020, 1, 1), datetime(2030, 1, 1)),
    st.timedeltas(timedelta(hours=-48), timedelta(hours=48)),
)
def test_a_span_is_either_refused_or_between_0_and_24_hours(start, length):
    stop = start + length
    now = max(start, stop)
    try:
        span = check_span(start, stop, now)
    except WorktimeError as error:
        assert error.reason in (STOP_BEFORE_START, TOO_LONG)
        assert length < timedelta(0) or length > MAX_ENTRY
    else:
        assert 0 <= span.hours <= 24
        assert span.hours == pytest.approx(length.total_seconds() / 3600)


def test_format_hours():
    assert format_hours(1.5) == "1:30"
    assert format_hours(0) == "0:00"
    assert format_hours(0.999) == "1:00"
    assert format_hours(10 + 5 / 60) == "10:05"
    with pytest.raises(ValueError):
        format_hours(-1)


def test_hours_of_a_measured_entry_may_be_zero():
    assert check_hours(0, allow_zero=True) == 0
    assert reason(check_hours, 0) == EMPTY
    assert reason(check_hours, -0.5, True) == NEGATIVE
    assert reason(check_hours, 25, True) == TOO_LONG
