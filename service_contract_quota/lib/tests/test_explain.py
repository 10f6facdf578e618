import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service_contract_quota.lib.explain import (
    EXACT,
    FALSE_START,
    MINIMUM,
    NOTHING,
    PER_UNIT,
    STEP,
    explain,
)
from service_contract_quota.lib.rounding import MODES, RoundingRule, billable_quantity

TEN_THEN_FIVE = RoundingRule(minimum=10, step=5, grace_seconds=30)


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, (0, NOTHING)),
        (20, (0, FALSE_START)),
        (30, (0, FALSE_START)),
        (60, (10, MINIMUM)),
        (600, (10, EXACT)),
        (610, (15, STEP)),
        (12 * 60, (15, STEP)),
        (20 * 60, (20, EXACT)),
    ],
)
def test_reasons_of_ten_minutes_then_five_minute_steps(seconds, expected):
    assert explain(seconds, TEN_THEN_FIVE) == expected


def test_per_unit_rule_bills_one_unit_for_any_time():
    rule = RoundingRule(grace_seconds=60)
    assert explain(5, rule) == (1, PER_UNIT)
    assert explain(0, rule) == (0, NOTHING)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 10**5),
    st.builds(
        RoundingRule,
        minimum=st.integers(0, 120),
        step=st.integers(0, 60),
        mode=st.sampled_from(MODES),
        grace_seconds=st.integers(0, 120),
    ),
)
def test_the_quantity_is_the_rules_and_the_reason_fits_it(seconds, rule):
    quantity, reason = explain(seconds, rule)
    assert quantity == billable_quantity(seconds, rule)
    if reason == EXACT:
        assert quantity * 60 == seconds
    if reason == MINIMUM:
        assert quantity == rule.minimum and seconds < rule.minimum * 60
    if reason == FALSE_START:
        assert quantity == 0 and 0 < seconds <= rule.grace_seconds
    if reason == STEP:
        assert quantity * 60 != seconds and not rule.per_unit
