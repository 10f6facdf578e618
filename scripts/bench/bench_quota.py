"""Benchmarks of the billing engine (service_contract_quota).

Run with scripts/bench/run.sh (``BENCH_ONLY=quota`` runs this one alone),
which installs the addon on a scratch database and calls:

    python scripts/bench/bench_quota.py DATABASE [odoo options]

The script creates its own data and commits it (run.sh drops the database
afterwards). Every measured call runs in its own transaction, as a request
does (``with registry.cursor()``, a fresh environment, commit); its time
includes the commit. Both sides of a ratio are measured in this one run,
alternating, so that they see the same load of a noisy machine. It prints:

1. batch: one ``bill()`` of 500 items for 500 customers, each with a quota
   that covers part of the work (a covered line at 100 % discount and an
   overage line each), vs one ``sale.order.create`` of the same 500 orders
   and lines (prices, discounts, quantities, texts); one warm-up round and
   3 measured rounds, the side going first alternating; ratio of the
   medians, target <= 1.5;
2. invoiced: the same for 200 customers with the company's setting
   ``service_auto_invoice`` on (the engine confirms, invoices and posts) vs
   one ``sale.order.create`` of the 200 orders, ``action_confirm``,
   ``_create_invoices`` and ``action_post`` on all of them; per customer,
   target <= 1.25;
3. single item: one ``bill()`` of one item (covered by its quota: one line)
   vs one ``sale.order.create`` of the same one-line order, alternating call
   by call (A, B, A, B...) over 100 pairs after 10 warm-up pairs; medians,
   95th percentiles, ratio of the medians, target <= 1.2;
4. flat: SQL queries (``cr.sql_log_count``) and time of billing one item,
   back-dated into an earlier quota period and in today's period, on a quota
   whose ledger has 1,000 rows vs one with 10,000 (rows and per-period
   totals inserted by SQL); target: equal query counts (ratio 1.0);

and, as before, the list read of the remaining balance of 5,000 contracts
(stored fields, no ledger arithmetic per read; target < 1 s). The lines the
two sides made are compared after each figure. Nothing here asserts timings.
"""

import copy
import os
import statistics
import sys
import time
from datetime import date

from bench_common import (
    ALLOWANCE,
    bare_orders,
    check_same,
    customers_with_quotas,
    items,
    minute_product,
    open_registry,
    percentile,
    seconds,
    summary,
    transaction,
    verdict,
    work_records,
)
from bench_common import side as print_side
from dateutil.relativedelta import relativedelta

BATCH_ITEMS = 500  # figure 1
INVOICED = 200  # figure 2
ROUNDS = 3  # measured rounds of figures 1 and 2, after one warm-up round
PAIRS = 100  # figure 3
PAIRS_WARMUP = 10
LEDGER_ROWS = 1000  # figure 4: N ledger rows against LEDGER_FACTOR * N
LEDGER_FACTOR = 10
FLAT_REPEATS = 5
CONTRACTS = 5000  # list read of balances
TARGETS = {"batch": 1.5, "invoiced": 1.25, "single": 1.2, "flat": 1.0}


def setup(registry):
    """Create and commit the data of every figure; return plain ids."""

    def create(env):
        product = minute_product(env)
        env.company.write(
            {"service_auto_confirm": False, "service_auto_invoice": False}
        )
        today = date.today()
        data = {"product": product.id, "today": today}

        def round_specs(count, prefix, quantity):
            rounds = []
            for r in range(ROUNDS + 1):
                partners, _contracts = customers_with_quotas(
                    env, count, product, f"{prefix} {r}"
                )
                sources = work_records(env, count, f"{prefix} {r}")
                rounds.append(
                    [
                        (partner.id, source.id, quantity(n), today)
                        for n, (partner, source) in enumerate(
                            zip(partners, sources, strict=True)
                        )
                    ]
                )
            return rounds

        # The quota covers 600 minutes of 615 to 710: two lines per item.
        def partly_covered(n):
            return ALLOWANCE + 15 + 5 * (n % 20)

        data["batch"] = round_specs(BATCH_ITEMS, "Batch", partly_covered)
        data["invoiced"] = round_specs(INVOICED, "Invoiced", partly_covered)
        count = PAIRS + PAIRS_WARMUP
        partners, _contracts = customers_with_quotas(env, count, product, "Single")
        sources = work_records(env, count, "Single")
        data["single"] = [
            (partner.id, source.id, 10 + n % 7, today)
            for n, (partner, source) in enumerate(zip(partners, sources, strict=True))
        ]
        data["flat"] = setup_ledgers(env, product, today)
        return data

    start = time.perf_counter()
    elapsed, data = transaction(registry, create)

    def analyze(env):
        # Fresh planner statistics, as autovacuum would give a live database.
        env.cr.execute("ANALYZE")

    transaction(registry, analyze)
    print(
        f"setup: {(ROUNDS + 1) * (BATCH_ITEMS + INVOICED) + PAIRS + PAIRS_WARMUP} "
        f"customers with contracts and quotas, ledgers of {LEDGER_ROWS} and "
        f"{LEDGER_ROWS * LEDGER_FACTOR} rows, in {time.perf_counter() - start:.1f} s"
    )
    return data


def setup_ledgers(env, product, today):
    """Three quotas (warm-up, N and 10 N ledger rows) of 100,000 minutes a month,
    valid from 11 months ago; rows spread over every period up to today, with
    their per-period totals, inserted by SQL; then the stored balances."""
    start = today.replace(day=1) - relativedelta(months=11)
    partners, contracts = customers_with_quotas(
        env, 3, product, "Ledger", allowance=100000, start=start
    )
    quotas = contracts.service_quota_ids
    env.flush_all()
    span = (today - start).days + 1
    sizes = (LEDGER_ROWS, LEDGER_ROWS, LEDGER_ROWS * LEDGER_FACTOR)
    for quota, rows in zip(quotas, sizes, strict=True):
        env.cr.execute(
            """INSERT INTO service_quota_move
                   (name, quota_id, contract_id, partner_id, company_id, date,
                    period_start, move_type, quantity, overage_quantity, user_id,
                    create_uid, write_uid, create_date, write_date)
               SELECT 'Past work ' || n, q.id, q.contract_id, q.partner_id,
                      q.company_id, d.day, date_trunc('month', d.day)::date,
                      'consumption', 1 + n %% 5, 0, %(uid)s, %(uid)s, %(uid)s,
                      now() at time zone 'UTC', now() at time zone 'UTC'
                 FROM service_quota q,
                      generate_series(0, %(rows)s - 1) n,
                      LATERAL (SELECT %(start)s::date + (n * %(span)s / %(rows)s)
                               AS day) d
                WHERE q.id = %(quota)s""",
            {
                "uid": env.uid,
                "rows": rows,
                "start": start,
                "span": span,
                "quota": quota.id,
            },
        )
    env.cr.execute(
        """INSERT INTO service_quota_period
               (quota_id, period_start, covered, overage, topup,
                create_uid, write_uid, create_date, write_date)
           SELECT quota_id, period_start, sum(quantity), sum(overage_quantity), 0,
                  %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
             FROM service_quota_move WHERE quota_id IN %(quotas)s
            GROUP BY quota_id, period_start""",
        {"uid": env.uid, "quotas": tuple(quotas.ids)},
    )
    env.invalidate_all()
    quotas._recompute_balances()
    back = today.replace(day=15) - relativedelta(months=3)
    sources = work_records(env, 4 * (FLAT_REPEATS + 2) * 2, "Ledger")
    return {
        "customers": partners.ids,
        "quotas": quotas.ids,
        "days": {"today": today, "back-dated": back},
        "sources": sources.ids,
    }


# ------------------------------------------------------------ figures 1 and 2
def bench_rounds(registry, data, key, engine_side, bare_side):
    """Warm-up round, then ROUNDS rounds, each side in its own transaction,
    the side going first alternating. Returns the times and order ids."""
    product_id = data["product"]
    times = {"engine": [], "bare": []}
    orders = {"engine": [], "bare": []}
    for r, specs in enumerate(data[key]):
        _elapsed, vals = transaction(
            registry,
            lambda env, specs=specs: bare_orders(env, items(env, specs, product_id)),
            commit=False,
        )
        sides = {
            "engine": lambda env, specs=specs: engine_side(
                env, items(env, specs, product_id)
            ),
            "bare": lambda env, vals=vals: bare_side(env, copy.deepcopy(vals)),
        }
        order = ("engine", "bare") if r % 2 else ("bare", "engine")
        for side in order:
            elapsed, ids = transaction(registry, sides[side])
            if r:  # round 0 warms both paths up
                times[side].append(elapsed)
                orders[side] += ids
    return times, orders


def bench_batch(registry, data):
    def engine_side(env, engine_items):
        return env["service.billing"].bill(engine_items).order_id.ids

    def bare_side(env, vals_list):
        return env["sale.order"].create(vals_list).ids

    times, orders = bench_rounds(registry, data, "batch", engine_side, bare_side)
    engine, bare = statistics.median(times["engine"]), statistics.median(times["bare"])
    ratio = engine / bare
    rounds = [e / b for e, b in zip(times["engine"], times["bare"], strict=True)]
    print(
        f"1. batch: one bill() of {BATCH_ITEMS} items for {BATCH_ITEMS} customers "
        f"(quota covers {ALLOWANCE} of 615-710 min each) vs one sale.order.create "
        f"of the same orders; {ROUNDS} rounds after a warm-up"
    )
    print_side("engine bill():", times["engine"], BATCH_ITEMS, "item")
    print_side("bare sale.order.create:", times["bare"], BATCH_ITEMS, "order")
    print(
        f"   engine / bare: {ratio:.2f} (per round {seconds(rounds)}); "
        f"{verdict(ratio, TARGETS['batch'])}"
    )
    check_same(registry, "batch", orders["engine"], orders["bare"])
    return ratio


def bench_invoiced(registry, data):
    def settings(auto_invoice):
        def write(env):
            env.company.write({"service_auto_invoice": auto_invoice})

        transaction(registry, write)

    def engine_side(env, engine_items):
        return env["service.billing"].bill(engine_items).order_id.ids

    def bare_side(env, vals_list):
        orders = env["sale.order"].create(vals_list)
        orders.action_confirm()
        invoices = orders._create_invoices()
        invoices.action_post()
        return orders.ids

    settings(True)
    try:
        times, orders = bench_rounds(registry, data, "invoiced", engine_side, bare_side)
    finally:
        settings(False)
    engine, bare = statistics.median(times["engine"]), statistics.median(times["bare"])
    ratio = engine / bare
    rounds = [e / b for e, b in zip(times["engine"], times["bare"], strict=True)]
    print(
        f"2. invoiced: {INVOICED} customers billed by one bill() with the company's "
        "auto-invoice setting on vs one sale.order.create, action_confirm, "
        f"_create_invoices, action_post; {ROUNDS} rounds after a warm-up"
    )
    print_side("engine bill():", times["engine"], INVOICED, "customer")
    print_side("bare create+invoice:", times["bare"], INVOICED, "customer")
    print(
        f"   engine / bare per customer: {ratio:.2f} (per round {seconds(rounds)}); "
        f"{verdict(ratio, TARGETS['invoiced'])}"
    )

    def invoices(env):
        figures = []
        for ids in (orders["engine"], orders["bare"]):
            moves = env["sale.order"].browse(ids).invoice_ids
            figures.append(
                (
                    len(moves),
                    all(move.state == "posted" for move in moves),
                    round(sum(moves.mapped("amount_total")), 2),
                )
            )
        (count, posted, total), bare = figures
        same = "same" if figures[0] == bare else f"NOT the same (bare {bare})"
        return f"; invoices: {count}, all posted: {posted}, total {total:.2f} ({same})"

    check_same(registry, "invoiced", orders["engine"], orders["bare"], invoices)
    return ratio


# ----------------------------------------------------------------- figure 3
def bench_single(registry, data):
    product_id = data["product"]
    specs = data["single"]
    _elapsed, vals = transaction(
        registry,
        lambda env: [
            bare_orders(env, items(env, [spec], product_id)) for spec in specs
        ],
        commit=False,
    )

    def engine_call(spec):
        return transaction(
            registry,
            lambda env: env["service.billing"]
            .bill(items(env, [spec], product_id))
            .order_id.ids,
        )

    def bare_call(vals_list):
        vals_list = copy.deepcopy(vals_list)
        return transaction(
            registry, lambda env: env["sale.order"].create(vals_list).ids
        )

    times = {"engine": [], "bare": []}
    orders = {"engine": [], "bare": []}
    for n, (spec, vals_list) in enumerate(zip(specs, vals, strict=True)):
        for side, (elapsed, ids) in (
            ("engine", engine_call(spec)),
            ("bare", bare_call(vals_list)),
        ):
            if n >= PAIRS_WARMUP:
                times[side].append(elapsed)
                orders[side] += ids
    engine, bare = times["engine"], times["bare"]
    ratio = statistics.median(engine) / statistics.median(bare)
    pair_ratios = [e / b for e, b in zip(engine, bare, strict=True)]
    print(
        f"3. single item: one bill() of one item (covered: one line) vs one "
        f"sale.order.create of the same one-line order, each call its own "
        f"transaction, A, B, A, B... over {PAIRS} pairs after {PAIRS_WARMUP}"
    )
    for name, values in (("engine bill():", engine), ("bare create:", bare)):
        print(
            f"   {name:15} median {1000 * statistics.median(values):.1f} ms, "
            f"p95 {1000 * percentile(values, 0.95):.1f} ms, "
            f"mean {1000 * statistics.fmean(values):.1f} ms"
        )
    print(
        f"   engine / bare: ratio of medians {ratio:.2f}, median of pair ratios "
        f"{statistics.median(pair_ratios):.2f}, p95 ratio "
        f"{percentile(engine, 0.95) / percentile(bare, 0.95):.2f}; "
        f"{verdict(ratio, TARGETS['single'])}"
    )
    check_same(registry, "single", orders["engine"], orders["bare"])
    return ratio


# ----------------------------------------------------------------- figure 4
def bench_flat(registry, data):
    from odoo import SUPERUSER_ID, api

    flat = data["flat"]
    product_id = data["product"]
    (warm, small, big), sources = flat["customers"], iter(flat["sources"])

    def bill_one(customer_id, day):
        """(queries, seconds) of billing one item, its commit included."""
        spec = (customer_id, next(sources), 10, day)
        start = time.perf_counter()
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            before = cr.sql_log_count
            env["service.billing"].bill(items(env, [spec], product_id))
            cr.commit()
            queries = cr.sql_log_count - before
        return queries, time.perf_counter() - start

    def ledgers(env):
        env.cr.execute(
            "SELECT quota_id, count(*), count(DISTINCT period_start) "
            "FROM service_quota_move WHERE quota_id IN %s GROUP BY quota_id",
            [tuple(flat["quotas"])],
        )
        return {quota: (rows, periods) for quota, rows, periods in env.cr.fetchall()}

    _elapsed, counts = transaction(registry, ledgers, commit=False)
    (rows_small, periods), (rows_big, _periods) = (
        counts[quota] for quota in flat["quotas"][1:]
    )
    print(
        f"4. flat: billing one item on a quota with {LEDGER_ROWS} ledger rows vs "
        f"one with {LEDGER_ROWS * LEDGER_FACTOR} (same periods), {FLAT_REPEATS} "
        "calls each, alternating"
    )
    print(
        f"   ledgers: {rows_small} and {rows_big} rows over {periods} monthly "
        "periods, with their per-period totals"
    )
    ratios = []
    for case, day in flat["days"].items():
        for _ in range(2):
            bill_one(warm, day)
        figures = {small: ([], []), big: ([], [])}
        for n in range(FLAT_REPEATS):
            for customer in (small, big) if n % 2 == 0 else (big, small):
                queries, elapsed = bill_one(customer, day)
                figures[customer][0].append(queries)
                figures[customer][1].append(elapsed)
        (q_small, t_small), (q_big, t_big) = figures[small], figures[big]
        ratio = statistics.median(q_big) / statistics.median(q_small)
        ratios.append(ratio)

        def shown(counts):
            low, high = min(counts), max(counts)
            return f"{low}" if low == high else f"{low}-{high}"

        time_ratio = statistics.median(t_big) / statistics.median(t_small)
        print(
            f"   {case} ({day}): queries {shown(q_small)} at {LEDGER_ROWS} rows, "
            f"{shown(q_big)} at {LEDGER_ROWS * LEDGER_FACTOR} (ratio {ratio:.2f}); "
            f"median time {1000 * statistics.median(t_small):.1f} / "
            f"{1000 * statistics.median(t_big):.1f} ms (ratio {time_ratio:.2f})"
        )
    ratio = max(ratios, key=lambda value: abs(value - 1))
    met = "met" if all(r == TARGETS["flat"] for r in ratios) else "NOT met"
    print(f"   queries at 10x / 1x data: {ratio:.2f}; target equal (1.0): {met}")
    return ratio


# ------------------------------------------------------------ balance reads
def bench_balances(registry):
    def create(env):
        product = env["product.product"].create(
            {
                "name": "Bench balance",
                "type": "service",
                "uom_id": env.ref("uom.product_uom_hour").id,
                "uom_po_id": env.ref("uom.product_uom_hour").id,
            }
        )
        _partners, contracts = customers_with_quotas(env, CONTRACTS, product, "Balance")
        return contracts.ids

    elapsed, contract_ids = transaction(registry, create)
    print(f"5. balances: {CONTRACTS} contracts with quotas created in {elapsed:.1f} s")

    def read(env):
        start = time.perf_counter()
        rows = env["contract.contract"].search_read(
            [("id", "in", contract_ids)],
            [
                "name",
                "partner_id",
                "service_remaining",
                "service_balance_state",
                "date_start",
                "date_end",
            ],
        )
        elapsed = time.perf_counter() - start
        assert len(rows) == CONTRACTS and all(
            row["service_remaining"] == "600 minutes" for row in rows
        )
        return elapsed

    times = [transaction(registry, read, commit=False)[1] for _ in range(3)]
    print(
        f"   list read of the remaining balance of {CONTRACTS} contracts: best "
        f"{min(times):.3f} s, median {statistics.median(times):.3f} s "
        f"(target < 1 s: {'met' if statistics.median(times) < 1 else 'NOT met'})"
    )


def main():
    begin = time.perf_counter()
    load_before = os.getloadavg()[0]
    registry = open_registry(sys.argv[1], sys.argv[2:])
    data = setup(registry)
    ratios = {
        "batch": bench_batch(registry, data),
        "invoiced": bench_invoiced(registry, data),
        "single": bench_single(registry, data),
        "flat": bench_flat(registry, data),
    }
    bench_balances(registry)
    summary(ratios, TARGETS, exact=("flat",), numbered=True)
    print(
        f"load average (1 min) at start / end: {load_before:.2f} / "
        f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; total "
        f"{time.perf_counter() - begin:.0f} s"
    )


if __name__ == "__main__":
    main()
