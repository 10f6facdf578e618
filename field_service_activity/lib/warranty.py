"""Warranty on a given day. Pure Python: standard library only."""

from datetime import date


def under_warranty(warranty_end: date | None, day: date) -> bool:
    """Whether ``day`` is covered by a warranty whose last covered day is
    ``warranty_end``. No end date means no warranty."""
    if warranty_end is None or warranty_end is False:
        return False
    return day <= warranty_end


def warranty_days_left(warranty_end: date | None, day: date) -> int:
    """Days of warranty left on ``day``, that day included (0 when none)."""
    if not under_warranty(warranty_end, day):
        return 0
    return (warranty_end - day).days + 1
