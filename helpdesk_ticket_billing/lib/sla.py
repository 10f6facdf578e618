"""SLA deadlines counted in working time. Pure Python (standard library).

A team works on a weekly schedule in its calendar's time zone (attendances:
weekday, from hour, to hour, local time, and for a schedule that alternates
over two weeks the week it belongs to), minus public holidays and other
closures. A target such as "answer within 4 working hours" runs only in that
working time, and not while the ticket waits on the customer (pauses). All
moments given to and returned by this module are aware datetimes; intervals
are computed in UTC, so a daylight-saving change or the time zone of whoever
created the ticket changes nothing but what the calendar says.
"""

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

Interval = tuple[datetime, datetime]
# weekday (0 = Monday), from, to (hours)[, week of a two-week schedule: 0 or 1]
Attendance = tuple[int, float, float] | tuple[int, float, float, int | None]

HORIZON_START = timedelta(days=14)  # first window searched for a deadline
HORIZON_MAX = timedelta(days=3 * 366)  # a deadline further away is an error


class NoWorkingTime(ValueError):
    """The calendar has no working time in which the target could elapse."""


def _aware(moment: datetime, what: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must carry a time zone, got {moment!r}")
    return moment.astimezone(UTC)


def _local_time(hours: float) -> tuple[time, int]:
    """(time of day, days to add) of ``hours`` after midnight, to the minute."""
    if not 0 <= hours <= 24:
        raise ValueError(f"Hours of a working day are 0 to 24, got {hours!r}")
    minutes = round(hours * 60)
    return time(minutes // 60 % 24, minutes % 60), minutes // (24 * 60)


def week_type(day: date) -> int:
    """The week (0 or 1) of a two-week schedule ``day`` belongs to. Weeks run
    Monday to Sunday and are counted from Monday 1 January of year 1, so the
    parity never skips at a year's end (week 53 of one year, then week 1)."""
    return (day.toordinal() - 1) // 7 % 2


def _attendance(attendance: Attendance) -> tuple[int, float, float, int | None]:
    weekday, hour_from, hour_to, *rest = attendance
    week = rest[0] if rest else None
    if len(rest) > 1 or week not in (None, 0, 1):
        raise ValueError(f"An attendance's week is 0, 1 or None, got {attendance!r}")
    if weekday not in range(7):
        raise ValueError(f"Weekdays are 0 (Monday) to 6, got {weekday!r}")
    return weekday, hour_from, hour_to, week


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, non-overlapping union of ``intervals`` (empty ones dropped)."""
    result: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[0] < i[1]):
        if result and start <= result[-1][1]:
            if end > result[-1][1]:
                result[-1] = (result[-1][0], end)
        else:
            result.append((start, end))
    return result


def subtract(
    intervals: Iterable[Interval], removed: Iterable[Interval]
) -> list[Interval]:
    """``intervals`` minus every interval of ``removed``."""
    cuts = merge(removed)
    result = []
    for start, end in merge(intervals):
        for cut_start, cut_end in cuts:
            if cut_end <= start or cut_start >= end:
                continue
            if cut_start > start:
                result.append((start, cut_start))
            start = max(start, cut_end)
            if start >= end:
                break
        if start < end:
            result.append((start, end))
    return result


def working_intervals(
    attendances: Sequence[Attendance],
    tz: str,
    start: datetime,
    end: datetime,
    closed: Iterable[Interval] = (),
) -> list[Interval]:
    """Working intervals (UTC) between ``start`` and ``end``: the weekly
    ``attendances`` in time zone ``tz`` (those of a week 0 or 1 only in that
    week of a two-week schedule), minus the ``closed`` intervals (public
    holidays, closures)."""
    start, end = _aware(start, "start"), _aware(end, "end")
    zone = ZoneInfo(tz)
    attendances = [_attendance(attendance) for attendance in attendances]
    day = start.astimezone(zone).date() - timedelta(days=1)
    last = end.astimezone(zone).date() + timedelta(days=1)
    found = []
    while day <= last:
        for weekday, hour_from, hour_to, week in attendances:
            if weekday != day.weekday() or hour_to <= hour_from:
                continue
            if week is not None and week != week_type(day):
                continue
            found.append((_moment(day, hour_from, zone), _moment(day, hour_to, zone)))
        day += timedelta(days=1)
    clipped = [(max(s, start), min(e, end)) for s, e in found]
    return subtract(
        clipped, [(_aware(s, "closed"), _aware(e, "closed")) for s, e in closed]
    )


def _moment(day: date, hours: float, zone: ZoneInfo) -> datetime:
    clock, extra_days = _local_time(hours)
    local = datetime.combine(day + timedelta(days=extra_days), clock, tzinfo=zone)
    return local.astimezone(UTC)


def worked(start: datetime, end: datetime, intervals: Iterable[Interval]) -> timedelta:
    """Working time between ``start`` and ``end`` within ``intervals``."""
    start, end = _aware(start, "start"), _aware(end, "end")
    total = timedelta(0)
    for s, e in intervals:
        s, e = max(s, start), min(e, end)
        if s < e:
            total += e - s
    return total


def add_working_time(
    start: datetime, duration: timedelta, intervals: Sequence[Interval]
) -> datetime | None:
    """The moment ``duration`` of working time after ``start`` (None when the
    intervals end first). A zero duration gives the first working moment at
    or after ``start``."""
    if duration < timedelta(0):
        raise ValueError(f"A target cannot be negative, got {duration!r}")
    start = _aware(start, "start")
    left = duration
    for s, e in intervals:
        if e <= start:
            continue
        s = max(s, start)
        if e - s > left or (left == timedelta(0)):
            return s + left
        left -= e - s
        if left == timedelta(0):
            return e
    return None


def deadline(
    start: datetime,
    duration: timedelta,
    attendances: Sequence[Attendance],
    tz: str,
    closed: Iterable[Interval] = (),
    pauses: Iterable[tuple[datetime, datetime | None]] = (),
) -> datetime | None:
    """When ``duration`` of working time after ``start`` has elapsed, not
    counting ``pauses`` (waiting on the customer; an open pause ends None).

    Returns None while an open pause holds the clock and the target is not
    reached before it. Raises :class:`NoWorkingTime` when the calendar has no
    working time for years ahead.
    """
    start = _aware(start, "start")
    closed = list(closed)
    open_from = None
    stops = []
    for pause_start, pause_end in pauses:
        if pause_end is None:
            pause_start = _aware(pause_start, "pause")
            open_from = (
                pause_start if open_from is None else min(open_from, pause_start)
            )
        else:
            stops.append((_aware(pause_start, "pause"), _aware(pause_end, "pause")))
    window = HORIZON_START
    while True:
        end = start + window
        if open_from is not None:
            end = min(end, open_from)
        intervals = working_intervals(attendances, tz, start, end, closed)
        intervals = subtract(intervals, stops)
        moment = add_working_time(start, duration, intervals)
        if moment is not None:
            return moment
        if open_from is not None and start + window >= open_from:
            return None  # paused before the target elapsed
        if window >= HORIZON_MAX:
            raise NoWorkingTime(
                f"No {duration} of working time within {HORIZON_MAX.days} days"
            )
        window = min(window * 2, HORIZON_MAX)
