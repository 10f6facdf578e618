"""Rounding of worked durations to billable quantities. Pure Python."""

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

    ``minimum`` and ``step`` are minutes; durations of at most ``grace_seconds``
    are false starts and bill nothing. With ``minimum == step == 0`` the rule
    bills one unit per session instead of time (see :attr:`per_unit`).
    """

    minimum: int = 0
    step: int = 0
    mode: str = "up"
    grace_seconds: int = 0

    def __post_init__(self) -> None:
        _check_int(self.minimum, "Minimum billable minutes", 0, MAX_MINUTES)
        _check_int(self.step, "Rounding step", 0, MAX_MINUTES)
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
    """Billable minutes for a duration of ``seconds`` under ``rule``.

    At or below the grace period: 0. Per-unit rule: 1. Otherwise the raw minutes,
    raised to the minimum, rounded to a multiple of the step (1 when 0) with the
    rule's mode, and never below the minimum (bumped to the next step multiple).
    """
    exact = _exact_seconds(seconds)
    if exact <= rule.grace_seconds:
        return 0
    if rule.per_unit:
        return 1
    step = rule.step or 1
    quantity = max(exact / 60, Fraction(rule.minimum))
    result = _round_to_step(quantity, step, rule.mode)
    if result < rule.minimum:
        result = ceil(Fraction(rule.minimum, step)) * step
    return result


def billable_quantity(seconds: float | int, rule: RoundingRule) -> int:
    """Billable quantity: 0 or 1 unit for a per-unit rule, else billable minutes."""
    return billable_minutes(seconds, rule)
