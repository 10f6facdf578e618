from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from field_service_activity.lib.readings import (
    Reading,
    find_conflict,
    is_future,
    meter_key,
)

FAST = settings(max_examples=200, deadline=None)
JAN = datetime(2026, 1, 1, 8)


def day(n, value, key=None):
    return Reading(key or n, JAN + timedelta(days=n), value)


def test_lower_than_the_previous_reading_is_refused():
    others = [day(1, 100), day(5, 150)]
    assert find_conflict(day(10, 149.5, "new"), others) == ("previous", others[1])
    assert find_conflict(day(10, 150, "new"), others) is None
    assert find_conflict(day(10, 151, "new"), others) is None


def test_back_dated_reading_must_fit_between_its_neighbours():
    others = [day(1, 100), day(5, 150), day(9, 200)]
    assert find_conflict(day(3, 120, "new"), others) is None
    assert find_conflict(day(3, 160, "new"), others) == ("later", others[1])
    assert find_conflict(day(3, 90, "new"), others) == ("previous", others[0])
    # the nearest contradicted later reading is named
    assert find_conflict(day(0, 300, "new"), others) == ("later", others[0])


def test_same_moment_counts_as_before():
    others = [day(1, 100)]
    assert find_conflict(day(1, 99, "new"), others) == ("previous", others[0])
    assert find_conflict(day(1, 100, "new"), others) is None


def test_meter_names_ignore_case_and_blanks():
    assert meter_key("  Operating   hours ") == meter_key("operating hours")
    assert meter_key("Copies") != meter_key("Operating hours")
    assert meter_key(None) == ""


def test_future_beyond_clock_skew():
    now = datetime(2026, 3, 15, 10)
    assert not is_future(now + timedelta(minutes=4), now)
    assert is_future(now + timedelta(minutes=6), now)
    assert is_future(now + timedelta(days=1), now)
    assert not is_future(now - timedelta(days=1), now)


@FAST
@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=12), st.data())
def test_any_increasing_series_accepts_a_fitting_reading(values, data):
    values.sort()
    others = [day(n, value) for n, value in enumerate(values)]
    position = data.draw(st.integers(0, len(values)))
    low = values[position - 1] if position else 0
    high = values[position] if position < len(values) else low + 1000
    value = data.draw(st.integers(low, max(low, high)))
    new = Reading("new", JAN + timedelta(days=position, hours=-1), value)
    if low <= value <= high:
        assert find_conflict(new, others) is None
    conflict = find_conflict(Reading("new", new.moment, high + 1), others)
    if position < len(values):
        assert conflict and conflict[0] == "later"
