"""Why a duration bills the quantity it does. Pure Python."""

from fractions import Fraction

from .rounding import RoundingRule, billable_quantity

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
