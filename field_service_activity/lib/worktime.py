"""Time on site: the checks a technician's time entry must pass.

Pure Python (standard library only). Datetimes are naive UTC, as Odoo stores
them; ``now`` and ``today`` come in as data. A broken entry raises
:class:`WorktimeError` whose ``reason`` names the rule it breaks, so the model
can say it in the user's language.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

#: A start this far ahead of the server clock is a mistake, not clock drift.
FUTURE_TOLERANCE = timedelta(minutes=1)
#: No single entry is longer than a day: a longer one is a forgotten timer.
MAX_ENTRY = timedelta(hours=24)
MAX_HOURS = MAX_ENTRY.total_seconds() / 3600

STOP_BEFORE_START = "stop_before_start"
FUTURE_START = "future_start"
FUTURE_DAY = "future_day"
NEGATIVE = "negative"
EMPTY = "empty"
TOO_LONG = "too_long"


class WorktimeError(ValueError):
    """A time entry a technician cannot have worked."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Span:
    """A measured span of work: from ``start`` to ``stop``, in hours."""

    start: datetime
    stop: datetime
    hours: float


def hours_between(start: datetime, stop: datetime) -> float:
    """Hours from ``start`` to ``stop`` (whole seconds, never ``.seconds``)."""
    return (stop - start).total_seconds() / 3600


def check_running(start: datetime, now: datetime) -> None:
    """A running timer may not start in the future."""
    if start > now + FUTURE_TOLERANCE:
        raise WorktimeError(FUTURE_START)


def check_span(start: datetime, stop: datetime, now: datetime) -> Span:
    """The span from ``start`` to ``stop`` as worked hours, or why not.

    A stop at the very start instant is a span of 0 h (pressed twice), not an
    error; a stop before the start, a start in the future or a span over 24 h
    are refused.
    """
    check_running(start, now)
    if stop < start:
        raise WorktimeError(STOP_BEFORE_START)
    if stop > now + FUTURE_TOLERANCE:
        raise WorktimeError(FUTURE_START)
    if stop - start > MAX_ENTRY:
        raise WorktimeError(TOO_LONG)
    return Span(start, stop, hours_between(start, stop))


def check_hours(hours: float, allow_zero: bool = False) -> float:
    """A duration in hours a technician can have worked in one entry."""
    if hours < 0:
        raise WorktimeError(NEGATIVE)
    if hours == 0 and not allow_zero:
        raise WorktimeError(EMPTY)
    if hours > MAX_HOURS:
        raise WorktimeError(TOO_LONG)
    return hours


def check_entered(day: date, hours: float, today: date) -> float:
    """An entry typed in by hand: ``hours`` worked on ``day``.

    Refused: a day after ``today``, zero or negative hours, more than 24 h.
    """
    if day > today:
        raise WorktimeError(FUTURE_DAY)
    return check_hours(hours)


def format_hours(hours: float) -> str:
    """Hours as ``h:mm``, rounded to the minute: 1.5 -> "1:30"."""
    if hours < 0:
        raise ValueError("hours must be >= 0")
    minutes = round(hours * 60)
    return f"{minutes // 60}:{minutes % 60:02d}"
