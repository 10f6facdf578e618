import pytest

from field_service_activity.lib.workshop import allowed_moves, next_status


def test_a_round_trip_through_the_workshop_and_a_repairer():
    status = "customer"
    for move, expected in [
        ("receive", "workshop"),
        ("send", "repairer"),
        ("back", "workshop"),
        ("return", "returned"),
        ("receive", "workshop"),
    ]:
        status = next_status(status, move)
        assert status == expected


def test_moves_that_do_not_start_here_are_refused():
    with pytest.raises(ValueError):
        next_status("customer", "send")
    with pytest.raises(ValueError):
        next_status("workshop", "receive")
    with pytest.raises(ValueError):
        next_status("customer", "return")
    with pytest.raises(ValueError):
        next_status("customer", "teleport")


def test_allowed_moves_follow_the_status():
    assert allowed_moves("customer") == ["receive"]
    assert allowed_moves("workshop") == ["send", "return"]
    assert allowed_moves("repairer") == ["back", "return"]
    assert allowed_moves("returned") == ["receive"]
