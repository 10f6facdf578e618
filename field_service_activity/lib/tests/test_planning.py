from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from field_service_activity.lib.planning import Slot, conflicts, overlap

H = timedelta(hours=1)
NINE = datetime(2026, 3, 16, 9, 0)


def test_back_to_back_visits_do_not_overlap():
    assert not overlap(Slot(1, NINE, NINE + H), Slot(2, NINE + H, NINE + 2 * H))


def test_a_visit_inside_another_overlaps():
    assert overlap(Slot(1, NINE, NINE + 3 * H), Slot(2, NINE + H, NINE + 2 * H))


def test_visits_without_duration():
    instant = Slot(1, NINE + H, NINE + H)
    assert overlap(instant, Slot(2, NINE, NINE + 2 * H))
    assert not overlap(instant, Slot(2, NINE, NINE + H))
    assert overlap(instant, Slot(3, NINE + H, None))
    assert not overlap(instant, Slot(3, NINE, None))


def test_conflicts_skip_the_slot_itself_and_come_in_order():
    slot = Slot("a", NINE, NINE + 4 * H)
    others = [
        slot,
        Slot("late", NINE + 3 * H, NINE + 5 * H),
        Slot("early", NINE - H, NINE + H),
        Slot("after", NINE + 4 * H, NINE + 5 * H),
    ]
    assert [found.key for found in conflicts(slot, others)] == ["early", "late"]


slots = st.builds(
    lambda key, start, length: Slot(
        key, NINE + start * H / 4, NINE + (start + length) * H / 4
    ),
    st.integers(0, 1000),
    st.integers(0, 96),
    st.integers(0, 16),
)


@given(slots, slots)
def test_overlap_is_symmetric_and_means_a_shared_minute_or_instant(first, second):
    assert overlap(first, second) == overlap(second, first)
    shared = max(first.start, second.start) < min(first.end, second.end)
    if not first.instant and not second.instant:
        assert overlap(first, second) == shared
