from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service_contract_quota.lib.plan import (
    PlanItem,
    QuotaState,
    plan,
    plan_item,
    quantize,
)
from service_contract_quota.lib.quota import Tier
from service_contract_quota.lib.tests.test_quota import tier_lists

FAST = settings(max_examples=200, deadline=None)
CENT = D("0.01")

quantities = st.decimals(0, 5000, places=2)
prices = st.decimals(0, 500, places=2)
discounts = st.sampled_from([D(0), D(10), D("12.5"), D(100)])
factors = st.sampled_from([D(1), D(60), None])


@st.composite
def states(draw):
    return QuotaState(
        draw(st.decimals(0, 3000, places=2)),
        draw(st.decimals(0, 500, places=2)),
        tuple(draw(tier_lists())),
    )


@st.composite
def items(draw, quota="q"):
    return PlanItem(
        draw(quantities),
        draw(prices),
        draw(discounts),
        quota=draw(st.sampled_from([quota, None])),
        per_quota_unit=draw(factors),
    )


def test_item_without_quota_is_one_line_at_its_price():
    result, state = plan_item(PlanItem(D(25), D("1.5")), None)
    assert [(line.quantity, line.price, line.subtotal) for line in result.lines] == [
        (D(25), D("1.5"), D("37.50"))
    ]
    assert state is None and result.remaining is None


def test_two_items_of_one_call_cover_what_two_calls_would():
    """2 x 400 minutes against 600 left: 600 covered, 200 billed, not 800."""
    work = [
        PlanItem(D(400), D("1.5"), quota="q"),
        PlanItem(D(400), D("1.5"), quota="q"),
    ]
    plans, after = plan(work, {"q": QuotaState(D(600))})
    assert [p.covered for p in plans] == [D(400), D(200)]
    assert [p.overage for p in plans] == [D(0), D(200)]
    assert after["q"].remaining == 0
    assert sum(p.amount for p in plans) == D("300.00")
    first, state = plan_item(work[0], QuotaState(D(600)))
    second, _state = plan_item(work[1], state)
    assert [first, second] == plans


def test_tier_boundary_and_exhaustion():
    tiers = (Tier(D(0), D(8), D(50)), Tier(D(8), None, D(70)))
    # hours against an hour quota of 2 left, 6 h overage already used in tiers
    state = QuotaState(D(2), D(6), tiers)
    result, after = plan_item(PlanItem(D(6), D(90), quota="h"), state)
    lines = [(line.quantity, line.price, line.discount) for line in result.lines]
    assert lines == [(D(2), D(90), D(100)), (D(2), D(50), D(0)), (D(2), D(70), D(0))]
    assert result.amount == D("240.00")
    assert after.remaining == 0 and after.overage_used == D(10)


def test_hour_product_against_minute_quota_converts():
    result, after = plan_item(
        PlanItem(D("1.5"), D(90), quota="m", per_quota_unit=D(60)), QuotaState(D(60))
    )
    assert [(line.quantity, line.covered) for line in result.lines] == [
        (D("1.00"), True),
        (D("0.50"), False),
    ]
    assert (result.covered, result.overage, after.remaining) == (D(60), D(30), D(0))
    assert result.amount == D("45.00")


def test_session_quota_counts_one_per_piece_of_work():
    result, after = plan_item(
        PlanItem(D(3), D(45), quota="s", per_quota_unit=None), QuotaState(D(1))
    )
    assert [(line.quantity, line.covered) for line in result.lines] == [(D(3), True)]
    assert (result.covered, after.remaining) == (D(1), D(0))


def test_warranty_discount_applies_to_what_is_not_covered():
    result, _state = plan_item(PlanItem(D(2), D(90), D(100)), None)
    assert result.amount == 0 and result.lines[0].discount == 100


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        PlanItem(D(-1), D(1))
    with pytest.raises(ValueError):
        PlanItem(D(1), D(1), D(101))
    with pytest.raises(ValueError):
        PlanItem(D(1), D(1), per_quota_unit=D(0))
    with pytest.raises(TypeError):
        PlanItem(True, D(1))
    with pytest.raises(ValueError):
        PlanItem(float("nan"), D(1))
    with pytest.raises(ValueError):
        QuotaState(D(-1))
    with pytest.raises(KeyError):
        plan([PlanItem(D(1), D(1), quota="missing")], {})


@FAST
@given(st.lists(items(), max_size=8), states())
def test_plan_conserves_quantity_and_never_overdraws(work, state):
    plans, after = plan(work, {"q": state})
    remaining = state.remaining
    for item, result in zip(work, plans, strict=True):
        # covered + uncovered = billable, no line negative
        assert result.quantity == item.quantity
        assert all(line.quantity >= 0 for line in result.lines)
        assert all(line.subtotal >= 0 for line in result.lines)
        if item.quota is None:
            assert result.covered == 0 and len(result.lines) == 1
            continue
        assert result.covered + result.overage == item.quota_quantity()
        remaining -= result.covered
        assert result.remaining == remaining >= 0
        # covered work costs nothing, the rest is priced line by line
        assert all(line.subtotal == 0 for line in result.lines if line.covered)
        assert result.amount == sum(
            quantize(line.quantity * line.price * (100 - line.discount) / 100, CENT)
            for line in result.lines
        )
    assert after["q"].remaining == remaining
    used = sum(p.covered for p in plans)
    assert used == state.remaining - after["q"].remaining


@FAST
@given(st.lists(items(), min_size=1, max_size=6), states())
def test_one_call_equals_item_by_item_calls(work, state):
    """Preview item by item (each on the state the previous left) == one call."""
    plans, after = plan(work, {"q": state})
    current = state
    for item, result in zip(work, plans, strict=True):
        alone, next_state = plan_item(item, current if item.quota else None)
        assert alone == result
        if item.quota:
            current = next_state
    assert after["q"] == current
