"""Where an equipment is, and which moves take it elsewhere.
Pure Python: standard library only."""

CUSTOMER = "customer"
WORKSHOP = "workshop"
REPAIRER = "repairer"
RETURNED = "returned"

# move -> (statuses it starts from, status it leads to)
MOVES = {
    "receive": ((CUSTOMER, RETURNED), WORKSHOP),
    "send": ((WORKSHOP,), REPAIRER),
    "back": ((REPAIRER,), WORKSHOP),
    "return": ((WORKSHOP, REPAIRER), RETURNED),
}


def next_status(current: str, move: str) -> str:
    """The status after ``move`` from ``current``; ValueError when the move
    does not start from there."""
    if move not in MOVES:
        raise ValueError(f"unknown move {move!r}")
    sources, target = MOVES[move]
    if current not in sources:
        raise ValueError(f"{move!r} does not start from {current!r}")
    return target


def allowed_moves(current: str) -> list[str]:
    """The moves that start from ``current``, in a stable order."""
    return [move for move, (sources, _target) in MOVES.items() if current in sources]
