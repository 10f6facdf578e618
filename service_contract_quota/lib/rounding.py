"""Rounding of worked durations to billable quantities. Pure Python."""

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import ceil, floor, isfinite

MODES = ("up", "nearest", "down")
MAX_MINUTES = 999


def _check_int(value: int, name: str, low: int, high: int | None = None) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if value < low or (high is not None and value > high):
        bounds = f"between {low} and {high}" if high is not None else f">= {low}"
        raise ValueError(f"{name} must be {bounds}, got {value}")


@dataclass(frozen=True)
class RoundingRule:
    """How a duration becomes billable minutes (or one billable unit).

    "Start counting from ``minimum`` minutes, then ``step``-minute steps":
    work up to the minimum bills the minimum; beyond it, the time past the
    minimum is rounded to steps counted from the minimum (5 then 15: 5, 20,
    35...). Timed work of at most ``grace_seconds`` is a false start and bills
    nothing. With ``minimum == step == 0`` the rule bills one unit per piece of
    work with any recorded time, whatever its length (see :attr:`per_unit`;
    the grace does not apply: a false start is cleared before billing).
    ``max_minutes`` bounds minimum and step (a company setting).
    """

    minimum: int = 0
    step: int = 0
    mode: str = "up"
    grace_seconds: int = 0
    max_minutes: int = MAX_MINUTES

    def __post_init__(self) -> None:
        _check_int(self.max_minutes, "Largest minimum or step", 1)
        _check_int(self.minimum, "Minimum billable minutes", 0, self.max_minutes)
        _check_int(self.step, "Rounding step", 0, self.max_minutes)
        _check_int(self.grace_seconds, "Grace period", 0)
        if self.mode not in MODES:
            raise ValueError(
                f"Rounding mode must be one of {', '.join(MODES)}, got {self.mode!r}"
            )

    @property
    def per_unit(self) -> bool:
        """True when the rule bills one unit per session, not time."""
        return self.minimum == 0 and self.step == 0


def _exact_seconds(seconds: float | int) -> Fraction:
    if isinstance(seconds, bool) or not isinstance(seconds, int | float | Fraction):
        raise TypeError(f"Duration must be a number of seconds, got {seconds!r}")
    if isinstance(seconds, float) and not isfinite(seconds):
        raise ValueError(f"Duration must be finite, got {seconds!r}")
    if seconds < 0:
        raise ValueError(f"Duration must be >= 0 seconds, got {seconds!r}")
    return Fraction(seconds)


def _round_to_step(value: Fraction, step: int, mode: str) -> int:
    units = value / step
    if mode == "up":
        return ceil(units) * step
    if mode == "down":
        return floor(units) * step
    return floor(units + Fraction(1, 2)) * step  # nearest, half up


def billable_minutes(seconds: float | int, rule: RoundingRule) -> int:
    """Billable minutes (or units, for a per-unit rule) for ``seconds`` of work.

    Per-unit rule: 1 for any time, 0 for none. Otherwise: 0 within the grace
    period; the minimum up to it; beyond it, the minimum plus the time past it
    rounded to a multiple of the step (1 when 0) with the rule's mode.
    """
    exact = _exact_seconds(seconds)
    if rule.per_unit:
        return 1 if exact > 0 else 0
    if exact <= rule.grace_seconds:
        return 0
    minutes = exact / 60
    if minutes <= rule.minimum:
        return rule.minimum
    return rule.minimum + _round_to_step(
        minutes - rule.minimum, rule.step or 1, rule.mode
    )


def billable_quantity(seconds: float | int, rule: RoundingRule) -> int:
    """Billable quantity: 0 or 1 unit for a per-unit rule, else billable minutes."""
    return billable_minutes(seconds, rule)


def billable_of_entries(
    entries: Sequence[float | int], rule: RoundingRule, per_entry: bool
) -> int:
    """Billable quantity of one piece of work logged as several time entries
    (a ticket's timesheet lines): the rule applied to each entry and summed
    when ``per_entry``, else to their total. A per-unit rule bills one unit
    for the whole piece of work either way."""
    if per_entry and not rule.per_unit:
        return sum(billable_minutes(seconds, rule) for seconds in entries)
    return billable_minutes(sum(_exact_seconds(s) for s in entries), rule)
