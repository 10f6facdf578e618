"""Session time arithmetic: intervals, elapsed time, display. Pure Python.

An interval is a ``(start, stop)`` pair of naive UTC datetimes; ``stop`` is
None while the clock runs. Elapsed time is always recomputed from the stored
intervals and ``now``, so a closed browser or a server restart loses nothing.
"""

from datetime import datetime


class IntervalError(ValueError):
    """A broken interval set; ``kind`` is ``order``, ``overlap`` or ``open``."""

    def __init__(self, kind: str, message: str, index: int):
        super().__init__(message)
        self.kind = kind
        self.index = index


def check_intervals(intervals: list[tuple[datetime, datetime | None]]) -> None:
    """Refuse a stop before its start, overlapping intervals, two open clocks.

    An open interval runs until now, so it must be the latest one.
    """
    ordered = sorted(enumerate(intervals), key=lambda pair: pair[1][0])
    open_seen = None
    previous_stop = None
    for index, (start, stop) in ordered:
        if stop is not None and stop < start:
            raise IntervalError(
                "order", f"Interval {index} stops before it starts", index
            )
        if open_seen is not None:
            kind = "open" if stop is None else "overlap"
            raise IntervalError(kind, f"Interval {index} overlaps a running one", index)
        if previous_stop is not None and start < previous_stop:
            raise IntervalError("overlap", f"Interval {index} overlaps another", index)
        if stop is None:
            open_seen = index
        else:
            previous_stop = max(previous_stop or stop, stop)


def interval_seconds(start: datetime, stop: datetime | None, now: datetime) -> int:
    """Whole seconds of one interval; an open one runs until ``now`` (never < 0)."""
    end = now if stop is None else stop
    return max(int((end - start).total_seconds()), 0)


def elapsed_seconds(
    intervals: list[tuple[datetime, datetime | None]], now: datetime
) -> int:
    """Total whole seconds of all intervals, the open one counted until ``now``."""
    return sum(interval_seconds(start, stop, now) for start, stop in intervals)


def format_elapsed(seconds: int) -> str:
    """``3599`` -> ``"0:59:59"``; hours are not capped at 24."""
    seconds = max(int(seconds), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"
