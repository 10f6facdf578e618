"""Benchmark of "finish and bill" of remote sessions (service_remote_timer).

Run with scripts/bench/run.sh (``BENCH_ONLY=remote`` runs this one alone),
which installs the suite on a scratch database, then calls:

    python scripts/bench/bench_remote.py setup DATABASE [odoo options]
    python scripts/bench/bench_remote.py client URL DATABASE

``setup`` commits (an HTTP server must see the data): 5,000 customers, each
with a contract and a quota of 600 minutes a month, a per-minute remote support
service, a technician with an employee, 20,000 past finished sessions (with
their intervals and timesheets) and paused sessions ready to be finished.

``client`` talks JSON-RPC to a running server as the technician, the way the
web client does, and compares per call (one call = the whole request, its
round trip included):

- finish: ``service.remote.session.action_finish`` on one paused session
  (pause, bill through the engine, confirm, ledger, timesheet, chatter);
- bare: ``sale.order.create`` of the same line (customer, product, minutes,
  100 % discount where the quota covers the work) followed by
  ``action_confirm``: what Odoo gives without the suite.

After 20 warm-up calls of each side, 200 calls of each are made in 10 rounds
of 20, the two sides alternating call by call (so both see the same load of a
noisy machine), finish first in even rounds and bare first in odd ones. Prints
median and 95th percentile per call, the ratio of the medians (target <= 1.5)
and the ratio of the medians per round. Nothing here is a timed test.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from os.path import dirname

sys.path.insert(0, dirname(__file__))
sys.path.insert(0, dirname(dirname(dirname(os.path.abspath(__file__)))))
from bench_common import (  # noqa: E402
    customers_with_quotas,
    percentile,
)

from tests.multiworker.fixture import remote_service, technicians  # noqa: E402
from tests.multiworker.harness import JsonRpc  # noqa: E402

CUSTOMERS = 5000
PAST_SESSIONS = 20000
BATCH = 1000
CALLS = 200
WARMUP = 20
ROUNDS = 10
LOGIN = "bench_technician"
PASSWORD = "bench_technician"  # a scratch database, dropped after the run
TARGET = 1.5


# ------------------------------------------------------------------- setup
def setup_env(database, odoo_args):
    import odoo
    from odoo.tools import config

    config.parse_config([*odoo_args, "-d", database])
    registry = odoo.modules.registry.Registry(database)
    cr = registry.cursor()
    return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}), cr


def setup_product_and_technician(env):
    product = remote_service(env)
    (technician,) = technicians(env, [LOGIN])
    return product, technician, technician.employee_ids[:1]


def create_past_sessions(env, partners, contracts, product, technician, employee):
    """``PAST_SESSIONS`` finished sessions over the last 300 days, in batches."""
    rng = random.Random(20260101)
    sessions_model = env["service.remote.session"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
    )
    intervals_model = env["service.remote.interval"].sudo()
    timesheets_model = env["account.analytic.line"].sudo()
    project = env.company.service_remote_project_id
    quotas = {c.partner_id.id: c.service_quota_ids[:1].id for c in contracts}
    now = datetime.now().replace(microsecond=0)
    for first in range(0, PAST_SESSIONS, BATCH):
        plans, vals_list = [], []
        for n in range(first, min(first + BATCH, PAST_SESSIONS)):
            partner = partners[n % len(partners)]
            start = now - timedelta(
                days=rng.randint(2, 300), minutes=rng.randint(0, 600)
            )
            pieces = [rng.randint(3, 30) for _ in range(rng.choice((1, 1, 2, 3)))]
            minutes = sum(pieces)
            plans.append((start, pieces, minutes))
            vals_list.append(
                {
                    "name": f"RS/PAST/{n:05d}",
                    "partner_id": partner.id,
                    "product_id": product.id,
                    "user_id": technician.id,
                    "quota_id": quotas[partner.id],
                    "state": "done",
                    "description": f"Past remote support {n}",
                    "finished_at": start
                    + timedelta(minutes=minutes + 10 * len(pieces)),
                    "service_quantity": minutes,
                    "service_covered_quantity": minutes,
                }
            )
        sessions = sessions_model.create(vals_list)
        interval_vals, timesheet_vals = [], []
        for session, (start, pieces, minutes) in zip(sessions, plans, strict=True):
            moment = start
            for piece in pieces:
                stop = moment + timedelta(minutes=piece)
                interval_vals.append(
                    {"session_id": session.id, "start": moment, "stop": stop}
                )
                moment = stop + timedelta(minutes=10)
            timesheet_vals.append(
                {
                    "name": f"Remote support {session.name}, {minutes} min",
                    "project_id": project.id,
                    "employee_id": employee.id,
                    "user_id": technician.id,
                    "date": start.date(),
                    "unit_amount": minutes / 60.0,
                    "service_remote_session_id": session.id,
                }
            )
        intervals_model.create(interval_vals)
        timesheets_model.create(timesheet_vals)
        env.flush_all()
        env.invalidate_all()


def create_pending_sessions(env, partners, technician):
    """Paused sessions (one closed interval of 7-40 minutes), one per customer."""
    rng = random.Random(42)
    count = CALLS + WARMUP
    step = len(partners) // count
    customers = [partners[n * step] for n in range(count)]
    sessions = (
        env["service.remote.session"]
        .with_user(technician)
        .create(
            [
                {"partner_id": partner.id, "description": f"Bench finish {n}"}
                for n, partner in enumerate(customers)
            ]
        )
    )
    # As the clock actions do (the state is not edited by hand).
    sessions.sudo().write({"state": "paused"})
    stop = datetime.now().replace(microsecond=0) - timedelta(minutes=1)
    env["service.remote.interval"].sudo().create(
        [
            {
                "session_id": session.id,
                "start": stop - timedelta(minutes=rng.randint(7, 40)),
                "stop": stop,
            }
            for session in sessions
        ]
    )
    env.flush_all()
    assert all(sessions.mapped("quota_id")), "a pending session without quota"
    return sessions


def setup(database, odoo_args):
    env, cr = setup_env(database, odoo_args)
    try:
        begin = time.perf_counter()
        product, technician, employee = setup_product_and_technician(env)
        start = time.perf_counter()
        partners, contracts = customers_with_quotas(
            env, CUSTOMERS, product, "Remote bench"
        )
        env.flush_all()
        print(
            f"setup: {CUSTOMERS} customers with contracts and quotas in "
            f"{time.perf_counter() - start:.1f} s"
        )
        start = time.perf_counter()
        create_past_sessions(env, partners, contracts, product, technician, employee)
        print(
            f"setup: {PAST_SESSIONS} past sessions (intervals, timesheets) in "
            f"{time.perf_counter() - start:.1f} s"
        )
        start = time.perf_counter()
        create_pending_sessions(env, partners, technician)
        print(
            f"setup: {CALLS + WARMUP} paused sessions in "
            f"{time.perf_counter() - start:.1f} s"
        )
        cr.commit()
        # Fresh planner statistics, as autovacuum would give a live database
        # (and no auto-analyze of the new rows during the measurement).
        cr.execute("ANALYZE")
        cr.commit()
        print(f"setup: total {time.perf_counter() - begin:.1f} s")
        counts = {
            "customers": env["res.partner"].search_count(
                [("name", "=like", "Remote bench customer %")]
            ),
            "contracts": env["contract.contract"].search_count([]),
            "sessions": env["service.remote.session"].search_count([]),
            "intervals": env["service.remote.interval"].search_count([]),
            "timesheets": env["account.analytic.line"].search_count([]),
            "sale orders": env["sale.order"].search_count([]),
        }
        cr.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        print(
            "database: "
            + ", ".join(f"{count} {name}" for name, count in counts.items())
            + f"; size {cr.fetchone()[0]}"
        )
    finally:
        cr.rollback()
        cr.close()


# ------------------------------------------------------------------ client
def client(url, database):
    rpc = JsonRpc(url, database, LOGIN, PASSWORD)
    sessions = rpc.call(
        "service.remote.session",
        "search_read",
        [("state", "=", "paused"), ("user_id", "=", rpc.context["uid"])],
        ["name", "partner_id", "product_id", "duration_minutes", "description"],
        order="id",
    )
    assert len(sessions) >= CALLS + WARMUP, f"{len(sessions)} paused sessions only"
    product = rpc.call(
        "product.product", "read", [sessions[0]["product_id"][0]], ["uom_id"]
    )[0]
    print(
        f"client: {url}, {len(sessions)} paused sessions of {LOGIN}; one call = one "
        "HTTP round trip of action_finish, or two (create, confirm) for bare"
    )

    def finish(session):
        start = time.perf_counter()
        rpc.call("service.remote.session", "action_finish", [session["id"]])
        return time.perf_counter() - start

    bare_orders = []

    def bare(session):
        # The engine's line for work the quota covers: 100 % discount.
        line = {
            "product_id": product["id"],
            "product_uom_qty": session["duration_minutes"],
            "product_uom": product["uom_id"][0],
            "discount": 100.0,
            "name": f"Remote support {session['name']}, "
            f"{session['duration_minutes']:.0f} min: {session['description']}\n"
            "Covered by contract: its quota covers this work.",
        }
        start = time.perf_counter()
        order = rpc.call(
            "sale.order",
            "create",
            {"partner_id": session["partner_id"][0], "order_line": [(0, 0, line)]},
        )
        order_id = order[0] if isinstance(order, list) else order
        rpc.call("sale.order", "action_confirm", [order_id])
        elapsed = time.perf_counter() - start
        bare_orders.append(order_id)
        return elapsed

    load_before = os.getloadavg()[0]
    # Warm up both paths (server code, caches, connections), one call each in turn.
    for session in sessions[:WARMUP]:
        finish(session)
        bare(session)
    measured = sessions[WARMUP : WARMUP + CALLS]
    per_round = CALLS // ROUNDS
    finish_rounds, bare_rounds = [], []
    for r in range(ROUNDS):
        # Call by call, so that both sides see the same load of a noisy machine;
        # finish goes first in even rounds, bare in odd ones.
        finish_rounds.append([])
        bare_rounds.append([])
        for session in measured[r * per_round : (r + 1) * per_round]:
            if r % 2 == 0:
                finish_rounds[-1].append(finish(session))
                bare_rounds[-1].append(bare(session))
            else:
                bare_rounds[-1].append(bare(session))
                finish_rounds[-1].append(finish(session))

    print(
        "load average (1 min) before / after: "
        f"{load_before:.2f} / {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    check(rpc, measured, bare_orders[WARMUP:])
    report(finish_rounds, bare_rounds)


def check(rpc, sessions, bare_orders):
    """Both sides made confirmed orders with as many lines."""
    done = rpc.call(
        "service.remote.session",
        "read",
        [s["id"] for s in sessions],
        ["state", "service_sale_order_id"],
    )
    assert all(s["state"] == "done" and s["service_sale_order_id"] for s in done), done[
        :3
    ]
    finish_orders = [s["service_sale_order_id"][0] for s in done]
    figures = {}
    for side, ids in (("finish", finish_orders), ("bare", bare_orders)):
        orders = rpc.call("sale.order", "read", ids, ["state", "order_line"])
        assert all(o["state"] == "sale" for o in orders), f"{side}: unconfirmed order"
        figures[side] = sum(len(o["order_line"]) for o in orders)
    print(
        f"check: {len(sessions)} sessions done; order lines: finish "
        f"{figures['finish']}, bare {figures['bare']} (all orders confirmed)"
    )
    if figures["finish"] != figures["bare"]:
        print("WARNING: the two sides did not create the same number of lines")


def report(finish_rounds, bare_rounds):
    def ms(value):
        return f"{1000 * value:.1f} ms"

    finish_all = [t for times in finish_rounds for t in times]
    bare_all = [t for times in bare_rounds for t in times]
    for name, times in (("finish", finish_all), ("bare", bare_all)):
        print(
            f"{name + ':':8}{len(times)} calls, median {ms(statistics.median(times))}, "
            f"p95 {ms(percentile(times, 0.95))}, mean {ms(statistics.fmean(times))}"
        )
    ratio = statistics.median(finish_all) / statistics.median(bare_all)
    p95_ratio = percentile(finish_all, 0.95) / percentile(bare_all, 0.95)
    ratios = [
        statistics.median(f) / statistics.median(b)
        for f, b in zip(finish_rounds, bare_rounds, strict=True)
    ]
    print(
        f"finish / bare ratio of medians: {ratio:.2f} (p95 ratio {p95_ratio:.2f}; "
        f"per round: {', '.join(f'{x:.2f}' for x in ratios)}; "
        f"target <= {TARGET}: {'met' if ratio <= TARGET else 'NOT met'})"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    setup_parser = commands.add_parser("setup", help="create the data and commit")
    setup_parser.add_argument("database")
    client_parser = commands.add_parser("client", help="measure over JSON-RPC")
    client_parser.add_argument("url")
    client_parser.add_argument("database")
    args, odoo_args = parser.parse_known_args()
    if args.command == "setup":
        setup(args.database, odoo_args)
    else:
        if odoo_args:
            parser.error(f"unknown arguments: {' '.join(odoo_args)}")
        client(args.url, args.database)


if __name__ == "__main__":
    main()
