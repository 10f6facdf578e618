"""Benchmarks of the billing engine (service_contract_quota).

Run with scripts/bench/run.sh, which prepares a database and calls:

    python scripts/bench/bench_quota.py DATABASE

Prints ratios measured in one run (these machines are noisy, so the two sides
of a ratio are measured interleaved, in alternating rounds):

1. billing 500 items through the engine (one call, one order each) vs creating
   the same sale orders and lines directly with ``sale.order.create``, after
   20 warm-up calls of each; target ratio <= 1.3;
2. reading the remaining balance of 5,000 contracts as the contract list does
   (stored fields, no ledger arithmetic per read); target < 1 s.

Nothing is committed: the run rolls back.
"""

import statistics
import sys
import time
from datetime import date

ITEMS = 500
WARMUP = 20
ROUNDS = 5
CONTRACTS = 5000


def setup_env(database):
    import odoo
    from odoo.tools import config

    config.parse_config(sys.argv[2:] + ["-d", database])
    registry = odoo.modules.registry.Registry(database)
    cr = registry.cursor()
    return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}), cr


def customers_with_quotas(env, count, product, prefix):
    """``count`` customers, each with a contract and a quota of 600 ``product``."""
    from odoo import Command

    partners = env["res.partner"].create(
        [{"name": f"{prefix} customer {n}"} for n in range(count)]
    )
    contracts = env["contract.contract"].create(
        [
            {
                "name": f"{prefix} {n}",
                "partner_id": partner.id,
                "date_start": date(2026, 1, 1),
                "line_recurrence": True,
            }
            for n, partner in enumerate(partners)
        ]
    )
    env["service.quota"].create(
        [
            {
                "name": "600 per month",
                "contract_id": contract.id,
                "allowance": 600,
                "product_ids": [Command.set(product.ids)],
            }
            for contract in contracts
        ]
    )
    return partners, contracts


def bench_engine(env):
    from odoo import Command

    minute = env.ref("service_contract_quota.uom_minute")
    product = env["product.product"].create(
        {
            "name": "Bench remote",
            "type": "service",
            "list_price": 1.5,
            "uom_id": minute.id,
            "uom_po_id": minute.id,
        }
    )
    partners, _contracts = customers_with_quotas(env, 20, product, "Bench")
    sources = env["res.partner"].create(
        [{"name": f"Bench work {n}"} for n in range(ITEMS + WARMUP)]
    )
    env.flush_all()

    def engine_batch(chunk):
        start = time.perf_counter()
        for n, source in enumerate(chunk):
            item = {
                "partner_id": partners[n % 20].id,
                "product_id": product.id,
                "quantity": 10,
                "description": "Remote",  # as the bare lines' name
                "source": source,
            }
            env["service.billing"].bill([item])
            env.flush_all()
        return time.perf_counter() - start

    def bare_batch(chunk):
        start = time.perf_counter()
        for n, _source in enumerate(chunk):
            line = {
                "product_id": product.id,
                "product_uom_qty": 10,
                "product_uom": minute.id,
                "discount": 100.0,
                "name": "Remote",
            }
            env["sale.order"].create(
                {
                    "partner_id": partners[n % 20].id,
                    "order_line": [Command.create(line)],
                }
            )
            env.flush_all()
        return time.perf_counter() - start

    # Warm both paths up (code, caches), then alternate which side goes first.
    engine_batch(sources[ITEMS:])
    bare_batch(sources[ITEMS:])
    per_round = ITEMS // ROUNDS
    engine_times, bare_times = [], []
    for r in range(ROUNDS):
        chunk = sources[r * per_round : (r + 1) * per_round]
        if r % 2:
            bare_times.append(bare_batch(chunk))
            engine_times.append(engine_batch(chunk))
        else:
            engine_times.append(engine_batch(chunk))
            bare_times.append(bare_batch(chunk))
    engine, bare = sum(engine_times), sum(bare_times)
    print(
        f"engine: {ITEMS} items billed in {engine:.2f} s "
        f"({1000 * engine / ITEMS:.1f} ms each)"
    )
    print(
        f"bare:   {ITEMS} sale.order.create in {bare:.2f} s "
        f"({1000 * bare / ITEMS:.1f} ms each)"
    )
    ratios = [e / b for e, b in zip(engine_times, bare_times, strict=True)]
    print(
        f"engine / bare ratio: {engine / bare:.2f} (per round: "
        f"{', '.join(f'{x:.2f}' for x in ratios)}; "
        f"median {statistics.median(ratios):.2f}; target <= 1.3)"
    )


def bench_balances(env):
    product = env["product.product"].create(
        {
            "name": "Bench balance",
            "type": "service",
            "uom_id": env.ref("uom.product_uom_hour").id,
            "uom_po_id": env.ref("uom.product_uom_hour").id,
        }
    )
    start = time.perf_counter()
    _partners, contracts = customers_with_quotas(env, CONTRACTS, product, "Balance")
    env.flush_all()
    print(
        f"setup: {CONTRACTS} contracts with quotas created in "
        f"{time.perf_counter() - start:.1f} s"
    )
    env.invalidate_all()
    times = []
    for _ in range(3):
        env.invalidate_all()
        start = time.perf_counter()
        rows = env["contract.contract"].search_read(
            [("id", "in", contracts.ids)],
            [
                "name",
                "partner_id",
                "service_remaining",
                "service_balance_state",
                "date_start",
                "date_end",
            ],
        )
        times.append(time.perf_counter() - start)
    assert len(rows) == CONTRACTS and all(
        row["service_remaining"] == "600 minutes" for row in rows
    )
    print(
        f"list read of remaining balance for {CONTRACTS} contracts: "
        f"best {min(times):.3f} s, "
        f"median {statistics.median(times):.3f} s (target < 1 s)"
    )


def main():
    env, cr = setup_env(sys.argv[1])
    try:
        bench_engine(env)
        bench_balances(env)
    finally:
        cr.rollback()
        cr.close()


if __name__ == "__main__":
    main()
