"""Meter readings: a meter only counts up. Pure Python: standard library only."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Reading:
    """One reading: ``key`` identifies it (a record id), any hashable value."""

    key: object
    moment: datetime
    value: float


def meter_key(meter: str) -> str:
    """The name under which readings of one meter are compared: case and
    surrounding blanks do not make another meter."""
    return " ".join((meter or "").split()).casefold()


def find_conflict(reading: Reading, others: list[Reading]):
    """The reading of the same meter that ``reading`` contradicts, or None.

    ``others`` are the other readings of the same meter. A reading may not be
    lower than one taken before it (or at the same moment), nor higher than
    one taken after it. Returns ``("previous", other)`` or ``("later",
    other)``: the nearest contradicted reading.
    """
    before = [o for o in others if o.moment <= reading.moment]
    after = [o for o in others if o.moment > reading.moment]
    higher_before = [o for o in before if o.value > reading.value]
    if higher_before:
        return "previous", max(higher_before, key=lambda o: o.moment)
    lower_after = [o for o in after if o.value < reading.value]
    if lower_after:
        return "later", min(lower_after, key=lambda o: o.moment)
    return None


def is_future(moment: datetime, now: datetime, tolerance_seconds: int = 300) -> bool:
    """Whether ``moment`` lies after ``now``, beyond a small clock skew."""
    return (moment - now).total_seconds() > tolerance_seconds
