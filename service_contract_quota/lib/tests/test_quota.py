from collections import Counter
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service_contract_quota.lib.quota import (
    Allocation,
    Band,
    Tier,
    allocate,
    amount,
    is_amount,
    split_covered,
    validate_tiers,
)

FAST = settings(max_examples=200, deadline=None)

quantities = st.decimals(0, 10**4, places=2)
prices = st.decimals(0, 1000, places=2)


@st.composite
def tier_lists(draw):
    """Valid tiers, shuffled: contiguous from 0, maybe open-ended at the end."""
    widths = draw(st.lists(st.decimals("0.01", 500, places=2), max_size=5))
    tiers, start = [], D(0)
    for width in widths:
        tiers.append(Tier(start, start + width, draw(prices)))
        start += width
    if draw(st.booleans()):
        tiers.append(Tier(start, None, draw(prices)))
    return draw(st.permutations(tiers))


def totals_by_price(*allocations):
    totals = Counter()
    for allocation in allocations:
        for band in allocation.bands:
            totals[band.price] += band.quantity
    return totals


TIERS = [Tier(0, 10, D("1.5")), Tier(10, 30, D("1.2")), Tier(30, None, D(1))]


def test_split_covered_examples():
    assert split_covered(5, 3) == (3, 2)
    assert split_covered(3, 5) == (3, 0)
    assert split_covered(D("2.5"), 1) == (D(1), D("1.5"))
    assert split_covered(1.5, 1) == (D(1), D("0.5"))
    assert type(split_covered(5, 3)[0]) is int


@given(st.integers(0, 10**6), st.integers(0, 10**6))
def test_split_conserves_quantity_and_never_overdraws(quantity, balance):
    covered, overage = split_covered(quantity, balance)
    assert covered + overage == quantity
    assert 0 <= covered <= balance
    with pytest.raises(ValueError):
        split_covered(-1, balance)
    with pytest.raises(ValueError):
        split_covered(quantity, -1)


def test_tier_converts_to_decimal():
    tier = Tier(0, 10, 1.1)
    assert tier == Tier(D(0), D(10), D("1.1"))
    assert isinstance(tier.start, D) and isinstance(tier.stop, D)
    with pytest.raises(TypeError):
        Tier("0", 10, 1)


def test_validate_tiers_sorts():
    assert validate_tiers(list(reversed(TIERS))) == tuple(TIERS)
    assert validate_tiers([]) == ()


@pytest.mark.parametrize(
    ("tiers", "message"),
    [
        ([Tier(1, 10, 1)], "The first tier must start at 0"),
        ([Tier(0, 10, 1), Tier(5, 20, 1)], "Tiers overlap"),
        ([Tier(0, 10, 1), Tier(10, 20, 1), Tier(10, 30, 1)], "Tiers overlap"),
        ([Tier(0, 10, 1), Tier(12, 20, 1)], "Gap between tiers"),
        ([Tier(0, None, 1), Tier(5, 20, 1)], "Only the last tier may be open-ended"),
        ([Tier(0, None, 1), Tier(0, None, 2)], "Only the last tier may be open-ended"),
        ([Tier(0, 0, 1)], "must end after it starts"),
        ([Tier(0, 10, 1), Tier(10, 5, 1)], "must end after it starts"),
        ([Tier(0, 10, -1)], "negative price"),
    ],
)
def test_validate_tiers_errors(tiers, message):
    with pytest.raises(ValueError, match=message):
        validate_tiers(tiers)


def test_allocate_without_tiers():
    assert allocate(5, 3, 0) == Allocation(D(3), (Band(D(2), None, False),))
    assert allocate(5, 8, 0) == Allocation(D(5), ())
    assert allocate(0, 0, 0) == Allocation(D(0), ())


def test_allocate_across_tiers():
    allocation = allocate(50, 5, 0, TIERS)
    assert allocation.covered == 5
    assert allocation.bands == (
        Band(D(10), D("1.5")),
        Band(D(20), D("1.2")),
        Band(D(15), D(1)),
    )
    assert allocation.uncovered == 45
    assert amount(allocation, D(9)) == D(15) + D(24) + D(15)


def test_allocate_starts_at_overage_used_and_falls_back_to_normal_price():
    tiers = [Tier(0, 10, D(2)), Tier(10, 20, D(1))]
    allocation = allocate(D("12.5"), 0, D("8"), tiers)
    assert allocation.bands == (
        Band(D(2), D(2)),
        Band(D(10), D(1)),
        Band(D("0.5"), None),
    )
    assert allocation.all_bands[0] == allocation.bands[0]
    assert amount(allocation, D(4)) == D(4) + D(10) + D(2)
    assert allocate(3, 0, 25, tiers).bands == (Band(D(3), None),)


def test_all_bands_lists_covered_band_first():
    allocation = allocate(5, 3, 0)
    assert allocation.all_bands == (
        Band(D(3), D(0), True),
        Band(D(2), None, False),
    )


@pytest.mark.parametrize("args", [(-1, 0, 0), (0, -1, 0), (0, 0, -1)])
def test_allocate_rejects_negatives(args):
    with pytest.raises(ValueError):
        allocate(*args)


def test_allocate_rejects_invalid_tiers():
    with pytest.raises(ValueError, match="Gap"):
        allocate(5, 0, 0, [Tier(0, 1, 1), Tier(2, None, 1)])


@FAST
@given(quantities, quantities, quantities, tier_lists())
def test_allocate_conserves_quantity(quantity, remaining, overage_used, tiers):
    allocation = allocate(quantity, remaining, overage_used, tiers)
    assert allocation.covered + allocation.uncovered == quantity
    assert 0 <= allocation.covered <= remaining
    assert allocation.covered == min(quantity, remaining)
    assert all(band.quantity > 0 and not band.covered for band in allocation.bands)
    assert sum(band.quantity for band in allocation.all_bands) == quantity
    assert amount(allocation, D(0)) >= 0


@FAST
@given(quantities, quantities, quantities, quantities, tier_lists())
def test_two_calls_price_like_one(first, second, remaining, overage_used, tiers):
    whole = allocate(first + second, remaining, overage_used, tiers)
    one = allocate(first, remaining, overage_used, tiers)
    two = allocate(second, remaining - one.covered, overage_used + one.uncovered, tiers)
    assert one.covered + two.covered == whole.covered
    assert totals_by_price(one, two) == totals_by_price(whole)
    assert amount(one, D(7)) + amount(two, D(7)) == amount(whole, D(7))


@FAST
@given(quantities, quantities, tier_lists())
def test_bands_follow_tiers(quantity, overage_used, tiers):
    """Each band lies within one tier, in order, starting at overage_used."""
    ordered = validate_tiers(tiers)
    position = overage_used
    for band in allocate(quantity, 0, overage_used, tiers).bands:
        tier = next((t for t in ordered if t.stop is None or t.stop > position), None)
        if tier is None:
            assert band.price is None
        else:
            assert tier.start <= position
            assert tier.stop is None or position + band.quantity <= tier.stop
            assert band.price == tier.price
        position += band.quantity
    assert position == overage_used + quantity


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, True),
        (5, True),
        (2.5, True),
        (D("1.25"), True),
        (-1, False),
        (True, False),
        ("5", False),
        (None, False),
        (float("nan"), False),
        (float("inf"), False),
    ],
)
def test_is_amount(value, expected):
    assert is_amount(value) is expected
