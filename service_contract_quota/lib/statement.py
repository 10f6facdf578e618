"""Statement periods: the months a monthly statement covers. Pure Python."""

from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta


def _zone(tz: str | None) -> ZoneInfo:
    return ZoneInfo(tz or "UTC")


def local_day(now_utc: datetime, tz: str | None) -> date:
    """The calendar day it is in ``tz`` at ``now_utc`` (naive UTC, as Odoo stores)."""
    if now_utc.tzinfo is None:
        now_utc = now_utc.replace(tzinfo=ZoneInfo("UTC"))
    return now_utc.astimezone(_zone(tz)).date()


def month_of(day: date) -> tuple[date, date]:
    """First and last day of the month ``day`` is in."""
    first = day.replace(day=1)
    return first, first + relativedelta(months=1) - timedelta(days=1)


def previous_month(now_utc: datetime, tz: str | None) -> tuple[date, date]:
    """First and last day of the month before the one it is in ``tz``."""
    first, _last = month_of(local_day(now_utc, tz))
    return month_of(first - timedelta(days=1))


def is_first_of_month(now_utc: datetime, tz: str | None) -> bool:
    """True on the first day of a month in ``tz``: the statement run's day."""
    return local_day(now_utc, tz).day == 1


def utc_bounds(first: date, last: date, tz: str | None) -> tuple[datetime, datetime]:
    """Naive UTC datetimes [start, end) of the local days ``first`` to ``last``."""
    if last < first:
        raise ValueError(f"Period ends ({last}) before it starts ({first})")
    zone = _zone(tz)
    utc = ZoneInfo("UTC")
    start = datetime.combine(first, datetime.min.time(), zone)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), zone)
    return (
        start.astimezone(utc).replace(tzinfo=None),
        end.astimezone(utc).replace(tzinfo=None),
    )


def batches(items: Sequence, size: int) -> Iterator[Sequence]:
    """``items`` in consecutive slices of at most ``size``."""
    if size < 1:
        raise ValueError(f"Batch size must be >= 1, got {size}")
    for start in range(0, len(items), size):
        yield items[start : start + size]
