"""The billing plan: how billable items become order lines and quota use.

Pure Python. The engine builds :class:`PlanItem` values and the current
:class:`QuotaState` of every quota period the items touch, calls :func:`plan`,
and turns the result into sale order lines and ledger rows. The preview of a
piece of work is the same call on one item, so what the technician is shown is
what the customer is billed.

Items are planned in the order given: each consumes the quota state the
previous ones left, so several items on one quota period in one call cover
exactly what separate calls would.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from .quota import Tier, allocate, as_decimal, validate_tiers

HUNDRED = Decimal(100)


def quantize(value: Decimal, step: Decimal) -> Decimal:
    """``value`` rounded half-up to a multiple of ``step`` (e.g. ``0.01``)."""
    if step <= 0:
        raise ValueError(f"Rounding step must be > 0, got {step}")
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


@dataclass(frozen=True)
class QuotaState:
    """One quota period as the plan sees it, in the quota's unit.

    ``remaining``: allowance left; ``overage_used``: overage already billed in
    the period (where the next overage starts in ``tiers``).
    """

    remaining: Decimal
    overage_used: Decimal = Decimal(0)
    tiers: tuple[Tier, ...] = ()

    def __post_init__(self) -> None:
        remaining = as_decimal(self.remaining, "Remaining quota")
        overage = as_decimal(self.overage_used, "Overage used")
        if remaining < 0 or overage < 0:
            raise ValueError("Remaining quota and overage used must be >= 0")
        object.__setattr__(self, "remaining", remaining)
        object.__setattr__(self, "overage_used", overage)
        object.__setattr__(self, "tiers", validate_tiers(self.tiers))


@dataclass(frozen=True)
class PlanItem:
    """One billable item.

    ``quantity`` is billable (already rounded), in the product's unit;
    ``price`` the normal unit price; ``discount`` (percent) applies to what
    the quota does not cover. ``quota`` names a :class:`QuotaState` (None:
    no quota). ``per_quota_unit`` converts the product's unit to the quota's
    (60 for hours against a minute quota); None counts one unit per piece of
    work (sessions/incidents).
    """

    quantity: Decimal
    price: Decimal
    discount: Decimal = Decimal(0)
    quota: Hashable | None = None
    per_quota_unit: Decimal | None = Decimal(1)

    def __post_init__(self) -> None:
        quantity = as_decimal(self.quantity, "Quantity")
        price = as_decimal(self.price, "Price")
        discount = as_decimal(self.discount, "Discount")
        if quantity < 0:
            raise ValueError(f"Quantity must be >= 0, got {quantity}")
        if not 0 <= discount <= HUNDRED:
            raise ValueError(f"Discount must be between 0 and 100, got {discount}")
        object.__setattr__(self, "quantity", quantity)
        object.__setattr__(self, "price", price)
        object.__setattr__(self, "discount", discount)
        if self.per_quota_unit is not None:
            factor = as_decimal(self.per_quota_unit, "Quota units per product unit")
            if factor <= 0:
                raise ValueError(f"Quota units per product unit must be > 0: {factor}")
            object.__setattr__(self, "per_quota_unit", factor)

    def quota_quantity(self) -> Decimal:
        """The quantity in the quota's unit."""
        if self.per_quota_unit is None:
            return Decimal(1) if self.quantity > 0 else Decimal(0)
        return self.quantity * self.per_quota_unit


@dataclass(frozen=True)
class PlanLine:
    """One order line: quantity (product unit), unit price, discount, subtotal."""

    quantity: Decimal
    price: Decimal
    discount: Decimal
    subtotal: Decimal
    covered: bool = False
    tier_price: bool = False


@dataclass(frozen=True)
class ItemPlan:
    """What one item becomes: its lines and its use of the quota (quota unit)."""

    lines: tuple[PlanLine, ...]
    covered: Decimal = Decimal(0)
    overage: Decimal = Decimal(0)
    remaining: Decimal | None = None
    quota: Hashable | None = None
    period_overage: Decimal | None = field(default=None, compare=False)

    @property
    def quantity(self) -> Decimal:
        """Billable quantity, product unit (the sum of the lines)."""
        return sum((line.quantity for line in self.lines), Decimal(0))

    @property
    def covered_quantity(self) -> Decimal:
        """The part the quota covers, product unit."""
        return sum((line.quantity for line in self.lines if line.covered), Decimal(0))

    @property
    def amount(self) -> Decimal:
        """What the customer pays, untaxed: the sum of the rounded subtotals."""
        return sum((line.subtotal for line in self.lines), Decimal(0))


def _line(quantity, price, discount, money_step, **flags) -> PlanLine:
    subtotal = quantize(quantity * price * (HUNDRED - discount) / HUNDRED, money_step)
    return PlanLine(quantity, price, discount, subtotal, **flags)


def plan_item(
    item: PlanItem,
    state: QuotaState | None,
    quantity_step: Decimal = Decimal("0.01"),
    money_step: Decimal = Decimal("0.01"),
) -> tuple[ItemPlan, QuotaState | None]:
    """Plan one item against ``state``; return its plan and the state after it."""
    if item.quota is None or state is None:
        line = _line(item.quantity, item.price, item.discount, money_step)
        return ItemPlan((line,)), state
    quota_qty = item.quota_quantity()
    allocation = allocate(quota_qty, state.remaining, state.overage_used, state.tiers)
    parts = [(allocation.covered, None, True)] if allocation.covered else []
    parts += [(band.quantity, band.price, False) for band in allocation.bands]
    lines = []
    billed = Decimal(0)
    for index, (part, tier_price, covered) in enumerate(parts):
        if index == len(parts) - 1:
            quantity = item.quantity - billed  # the lines add up exactly
        else:
            share = quantize(item.quantity * part / quota_qty, quantity_step)
            quantity = min(share, item.quantity - billed)
        billed += quantity
        if covered:
            lines.append(_line(quantity, item.price, HUNDRED, money_step, covered=True))
        elif tier_price is None:
            lines.append(_line(quantity, item.price, item.discount, money_step))
        else:
            lines.append(
                _line(quantity, tier_price, item.discount, money_step, tier_price=True)
            )
    if not lines:  # nothing billable: one line at 0 keeps a trace
        lines.append(_line(Decimal(0), item.price, item.discount, money_step))
    after = replace(
        state,
        remaining=state.remaining - allocation.covered,
        overage_used=state.overage_used + allocation.uncovered,
    )
    result = ItemPlan(
        tuple(lines),
        covered=allocation.covered,
        overage=allocation.uncovered,
        remaining=after.remaining,
        quota=item.quota,
        period_overage=after.overage_used,
    )
    return result, after


def plan(
    items: Iterable[PlanItem],
    states: Mapping[Hashable, QuotaState],
    quantity_step: Decimal = Decimal("0.01"),
    money_step: Decimal = Decimal("0.01"),
) -> tuple[list[ItemPlan], dict[Hashable, QuotaState]]:
    """Plan ``items`` in order against the quota ``states``.

    Returns the plan of every item and the states after all of them. An item
    naming a quota missing from ``states`` raises ``KeyError``.
    """
    current = dict(states)
    plans = []
    for item in items:
        state = current[item.quota] if item.quota is not None else None
        result, after = plan_item(item, state, quantity_step, money_step)
        if item.quota is not None:
            current[item.quota] = after
        plans.append(result)
    return plans, current
