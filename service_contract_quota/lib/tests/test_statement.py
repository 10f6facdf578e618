from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ..statement import (
    batches,
    is_first_of_month,
    local_day,
    month_of,
    previous_month,
    utc_bounds,
)


def test_previous_month_is_taken_in_the_company_time_zone():
    # 23:30 UTC on March 31 is already April 1 in Berlin, still March in New York
    now = datetime(2026, 3, 31, 23, 30)
    assert previous_month(now, "Europe/Berlin") == (date(2026, 3, 1), date(2026, 3, 31))
    assert previous_month(now, "America/New_York") == (
        date(2026, 2, 1),
        date(2026, 2, 28),
    )
    assert is_first_of_month(now, "Europe/Berlin")
    assert not is_first_of_month(now, "America/New_York")


def test_previous_month_of_january_is_december_and_leap_february_has_29_days():
    assert previous_month(datetime(2026, 1, 1, 12), "UTC") == (
        date(2025, 12, 1),
        date(2025, 12, 31),
    )
    assert previous_month(datetime(2024, 3, 1, 12), None) == (
        date(2024, 2, 1),
        date(2024, 2, 29),
    )


def test_utc_bounds_cover_the_local_days():
    start, end = utc_bounds(date(2026, 3, 1), date(2026, 3, 31), "Europe/Berlin")
    assert start == datetime(2026, 2, 28, 23, 0)  # CET +1
    assert end == datetime(2026, 3, 31, 22, 0)  # CEST +2 after the switch
    with pytest.raises(ValueError):
        utc_bounds(date(2026, 3, 2), date(2026, 3, 1), "UTC")


def test_batches_slice_everything_once():
    assert list(batches([1, 2, 3, 4, 5], 2)) == [[1, 2], [3, 4], [5]]
    assert list(batches([], 3)) == []
    with pytest.raises(ValueError):
        list(batches([1], 0))


@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["UTC", "Europe/Berlin", "Pacific/Kiritimati", "Pacific/Niue"]),
)
def test_previous_month_ends_the_day_before_the_local_month_starts(now, tz):
    first, last = previous_month(now, tz)
    today = local_day(now, tz)
    assert first.day == 1
    assert last + timedelta(days=1) == today.replace(day=1)
    assert month_of(last) == (first, last)
    start, end = utc_bounds(first, last, tz)
    assert start < end
