"""Dates of a recurring service activity. Pure Python: dateutil's rrule.

A series is anchored on its first occurrence (``anchor``): every occurrence is
``interval`` weeks, months or years after it, at the anchor's time of day.

Month ends: an occurrence keeps the anchor's day of the month, or the last day
of a shorter month. A series anchored on 31 January falls on 28 February (29 in
a leap year), then 31 March, 30 April, 31 May... A yearly series anchored on
29 February falls on 28 February in the other years. Because every occurrence
is computed from the anchor, a short month never shifts the following ones.
"""

from datetime import datetime, time

from dateutil.rrule import MONTHLY, WEEKLY, YEARLY, rrule

FREQUENCIES = {"weekly": WEEKLY, "monthly": MONTHLY, "yearly": YEARLY}
# Every month has the days 1 to 28; later days may be missing.
SAFE_DAY = 28


def schedule(anchor, interval, unit, until=None):
    """The rrule of the series: ``interval`` (>= 1) ``unit`` ("weekly",
    "monthly", "yearly") from ``anchor`` (a datetime), up to the day ``until``
    (a date, included) when given."""
    if unit not in FREQUENCIES:
        raise ValueError(f"unknown repeat unit {unit!r}")
    if not isinstance(interval, int) or interval < 1:
        raise ValueError("the interval must be a whole number >= 1")
    if until is not None and until < anchor.date():
        raise ValueError("the series ends before it starts")
    options = {}
    if unit != "weekly" and anchor.day > SAFE_DAY:
        # The last existing day among 28..anchor's day: the anchor's day, or
        # the month's last day when the month is shorter.
        options = {
            "bymonthday": tuple(range(SAFE_DAY, anchor.day + 1)),
            "bysetpos": -1,
        }
        if unit == "yearly":
            options["bymonth"] = anchor.month
    end = None
    if until is not None:
        end = datetime.combine(until, time.max, tzinfo=anchor.tzinfo)
    return rrule(
        FREQUENCIES[unit], interval=interval, dtstart=anchor, until=end, **options
    )


def next_occurrence(anchor, after, interval, unit, until=None):
    """The first occurrence of the series strictly after ``after``, or None
    when the series ends before it."""
    return schedule(anchor, interval, unit, until).after(after, inc=False)
