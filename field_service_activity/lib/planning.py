"""Overlaps in a technician's plan. Pure Python.

A planned activity occupies ``[start, end)``: one ending at 10:00 and another
starting at 10:00 do not overlap. An activity without a duration (``end`` equal
to or before ``start``) occupies its start instant only: it overlaps the
activities running at that instant and another one starting at the same time.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    """A planned activity: ``key`` identifies it to the caller."""

    key: object
    start: object
    end: object

    @property
    def instant(self):
        return self.end is None or self.end <= self.start


def overlap(first, second):
    """Whether two slots share some time."""
    if first.instant and second.instant:
        return first.start == second.start
    if first.instant:
        return second.start <= first.start < second.end
    if second.instant:
        return first.start <= second.start < first.end
    return first.start < second.end and second.start < first.end


def conflicts(slot, others):
    """The slots of ``others`` (other keys) that overlap ``slot``, by start."""
    found = [
        other for other in others if other.key != slot.key and overlap(slot, other)
    ]
    return sorted(found, key=lambda other: other.start)
