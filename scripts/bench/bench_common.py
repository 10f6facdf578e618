"""Helpers shared by the engine benchmarks (bench_quota.py, bench_remote.py):
registry and transactions, statistics and printing, customers with quotas,
engine items and the same orders made directly. Not a benchmark itself."""

import statistics
import time
from datetime import date

ALLOWANCE = 600  # minutes a month on the benchmark quotas


def open_registry(database, odoo_args):
    import odoo
    from odoo.tools import config

    config.parse_config([*odoo_args, "-d", database])
    return odoo.modules.registry.Registry(database)


def transaction(registry, work, commit=True):
    """Run ``work(env)`` in its own transaction, as a request does.

    Returns (seconds, result): the time covers the cursor, the work, the flush
    and the commit. ``result`` must not hold records (the cursor is closed).
    """
    from odoo import SUPERUSER_ID, api

    start = time.perf_counter()
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        result = work(env)
        env.flush_all()
        if commit:
            cr.commit()
        else:
            cr.rollback()
    return time.perf_counter() - start, result


def percentile(values, fraction):
    """Linear interpolation between the closest ranks."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def verdict(ratio, target):
    return f"target <= {target}: {'met' if ratio <= target + 1e-9 else 'NOT met'}"


def summary(ratios, targets, exact=(), numbered=False):
    """The closing lines of a benchmark: each figure against its target
    (``exact`` names: equality wanted, else at most the target)."""
    print("summary:")
    for n, (name, ratio) in enumerate(ratios.items(), 1):
        target = targets[name]
        met = ratio == target if name in exact else ratio <= target + 1e-9
        relation = "=" if name in exact else "<="
        label = f"{n}. {name:9}" if numbered else f"{name:6}"
        print(
            f"   {label} ratio {ratio:.2f}, target {relation} {target}: "
            f"{'met' if met else 'NOT met'}"
        )


def seconds(values):
    return ", ".join(f"{value:.2f}" for value in values)


def side(label, times, count, unit):
    """One side of figures 1 and 2: median of the rounds, per item, rounds."""
    median = statistics.median(times)
    print(
        f"   {label:24} median {median:.2f} s ({1000 * median / count:.1f} ms "
        f"per {unit}); rounds {seconds(times)} s"
    )


def minute_product(env, **extra):
    """The benchmarks' remote support service, sold by the minute at 1.50."""
    minute = env.ref("service_contract_quota.uom_minute")
    return env["product.product"].create(
        {
            "name": "Bench remote support",
            "type": "service",
            "invoice_policy": "order",
            "list_price": 1.5,
            "uom_id": minute.id,
            "uom_po_id": minute.id,
            **extra,
        }
    )


def customers_with_quotas(
    env, count, product, prefix, allowance=ALLOWANCE, start=date(2026, 1, 1)
):
    """``count`` customers, each with a contract and a monthly quota of
    ``allowance`` ``product`` (minutes)."""
    from odoo import Command

    partners = env["res.partner"].create(
        [{"name": f"{prefix} customer {n}"} for n in range(count)]
    )
    contracts = env["contract.contract"].create(
        [
            {
                "name": f"{prefix} {n}",
                "partner_id": partner.id,
                "date_start": start,
                "line_recurrence": True,
            }
            for n, partner in enumerate(partners)
        ]
    )
    env["service.quota"].create(
        [
            {
                "name": f"{allowance:g} per month",
                "contract_id": contract.id,
                "allowance": allowance,
                "product_ids": [Command.set(product.ids)],
            }
            for contract in contracts
        ]
    )
    return partners, contracts


def work_records(env, count, prefix):
    """Records the engine bills (its sources): plain contacts will do."""
    return env["res.partner"].create(
        [{"name": f"{prefix} work {n}"} for n in range(count)]
    )


def items(env, specs, product_id):
    """Engine items of ``specs`` [(customer id, source id, quantity, day)]."""
    return [
        {
            "partner_id": customer_id,
            "product_id": product_id,
            "quantity": quantity,
            "date": day,
            "description": "Remote support",
            "source": env["res.partner"].browse(source_id),
        }
        for customer_id, source_id, quantity, day in specs
    ]


def bare_orders(env, engine_items, explain=False):
    """The orders and lines the engine makes of ``engine_items``, as plain
    ``sale.order.create`` values: the engine's own prepare step (plan, prices,
    line texts; with ``explain`` the notes of uncovered lines too), which
    writes nothing; the suite's own line fields dropped."""
    from odoo import Command

    engine = env["service.billing"]
    prepared = [engine._prepare_item(item) for item in engine_items]
    planned = engine._plan(prepared)
    if explain:
        engine._explain_uncovered(prepared)
    orders = {}
    for item, item_plan in zip(prepared, planned, strict=True):
        key = item["company"].id, item["partner"].id
        order = orders.setdefault(
            key, {"partner_id": key[1], "company_id": key[0], "order_line": []}
        )
        for vals in engine._prepare_line_vals(item, item_plan):
            line = {k: v for k, v in vals.items() if not k.startswith("service_")}
            line["sequence"] = len(order["order_line"]) + 1
            order["order_line"].append(Command.create(line))
    return list(orders.values())


def line_signature(env, order_ids):
    """What two sides must agree on: customer, product, quantity, price,
    discount and text of every line (and the order count)."""
    orders = env["sale.order"].browse(order_ids)
    return len(orders), sorted(
        (
            line.order_id.partner_id.id,
            line.product_id.id,
            line.product_uom_qty,
            line.price_unit,
            line.discount,
            line.name,
        )
        for line in orders.order_line
    )


def check_same(registry, label, engine_ids, bare_ids, extra=None):
    """Print whether both sides made the same orders and lines."""

    def compare(env):
        engine = line_signature(env, engine_ids)
        bare = line_signature(env, bare_ids)
        notes = extra(env) if extra else ""
        return engine == bare, engine[0], len(engine[1]), len(bare[1]), notes

    _elapsed, (same, orders, lines, bare_lines, notes) = transaction(
        registry, compare, commit=False
    )
    if same:
        print(
            f"   check: both sides made the same {orders} orders, {lines} lines{notes}"
        )
    else:
        print(
            f"   WARNING ({label}): the sides differ: engine {lines} lines, "
            f"bare {bare_lines} lines{notes}"
        )


# -------------------------------------------------------------------- setup
