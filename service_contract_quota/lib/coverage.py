"""Whether a quota covers a piece of work. Pure Python.

Shared by ``service.quota.covers`` (one record) and the engine's lookup of
the covering quota (rows of one query), so both decide alike.
"""

from collections.abc import Callable, Collection, Iterable
from datetime import date

from .period import is_active


def valid_on(day: date, windows: Iterable[tuple[date | None, date | None]]) -> bool:
    """Whether ``day`` lies in every (start, end) window (quota's and contract's
    dates; an open end is None, a missing start is never valid)."""
    return all(is_active(day, start or None, end or None) for start, end in windows)


def covers_product(
    product_id: int,
    is_service: bool,
    categ_path: str | Callable[[], str],
    product_ids: Collection[int],
    categ_paths: Collection[str],
    coverable: bool = True,
) -> bool:
    """Whether a quota naming ``product_ids`` covers the product.

    A quota that names products covers those (goods too) and nothing else; one
    that names none covers the services of ``categ_paths`` (categories'
    ``parent_path``) and their subcategories. ``categ_path`` is the product
    category's path, or a function giving it (called only when categories
    decide). A product that is not ``coverable`` (billed at its price, never
    from a quota) is covered by none.
    """
    if not coverable:
        return False
    if product_id in product_ids:
        return True
    if product_ids or not categ_paths or not is_service:
        return False
    path = categ_path() if callable(categ_path) else categ_path
    return any(path.startswith(prefix) for prefix in categ_paths)
