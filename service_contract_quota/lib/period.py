"""Quota periods and rollover. Pure Python (standard library and dateutil)."""

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from .quota import as_decimal

KINDS = ("month", "quarter", "half_year", "year", "once", "days", "weeks")
MONTHS_PER_KIND = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}
DAYS_PER_KIND = {"days": 1, "weeks": 7}
# OCA ``contract`` recurring_rule_type -> (kind, multiplier of recurring_interval)
CONTRACT_RULES = {
    "daily": ("days", 1),
    "weekly": ("weeks", 1),
    "monthly": ("month", 1),
    "monthlylastday": ("month", 1),
    "quarterly": ("quarter", 1),
    "semesterly": ("half_year", 1),
    "yearly": ("year", 1),
}


def _check_interval(interval: int) -> None:
    if isinstance(interval, bool) or not isinstance(interval, int):
        raise TypeError(f"Period interval must be an integer, got {interval!r}")
    if interval < 1:
        raise ValueError(f"Period interval must be >= 1, got {interval}")


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"Unknown period kind {kind!r}; expected one of {KINDS}")


def _check_date(value: date, name: str) -> None:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a date, got {value!r}")


def kind_for_contract(rule_type: str, interval: int) -> tuple[str, int]:
    """Period ``(kind, interval)`` of an OCA contract recurrence."""
    _check_interval(interval)
    if rule_type not in CONTRACT_RULES:
        raise ValueError(f"Unknown contract recurrence {rule_type!r}")
    kind, multiplier = CONTRACT_RULES[rule_type]
    return kind, multiplier * interval


@lru_cache(maxsize=8192, typed=True)  # pure: the same dates give the same periods
def period_start_of_index(
    index: int, start: date, kind: str, interval: int = 1
) -> date:
    """First day of period ``index`` (0-based) of periods anchored on ``start``.

    Month-based periods are computed from ``start`` each time
    (``start + relativedelta(months=index * length)``), so a Jan 31 anchor
    gives Feb 28, Mar 31, Apr 30, ...
    """
    _check_date(start, "Start date")
    _check_kind(kind)
    _check_interval(interval)
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        raise ValueError(f"Period index must be an integer >= 0, got {index!r}")
    if kind == "once":
        if index:
            raise ValueError("A one-off quota has a single period (index 0)")
        return start
    if kind in DAYS_PER_KIND:
        return start + timedelta(days=index * DAYS_PER_KIND[kind] * interval)
    return start + relativedelta(months=index * MONTHS_PER_KIND[kind] * interval)


def _check_span(day: date, start: date, end: date | None, kind: str) -> None:
    _check_date(day, "Day")
    _check_date(start, "Start date")
    if end is not None:
        _check_date(end, "End date")
        if end < start:
            raise ValueError(f"End date {end} is before start date {start}")
    _check_kind(kind)
    if kind == "once" and end is None:
        raise ValueError("A one-off quota period needs an end date")
    if day < start:
        raise ValueError(f"{day} is before the start date {start}")
    if end is not None and day > end:
        raise ValueError(f"{day} is after the end date {end}")


@lru_cache(maxsize=8192, typed=True)  # pure: the same dates give the same periods
def period_index(
    day: date, start: date, end: date | None, kind: str, interval: int = 1
) -> int:
    """0-based index of the period containing ``day``."""
    _check_span(day, start, end, kind)
    _check_interval(interval)
    if kind == "once":
        return 0
    if kind in DAYS_PER_KIND:
        return (day - start).days // (DAYS_PER_KIND[kind] * interval)
    length = MONTHS_PER_KIND[kind] * interval
    months = (day.year - start.year) * 12 + day.month - start.month
    index = months // length  # the period starting in day's month may start later
    if period_start_of_index(index, start, kind, interval) > day:
        index -= 1
    return index


@lru_cache(maxsize=8192, typed=True)  # pure: the same dates give the same periods
def period_bounds(
    day: date, start: date, end: date | None, kind: str, interval: int = 1
) -> tuple[date, date]:
    """First and last day (inclusive) of the period containing ``day``.

    Periods are anchored on ``start``; the last one is clipped to ``end``.
    ``"once"`` is the whole term ``(start, end)``.
    """
    index = period_index(day, start, end, kind, interval)
    if kind == "once":
        return start, end
    first = period_start_of_index(index, start, kind, interval)
    last = period_start_of_index(index + 1, start, kind, interval) - timedelta(days=1)
    if end is not None and last > end:
        last = end
    return first, last


def is_active(day: date, start: date | None, end: date | None) -> bool:
    """Whether ``start <= day <= end`` (open end when None; no start: False)."""
    if start is None:
        return False
    return start <= day and (end is None or day <= end)


def carried_over(
    base: int | Decimal,
    cap: int | Decimal | None,
    used_by_period: Sequence[Decimal],
    topups_by_period: Sequence[Decimal] = (),
) -> list[Decimal]:
    """Allowance of each period with rollover of unused quota.

    Period 0 gets ``base``; each next period gets ``base`` plus the previous
    period's unused allowance, at most ``cap`` (None or 0: no rollover).
    ``topups_by_period[i]`` (optional, >= 0) is added to period ``i``'s
    allowance and, when unused, rolls over like the rest.
    Returns ``len(used_by_period) + 1`` allowances, the last being the current
    period's.
    """
    base = as_decimal(base, "Base quota")
    if base < 0:
        raise ValueError(f"Base quota must be >= 0, got {base}")
    if cap is not None:
        cap = as_decimal(cap, "Rollover cap")
        if cap < 0:
            raise ValueError(f"Rollover cap must be >= 0, got {cap}")
    topups = [as_decimal(value, "Top-up") for value in topups_by_period]
    if any(value < 0 for value in topups):
        raise ValueError("Top-ups must be >= 0")
    if len(topups) > len(used_by_period) + 1:
        raise ValueError("More top-ups than periods")
    topups += [Decimal(0)] * (len(used_by_period) + 1 - len(topups))
    allowances = [base + topups[0]]
    for index, used in enumerate(used_by_period, start=1):
        used = as_decimal(used, "Used quantity")
        if used < 0:
            raise ValueError(f"Used quantity must be >= 0, got {used}")
        unused = max(allowances[-1] - used, Decimal(0))
        carry = min(unused, cap) if cap else Decimal(0)
        allowances.append(base + carry + topups[index])
    return allowances
