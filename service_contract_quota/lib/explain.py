"""Why a duration bills the quantity it does. Pure Python."""

from decimal import Decimal
from fractions import Fraction
from math import floor

from .rounding import RoundingRule, _exact_seconds, billable_quantity

# Reasons, from the rule's point of view:
NOTHING = "nothing"  # no time recorded
PER_UNIT = "per_unit"  # one unit per piece of work, whatever its length
FALSE_START = "false_start"  # within the grace period: not billed
MINIMUM = "minimum"  # shorter than the minimum: the minimum is billed
STEP = "step"  # rounded to the rule's steps
EXACT = "exact"  # billed as worked


def explain(seconds: float | int, rule: RoundingRule) -> tuple[int, str]:
    """(billable quantity, reason) of ``seconds`` of work under ``rule``."""
    quantity = billable_quantity(seconds, rule)
    exact = Fraction(seconds)
    if rule.per_unit:
        return quantity, PER_UNIT if quantity else NOTHING
    if not exact:
        return quantity, NOTHING
    if exact <= rule.grace_seconds:
        return quantity, FALSE_START
    if quantity * 60 == exact:
        return quantity, EXACT
    if rule.minimum and exact < rule.minimum * 60:
        return quantity, MINIMUM
    return quantity, STEP


def worked_minutes(seconds: float | int) -> Decimal:
    """The time worked in minutes to one decimal, half up (as a note shows it)."""
    tenths = _exact_seconds(seconds) / 6  # tenths of a minute
    return Decimal(floor(tenths + Fraction(1, 2))) / 10


def rounding_reason(seconds: float | int, rule: RoundingRule) -> str | None:
    """Why the billable minutes of ``seconds`` differ from the time worked, as
    a sale line says it: :data:`MINIMUM` or :data:`STEP` (the reasons of
    :func:`explain`); None when the billed minutes equal the time worked as
    :func:`worked_minutes` shows it, when nothing is billed (a false start)
    and for a per-unit rule (it bills pieces of work, not time)."""
    quantity, reason = explain(seconds, rule)
    if (
        not quantity  # nothing billed (also a few seconds rounded to nearest 0)
        or reason not in (MINIMUM, STEP)
        or worked_minutes(seconds) == quantity
    ):
        return None
    return reason
