"""Quota arithmetic: covered part, overage and overage tiers. Pure Python."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

Number = int | Decimal


def as_decimal(value: int | float | Decimal, name: str = "Value") -> Decimal:
    """``value`` as a finite ``Decimal`` (floats go through ``str``)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"{name} must be a number, got {value!r}")
    result = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not result.is_finite():
        raise ValueError(f"{name} must be finite, got {value!r}")
    return result


def is_amount(value: object) -> bool:
    """True for a finite number >= 0 (not a bool, a string or NaN)."""
    try:
        return as_decimal(value) >= 0  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _non_negative(value: int | float | Decimal, name: str) -> Decimal:
    result = as_decimal(value, name)
    if result < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return result


def split_covered(quantity: Number, balance: Number) -> tuple[Number, Number]:
    """Split ``quantity`` into the part ``balance`` covers and the overage.

    Two ints give ints; anything else gives ``Decimal``.
    """
    plain_ints = all(
        isinstance(value, int) and not isinstance(value, bool)
        for value in (quantity, balance)
    )
    if not plain_ints:
        quantity = as_decimal(quantity, "Quantity")
        balance = as_decimal(balance, "Balance")
    if quantity < 0 or balance < 0:
        raise ValueError(
            f"Quantity and balance must be >= 0, got {quantity} and {balance}"
        )
    covered = min(quantity, balance)
    return covered, quantity - covered


@dataclass(frozen=True)
class Tier:
    """Overage band ``[start, stop)`` priced at ``price`` per product unit.

    ``start``/``stop`` count overage in the quota's unit within one period;
    ``stop=None`` is open-ended. Values are converted to ``Decimal``; ranges are
    checked by :func:`validate_tiers`.
    """

    start: Decimal
    stop: Decimal | None
    price: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", as_decimal(self.start, "Tier start"))
        if self.stop is not None:
            object.__setattr__(self, "stop", as_decimal(self.stop, "Tier stop"))
        object.__setattr__(self, "price", as_decimal(self.price, "Tier price"))

    def label(self) -> str:
        """``"start-stop"`` (``"start+"`` when open-ended), for messages."""
        return f"{self.start}+" if self.stop is None else f"{self.start}-{self.stop}"


def validate_tiers(tiers: Sequence[Tier]) -> tuple[Tier, ...]:
    """Sorted tiers, checked to tile ``[0, last stop)`` exactly. ``ValueError``."""
    ordered = tuple(sorted(tiers, key=lambda t: (t.start, t.stop is None, t.stop or 0)))
    for tier in ordered:
        if tier.stop is not None and tier.stop <= tier.start:
            raise ValueError(f"Tier {tier.label()} must end after it starts")
        if tier.price < 0:
            raise ValueError(f"Tier {tier.label()} has a negative price: {tier.price}")
    if ordered and ordered[0].start != 0:
        raise ValueError(f"The first tier must start at 0, not {ordered[0].start}")
    for previous, tier in zip(ordered, ordered[1:], strict=False):
        if previous.stop is None:
            raise ValueError(
                f"Only the last tier may be open-ended: tier {previous.label()} "
                f"is followed by tier {tier.label()}"
            )
        if tier.start < previous.stop:
            raise ValueError(f"Tiers overlap: {previous.label()} and {tier.label()}")
        if tier.start > previous.stop:
            raise ValueError(
                f"Gap between tiers: {previous.label()} and {tier.label()} "
                f"leave {previous.stop}-{tier.start} uncovered"
            )
    return ordered


@dataclass(frozen=True)
class Band:
    """A quantity billed at one price (``None``: the product's normal price)."""

    quantity: Decimal
    price: Decimal | None
    covered: bool = False


@dataclass(frozen=True)
class Allocation:
    """Result of :func:`allocate`: covered quantity and uncovered bands."""

    covered: Decimal
    bands: tuple[Band, ...] = ()

    @property
    def uncovered(self) -> Decimal:
        """Total quantity of the uncovered bands."""
        return sum((band.quantity for band in self.bands), Decimal(0))

    @property
    def all_bands(self) -> tuple[Band, ...]:
        """The covered band (price 0) when non-zero, then the uncovered bands."""
        if not self.covered:
            return self.bands
        return (Band(self.covered, Decimal(0), True), *self.bands)


def allocate(
    quantity: Number,
    remaining: Number,
    overage_used: Number,
    tiers: Sequence[Tier] = (),
) -> Allocation:
    """Split ``quantity`` into the part the ``remaining`` quota covers and bands.

    The overage is spread over ``tiers`` starting at position ``overage_used``
    (overage already consumed in the period). Overage past the last tier, or all
    of it without tiers, is one band at the normal price (``price=None``).
    """
    quantity = _non_negative(quantity, "Quantity")
    remaining = _non_negative(remaining, "Remaining quota")
    position = _non_negative(overage_used, "Overage used")
    covered = min(quantity, remaining)
    left = quantity - covered
    bands = []
    for tier in validate_tiers(tiers):
        if not left:
            break
        if tier.stop is not None and position >= tier.stop:
            continue
        take = left if tier.stop is None else min(left, tier.stop - position)
        bands.append(Band(take, tier.price))
        left -= take
        position += take
    if left:
        bands.append(Band(left, None))
    return Allocation(covered, tuple(bands))


def amount(allocation: Allocation, normal_price: Number) -> Decimal:
    """Unrounded price of the uncovered bands (normal price where no tier)."""
    normal_price = as_decimal(normal_price, "Normal price")
    return sum(
        (
            band.quantity * (normal_price if band.price is None else band.price)
            for band in allocation.bands
        ),
        Decimal(0),
    )
