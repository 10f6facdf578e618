from hypothesis import given
from hypothesis import strategies as st

from field_service_activity.lib.approval import (
    entry_seconds,
    is_locked,
    labour_seconds,
    user_may_set_state,
)

STATES = ["planned", "in_progress", "done", "approved", "invoiced"]


def test_billed_states_are_locked():
    assert [is_locked(s) for s in STATES] == [False, False, False, True, True]


def test_users_move_the_work_but_not_its_billing():
    assert user_may_set_state("planned", "in_progress")
    assert user_may_set_state("in_progress", "done")
    assert user_may_set_state("done", "in_progress")
    assert user_may_set_state("approved", "approved")
    for old, new in [
        ("done", "approved"),
        ("approved", "done"),
        ("approved", "invoiced"),
        ("invoiced", "done"),
        ("planned", "invoiced"),
    ]:
        assert not user_may_set_state(old, new), (old, new)


def test_each_entry_in_whole_seconds_without_empty_ones():
    assert entry_seconds([0.75, 0.5, 0.0, None]) == [2700, 1800]
    assert entry_seconds([1 / 3]) == [1200]


def test_labour_is_the_entries_unless_a_manager_approved_a_duration():
    assert labour_seconds([0.75, 0.5]) == [2700, 1800]
    assert labour_seconds([0.75, 0.5], approved_hours=1.0) == [3600]
    assert labour_seconds([0.75], approved_hours=0.0) == []


@given(st.lists(st.floats(0, 24, allow_nan=False), max_size=20))
def test_entries_are_positive_and_none_is_lost(hours):
    seconds = entry_seconds(hours)
    assert all(s > 0 for s in seconds)
    assert abs(sum(seconds) - sum(h * 3600 for h in hours)) <= len(hours) * 0.5 + 1e-6
