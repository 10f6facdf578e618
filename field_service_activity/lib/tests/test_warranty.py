from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from field_service_activity.lib.warranty import under_warranty, warranty_days_left

FAST = settings(max_examples=200, deadline=None)
days = st.dates(date(2000, 1, 1), date(2060, 12, 31))


def test_last_day_is_covered_and_the_next_is_not():
    end = date(2026, 3, 31)
    assert under_warranty(end, date(2026, 3, 30))
    assert under_warranty(end, end)
    assert not under_warranty(end, date(2026, 4, 1))
    assert warranty_days_left(end, end) == 1
    assert warranty_days_left(end, date(2026, 4, 1)) == 0


def test_no_end_date_means_no_warranty():
    assert not under_warranty(None, date(2026, 1, 1))
    assert not under_warranty(False, date(2026, 1, 1))
    assert warranty_days_left(None, date(2026, 1, 1)) == 0


def test_leap_day_end():
    end = date(2028, 2, 29)
    assert under_warranty(end, end)
    assert not under_warranty(end, date(2028, 3, 1))


@FAST
@given(days, days)
def test_covered_exactly_up_to_the_end(end, day):
    assert under_warranty(end, day) == (day <= end)
    assert under_warranty(end, end - timedelta(days=1))
    assert not under_warranty(end, end + timedelta(days=1))
    left = warranty_days_left(end, day)
    assert (left > 0) == under_warranty(end, day)
    if left:
        assert day + timedelta(days=left - 1) == end
