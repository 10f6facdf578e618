from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service_contract_quota.lib.explain import rounding_reason, worked_minutes
from service_contract_quota.lib.rounding import (
    MODES,
    RoundingRule,
    billable_minutes,
    billable_of_entries,
    billable_quantity,
)

FAST = settings(max_examples=200, deadline=None)

rules = st.builds(
    RoundingRule,
    minimum=st.integers(0, 999),
    step=st.integers(0, 999),
    mode=st.sampled_from(MODES),
    grace_seconds=st.integers(0, 600),
)
time_rules = rules.filter(lambda rule: not rule.per_unit)
durations = st.one_of(
    st.integers(0, 10**6),
    st.floats(0, 10**6, allow_nan=False, allow_infinity=False),
)


@pytest.mark.parametrize(
    ("rule", "seconds", "expected"),
    [
        (RoundingRule(minimum=10, step=5), 61, 10),
        (RoundingRule(minimum=10, step=5), 11 * 60 + 1, 15),
        (RoundingRule(minimum=10, step=5), 15 * 60, 15),
        (RoundingRule(step=15, mode="nearest"), 7 * 60 + 29, 0),
        (RoundingRule(step=15, mode="nearest"), 7 * 60 + 30, 15),
        (RoundingRule(step=15, mode="nearest"), 22 * 60 + 29, 15),
        (RoundingRule(step=15, mode="down"), 29 * 60 + 59, 15),
        (RoundingRule(minimum=20, step=15, mode="down"), 60, 20),
        (RoundingRule(minimum=20, step=15, mode="nearest"), 60, 20),
        # a minimum that is not a multiple of the step: steps count from it
        (RoundingRule(minimum=5, step=15), 4 * 60, 5),
        (RoundingRule(minimum=5, step=15), 6 * 60, 20),
        (RoundingRule(minimum=5, step=15), 20 * 60, 20),
        (RoundingRule(minimum=5, step=15), 21 * 60, 35),
        (RoundingRule(minimum=5, step=15, mode="down"), 34 * 60, 20),
        (RoundingRule(minimum=1, grace_seconds=30), 30, 0),
        (RoundingRule(minimum=1, grace_seconds=30), 31, 1),
        (RoundingRule(minimum=1, grace_seconds=30), 125, 3),
        (RoundingRule(minimum=1, mode="nearest"), 150, 3),
        (RoundingRule(minimum=1, mode="nearest"), 149.9, 2),
        # per unit: any recorded time is one piece of work, grace or not
        (RoundingRule(grace_seconds=60), 60, 1),
        (RoundingRule(grace_seconds=30), 31, 1),
        (RoundingRule(grace_seconds=30), 7200, 1),
        (RoundingRule(), 0, 0),
        (RoundingRule(), 0.5, 1),
    ],
)
def test_examples(rule, seconds, expected):
    assert billable_minutes(seconds, rule) == expected
    assert billable_quantity(seconds, rule) == expected


def test_per_unit_flag():
    assert RoundingRule().per_unit
    assert RoundingRule(grace_seconds=60, mode="down").per_unit
    assert not RoundingRule(minimum=1).per_unit
    assert not RoundingRule(step=1).per_unit


@pytest.mark.parametrize(
    "kwargs",
    [
        {"minimum": -1},
        {"minimum": 1000},
        {"step": -1},
        {"step": 1000},
        {"grace_seconds": -1},
        {"mode": "ceil"},
    ],
)
def test_invalid_rule(kwargs):
    with pytest.raises(ValueError):
        RoundingRule(**kwargs)


@pytest.mark.parametrize("kwargs", [{"minimum": 1.5}, {"step": True}])
def test_rule_rejects_non_integers(kwargs):
    with pytest.raises(TypeError):
        RoundingRule(**kwargs)


@pytest.mark.parametrize("seconds", [-1, -0.001, float("inf"), float("nan")])
def test_invalid_duration(seconds):
    with pytest.raises(ValueError):
        billable_minutes(seconds, RoundingRule(minimum=1))


@FAST
@given(time_rules, durations)
def test_steps_count_from_the_minimum_and_never_below_it(rule, seconds):
    result = billable_minutes(seconds, rule)
    assert isinstance(result, int)
    if seconds <= rule.grace_seconds:
        assert result == 0
        return
    assert result >= rule.minimum
    if rule.step:
        assert (result - rule.minimum) % rule.step == 0


@FAST
@given(rules, durations, durations)
def test_monotonic(rule, first, second):
    low, high = sorted((first, second))
    assert billable_minutes(low, rule) <= billable_minutes(high, rule)


@FAST
@given(
    st.builds(
        RoundingRule,
        mode=st.sampled_from(MODES),
        grace_seconds=st.integers(0, 600),
    ),
    durations,
)
def test_per_unit_bills_one_unit_for_any_time(rule, seconds):
    expected = 1 if seconds > 0 else 0
    assert billable_minutes(seconds, rule) == expected
    assert billable_quantity(seconds, rule) == expected


@FAST
@given(time_rules, durations)
def test_mode_bounds(rule, seconds):
    raw = Fraction(seconds) / 60
    step = rule.step or 1
    result = billable_minutes(seconds, rule)
    if seconds <= rule.grace_seconds:
        return
    if raw <= rule.minimum:
        assert result == rule.minimum
    elif rule.mode == "up":
        assert raw <= result < raw + step
    elif rule.mode == "down":
        assert raw - step < result <= raw
    else:
        assert abs(result - raw) <= Fraction(step, 2)


def test_the_bound_of_minimum_and_step_is_a_setting():
    RoundingRule(minimum=1200, step=60, max_minutes=1440)
    with pytest.raises(ValueError):
        RoundingRule(minimum=1000)
    with pytest.raises(ValueError):
        RoundingRule(step=61, max_minutes=60)


entries_lists = st.lists(st.integers(0, 4 * 3600), min_size=1, max_size=8)


@FAST
@given(entries_lists, rules)
def test_time_entries_round_each_or_their_total(entries, rule):
    each = billable_of_entries(entries, rule, per_entry=True)
    total = billable_of_entries(entries, rule, per_entry=False)
    assert total == billable_minutes(sum(entries), rule)
    if rule.per_unit:  # one unit for the piece of work, however logged
        assert each == total == (1 if sum(entries) else 0)
    else:
        assert each == sum(billable_minutes(s, rule) for s in entries)


def test_time_entries_example():
    # 10-minute minimum, then 5-minute steps: three entries of 2, 7 and 12 min
    rule = RoundingRule(minimum=10, step=5)
    entries = [120, 420, 720]
    assert billable_of_entries(entries, rule, per_entry=True) == 10 + 10 + 15
    assert billable_of_entries(entries, rule, per_entry=False) == 25


@pytest.mark.parametrize(
    ("rule", "seconds", "reason", "worked"),
    [
        (RoundingRule(minimum=10, step=5), 40, "minimum", "0.7"),
        (RoundingRule(minimum=10, step=5), 10 * 60, None, "10"),
        (RoundingRule(minimum=10, step=5), 11 * 60 + 1, "step", "11.0"),
        (RoundingRule(step=15), 17 * 60 + 30, "step", "17.5"),
        (RoundingRule(step=15), 30 * 60, None, "30"),
        (RoundingRule(step=15, mode="down"), 29 * 60 + 59, "step", "30.0"),
        # shown to a tenth of a minute: 2 s short of 17 minutes is 17.0
        (RoundingRule(minimum=1), 17 * 60 - 2, None, "17.0"),
        (RoundingRule(minimum=1), 17 * 60 - 4, "step", "16.9"),
        # a false start bills nothing; a per-unit rule bills pieces, not time
        (RoundingRule(minimum=10, grace_seconds=30), 20, None, "0.3"),
        (RoundingRule(), 600, None, "10"),
        # a few seconds rounded to the nearest minute bill nothing: no reason
        (RoundingRule(step=1, mode="nearest"), 3, None, "0.1"),
    ],
)
def test_rounding_reason(rule, seconds, reason, worked):
    assert rounding_reason(seconds, rule) == reason
    assert worked_minutes(seconds) == Decimal(worked)


@FAST
@given(time_rules, durations)
def test_a_reason_whenever_billed_minutes_differ_from_the_time_shown(rule, seconds):
    reason = rounding_reason(seconds, rule)
    billed = billable_minutes(seconds, rule)
    shown = worked_minutes(seconds)
    assert (reason is None) == (not billed or billed == shown)
    if reason == "minimum":
        assert billed == rule.minimum >= shown
