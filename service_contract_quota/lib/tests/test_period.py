from datetime import date, datetime, timedelta
from decimal import Decimal as D

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from service_contract_quota.lib.period import (
    CONTRACT_RULES,
    KINDS,
    carried_over,
    is_active,
    kind_for_contract,
    period_bounds,
    period_index,
    period_start_of_index,
)

FAST = settings(max_examples=200, deadline=None)
DAY = timedelta(days=1)

dates = st.dates(date(2000, 1, 1), date(2090, 12, 31))
repeating = st.sampled_from([kind for kind in KINDS if kind != "once"])
intervals = st.integers(1, 5)
amounts = st.decimals(0, 1000, places=2)


def ordered_dates(count):
    return st.lists(dates, min_size=count, max_size=count).map(sorted)


def iso(value):
    return value and date.fromisoformat(value)


@pytest.mark.parametrize(
    ("day", "start", "end", "kind", "interval", "first", "last"),
    [
        ("2026-02-14", "2026-01-01", None, "month", 1, "2026-02-01", "2026-02-28"),
        ("2026-01-01", "2026-01-01", None, "month", 1, "2026-01-01", "2026-01-31"),
        ("2026-01-31", "2026-01-01", None, "month", 1, "2026-01-01", "2026-01-31"),
        ("2026-02-27", "2026-01-31", None, "month", 1, "2026-01-31", "2026-02-27"),
        ("2026-02-28", "2026-01-31", None, "month", 1, "2026-02-28", "2026-03-30"),
        ("2026-03-31", "2026-01-31", None, "month", 1, "2026-03-31", "2026-04-29"),
        ("2026-04-01", "2026-01-15", None, "month", 2, "2026-03-15", "2026-05-14"),
        ("2026-05-20", "2026-01-01", None, "quarter", 1, "2026-04-01", "2026-06-30"),
        ("2026-12-31", "2026-02-01", None, "quarter", 1, "2026-11-01", "2027-01-31"),
        ("2026-09-01", "2026-01-01", None, "quarter", 2, "2026-07-01", "2026-12-31"),
        ("2026-07-01", "2026-01-01", None, "half_year", 1, "2026-07-01", "2026-12-31"),
        ("2026-06-30", "2026-01-01", None, "half_year", 1, "2026-01-01", "2026-06-30"),
        ("2028-02-29", "2024-02-29", None, "year", 1, "2028-02-29", "2029-02-27"),
        ("2026-09-09", "2026-01-01", "2026-09-10", "year", 1,
         "2026-01-01", "2026-09-10"),
        ("2026-03-03", "2026-01-01", "2026-03-10", "month", 1,
         "2026-03-01", "2026-03-10"),
        ("2026-01-08", "2026-01-01", None, "weeks", 1, "2026-01-08", "2026-01-14"),
        ("2026-01-20", "2026-01-01", None, "weeks", 2, "2026-01-15", "2026-01-28"),
        ("2026-01-05", "2026-01-01", None, "days", 3, "2026-01-04", "2026-01-06"),
        ("2026-06-01", "2026-01-01", "2026-12-01", "once", 1,
         "2026-01-01", "2026-12-01"),
    ],
)  # fmt: skip
def test_bounds_examples(day, start, end, kind, interval, first, last):
    bounds = period_bounds(iso(day), iso(start), iso(end), kind, interval)
    assert bounds == (iso(first), iso(last))


def test_period_index_and_start_examples():
    start = date(2026, 1, 31)
    assert period_index(date(2026, 2, 27), start, None, "month") == 0
    assert period_index(date(2026, 2, 28), start, None, "month") == 1
    assert period_index(date(2027, 1, 31), start, None, "month") == 12
    assert period_index(date(2027, 1, 30), start, None, "month") == 11
    assert period_start_of_index(1, start, "month") == date(2026, 2, 28)
    assert period_start_of_index(3, start, "month") == date(2026, 4, 30)
    assert period_start_of_index(2, start, "quarter") == date(2026, 7, 31)
    assert period_start_of_index(1, date(2024, 2, 29), "year") == date(2025, 2, 28)
    assert period_start_of_index(4, date(2024, 2, 29), "year") == date(2028, 2, 29)
    assert period_start_of_index(2, start, "weeks", 2) == date(2026, 2, 28)
    assert period_start_of_index(0, start, "once") == start
    assert period_index(date(2026, 9, 1), start, date(2026, 12, 31), "once") == 0


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((date(2025, 12, 31), date(2026, 1, 1), None, "month"), ValueError),
        ((date(2026, 2, 1), date(2026, 1, 1), date(2026, 1, 31), "month"), ValueError),
        ((date(2026, 1, 1), date(2026, 1, 1), date(2025, 1, 31), "month"), ValueError),
        ((date(2026, 1, 1), date(2026, 1, 1), None, "month", 0), ValueError),
        ((date(2026, 1, 1), date(2026, 1, 1), None, "fortnight"), ValueError),
        ((date(2026, 1, 1), date(2026, 1, 1), None, "once"), ValueError),
        ((datetime(2026, 1, 1), date(2026, 1, 1), None, "month"), TypeError),
        ((date(2026, 1, 1), date(2026, 1, 1), None, "month", 1.0), TypeError),
    ],
)  # fmt: skip
def test_bounds_errors(args, error):
    with pytest.raises(error):
        period_bounds(*args)
    with pytest.raises(error):
        period_index(*args)


def test_start_of_index_errors():
    with pytest.raises(ValueError):
        period_start_of_index(-1, date(2026, 1, 1), "month")
    with pytest.raises(ValueError):
        period_start_of_index(1, date(2026, 1, 1), "once")
    with pytest.raises(ValueError):
        period_start_of_index(1, date(2026, 1, 1), "decade")


def test_kind_for_contract():
    assert kind_for_contract("monthly", 1) == ("month", 1)
    assert kind_for_contract("monthlylastday", 2) == ("month", 2)
    assert kind_for_contract("semesterly", 1) == ("half_year", 1)
    assert kind_for_contract("weekly", 3) == ("weeks", 3)
    assert set(CONTRACT_RULES) >= {"daily", "quarterly", "yearly"}
    with pytest.raises(ValueError):
        kind_for_contract("hourly", 1)
    with pytest.raises(ValueError):
        kind_for_contract("monthly", 0)


def test_is_active():
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    assert is_active(start, start, end)
    assert is_active(end, start, end)
    assert not is_active(start - DAY, start, end)
    assert not is_active(end + DAY, start, end)
    assert is_active(date(2099, 1, 1), start, None)
    assert not is_active(start, None, end)
    assert not is_active(start, None, None)


def test_carried_over_examples():
    assert carried_over(D(10), D(5), []) == [D(10)]
    assert carried_over(D(10), D(5), [D(2), D(12), D(0)]) == [
        D(10), D(15), D(13), D(15)
    ]  # fmt: skip
    assert carried_over(10, 3, [20]) == [D(10), D(10)]
    assert carried_over(D(10), None, [D(0), D(0)]) == [D(10)] * 3
    assert carried_over(D(10), D(0), [D(0)]) == [D(10)] * 2
    assert carried_over(D(10), D(100), [D(0), D(0)]) == [D(10), D(20), D(30)]


@pytest.mark.parametrize(
    "args", [(D(-1), None, []), (D(1), D(-1), []), (D(1), None, [D(-1)])]
)
def test_carried_over_errors(args):
    with pytest.raises(ValueError):
        carried_over(*args)


@FAST
@given(ordered_dates(3), st.booleans(), repeating, intervals)
def test_day_lies_in_its_period(days, open_ended, kind, interval):
    start, day, end = days
    end = None if open_ended else end
    first, last = period_bounds(day, start, end, kind, interval)
    assert start <= first <= day <= last
    assert end is None or last <= end
    index = period_index(day, start, end, kind, interval)
    assert period_start_of_index(index, start, kind, interval) == first
    next_start = period_start_of_index(index + 1, start, kind, interval)
    assert last == next_start - DAY or last == end


@FAST
@given(dates, st.integers(0, 800), st.none() | st.integers(0, 3000), repeating,
       intervals)  # fmt: skip
def test_periods_tile_the_timeline(start, offset, length, kind, interval):
    day = start + timedelta(days=offset)
    end = None if length is None else start + timedelta(days=length)
    assume(end is None or day + DAY <= end)
    today = period_bounds(day, start, end, kind, interval)
    tomorrow = period_bounds(day + DAY, start, end, kind, interval)
    assert today == tomorrow or tomorrow[0] == today[1] + DAY
    assert today == tomorrow or today[1] == day
    if day == start:
        assert today[0] == start


@FAST
@given(ordered_dates(3))
def test_once_is_a_single_period(days):
    start, day, end = days
    assert period_bounds(day, start, end, "once") == (start, end)
    assert period_index(day, start, end, "once") == 0


@FAST
@given(amounts, st.none() | amounts, st.lists(amounts, max_size=12))
def test_rollover_stays_between_base_and_cap(base, cap, used):
    allowances = carried_over(base, cap, used)
    assert len(allowances) == len(used) + 1
    assert allowances[0] == base
    for index, spent in enumerate(used):
        previous, allowance = allowances[index], allowances[index + 1]
        assert base <= allowance <= base + (cap or 0)
        assert allowance - base == min(max(previous - spent, 0), cap or 0)


def test_topups_add_to_their_period_and_roll_over():
    # 60 base, a 120 top-up in period 0, 100 used: 80 unused, capped at 50.
    assert carried_over(D(60), D(50), [D(100)], [D(120)]) == [D(180), D(110)]
    # a top-up in the current period counts there only
    assert carried_over(D(60), None, [D(60)], [D(0), D(15)]) == [D(60), D(75)]
    with pytest.raises(ValueError):
        carried_over(D(60), None, [], [D(-1)])
    with pytest.raises(ValueError):
        carried_over(D(60), None, [], [D(1), D(2)])


@FAST
@given(amounts, st.none() | amounts, st.lists(st.tuples(amounts, amounts), max_size=8))
def test_topups_never_lower_an_allowance(base, cap, periods):
    used = [spent for spent, _topup in periods]
    topups = [topup for _spent, topup in periods]
    with_topups = carried_over(base, cap, used, topups)
    without = carried_over(base, cap, used)
    assert all(a >= b for a, b in zip(with_topups, without, strict=True))
