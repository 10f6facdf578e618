from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service_remote_timer.lib.session import (
    IntervalError,
    check_intervals,
    elapsed_seconds,
    format_elapsed,
    interval_seconds,
)

T0 = datetime(2026, 3, 15, 9, 0, 0)


def at(minutes):
    return T0 + timedelta(minutes=minutes)


def test_elapsed_adds_closed_intervals_and_the_running_one_until_now():
    intervals = [(at(0), at(10)), (at(20), at(25)), (at(30), None)]
    assert elapsed_seconds(intervals, now=at(32)) == (10 + 5 + 2) * 60


def test_elapsed_of_nothing_is_zero():
    assert elapsed_seconds([], now=T0) == 0


def test_a_running_interval_started_after_now_counts_zero_not_negative():
    assert interval_seconds(at(5), None, now=at(0)) == 0


def test_stop_before_start_is_refused():
    with pytest.raises(IntervalError) as error:
        check_intervals([(at(0), at(10)), (at(30), at(20))])
    assert error.value.kind == "order"
    assert error.value.index == 1


def test_overlapping_intervals_are_refused_whatever_their_order():
    with pytest.raises(IntervalError) as error:
        check_intervals([(at(20), at(40)), (at(0), at(25))])
    assert error.value.kind == "overlap"


def test_an_interval_after_a_running_one_is_refused():
    with pytest.raises(IntervalError) as error:
        check_intervals([(at(0), None), (at(10), at(20))])
    assert error.value.kind == "overlap"
    with pytest.raises(IntervalError) as error:
        check_intervals([(at(0), None), (at(10), None)])
    assert error.value.kind == "open"


def test_touching_intervals_are_fine():
    check_intervals([(at(0), at(10)), (at(10), at(20)), (at(20), None)])


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0:00:00"),
        (59, "0:00:59"),
        (3599, "0:59:59"),
        (3600, "1:00:00"),
        (90061, "25:01:01"),
        (-5, "0:00:00"),
    ],
)
def test_format_elapsed(seconds, text):
    assert format_elapsed(seconds) == text


gaps = st.lists(
    st.tuples(st.integers(0, 600), st.integers(0, 600)), min_size=0, max_size=8
)


@given(gaps, st.booleans(), st.integers(0, 600))
def test_disjoint_intervals_pass_and_elapsed_is_their_sum(pairs, running, extra):
    """Intervals laid end to end (gap, length) pass; elapsed = sum of lengths."""
    intervals, cursor, total = [], T0, 0
    for gap, length in pairs:
        start = cursor + timedelta(seconds=gap)
        stop = start + timedelta(seconds=length)
        intervals.append((start, stop))
        cursor, total = stop, total + length
    now = cursor + timedelta(seconds=extra)
    if running:
        intervals.append((cursor, None))
        total += extra
    check_intervals(intervals)
    assert elapsed_seconds(intervals, now) == total
    assert elapsed_seconds(list(reversed(intervals)), now) == total


@given(st.integers(0, 10**7))
def test_format_elapsed_round_trips(seconds):
    hours, minutes, secs = (int(part) for part in format_elapsed(seconds).split(":"))
    assert hours * 3600 + minutes * 60 + secs == seconds
    assert 0 <= minutes < 60 and 0 <= secs < 60
