from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from service_contract_quota.lib.coverage import covers_product, valid_on

FAST = settings(max_examples=200, deadline=None)
days = st.dates(date(2020, 1, 1), date(2030, 12, 31))


def test_named_products_only():
    assert covers_product(7, True, "1/4/", {7, 8}, [])
    assert covers_product(7, False, "1/4/", {7}, ["1/"])  # goods when named
    # a quota naming products ignores its categories
    assert not covers_product(9, True, "1/4/", {7}, ["1/"])


def test_categories_cover_services_and_subcategories():
    assert covers_product(9, True, "1/4/12/", set(), ["1/4/"])
    assert covers_product(9, True, "1/4/", set(), ["1/4/"])
    assert not covers_product(9, True, "1/5/", set(), ["1/4/"])
    assert not covers_product(9, False, "1/4/", set(), ["1/4/"])  # goods: no
    assert not covers_product(9, True, "1/4/", set(), [])  # covers nothing


def test_category_path_read_only_when_categories_decide():
    def unreadable():
        raise AssertionError("the category was read")

    assert covers_product(7, True, unreadable, {7}, ["1/"])
    assert not covers_product(9, True, unreadable, {7}, ["1/"])
    assert not covers_product(9, False, unreadable, set(), ["1/"])
    assert covers_product(9, True, lambda: "1/2/", set(), ["1/"])


@FAST
@given(days, days, st.integers(0, 400), st.integers(-5, 5))
def test_valid_on_is_inside_every_window(start, day, length, shift):
    end = start + timedelta(days=length)
    contract = (start + timedelta(days=shift), None)
    inside = start <= day <= end and contract[0] <= day
    assert valid_on(day, [(start, end), contract]) == inside
    assert not valid_on(day, [(None, end)])  # no start: never valid


def test_a_product_never_coverable_is_covered_by_no_quota():
    assert not covers_product(7, True, "1/4/", {7}, [], coverable=False)
    assert not covers_product(9, True, "1/4/", set(), ["1/"], coverable=False)
