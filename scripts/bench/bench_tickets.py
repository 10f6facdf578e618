"""Benchmark of the monthly ticket billing run (helpdesk_ticket_billing).

Run by ``scripts/bench/run.sh`` on a scratch database; prints, measured in
one run:

1. run: ``_service_billing_run`` over CUSTOMERS customers whose tickets of the
   month hold LINES ticket timesheet lines in all, in one transaction, vs one
   batched ``sale.order.create`` of the same orders and lines (the engine's
   own preparation gives their values, which writes nothing); target <= 1.5;
2. flat: SQL queries per customer of a run over FLAT_CUSTOMERS customers
   whose tickets hold 10 lines each vs 100 lines each (same number of
   tickets); target: equal.

Nothing here asserts timings.
"""

import os
import sys
import time
from datetime import date, datetime, timedelta

from bench_common import (
    bare_orders,
    check_same,
    customers_with_quotas,
    minute_product,
    open_registry,
    summary,
    transaction,
    verdict,
)

# BENCH_TICKET_SCALE=0.1 runs a tenth of it (a quick try, not the figure)
SCALE = float(os.environ.get("BENCH_TICKET_SCALE", "1"))
CUSTOMERS = max(int(1000 * SCALE), 1)
TICKETS_PER_CUSTOMER = 5
LINES = CUSTOMERS * 50  # 50,000 timesheet lines in all, over the tickets
FLAT_CUSTOMERS = 20
TICKET_MINUTES = 100  # logged per ticket, whatever the number of its lines
TARGETS = {"run": 1.5, "flat": 1.0}


def month_before(today):
    """First and last day of the month before ``today``."""
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def make_tickets(env, team, employee, partners, tickets_each, lines_each, day, tag):
    """Tickets closed on ``day``, each with 100 minutes of work logged in
    ``lines_each`` timesheet lines (ORM creates; stage and close date set in
    SQL, as a month of work would leave them)."""
    tickets = env["helpdesk.ticket"].create(
        [
            {
                "name": f"{tag} ticket {n}",
                "description": "<p>Bench</p>",
                "partner_id": partner.id,
                "team_id": team.id,
                "project_id": team.default_project_id.id,
            }
            for partner in partners
            for n in range(tickets_each)
        ]
    )
    env["account.analytic.line"].create(
        [
            {
                "name": f"Work {n}",
                "ticket_id": ticket.id,
                "project_id": team.default_project_id.id,
                "employee_id": employee.id,
                "unit_amount": TICKET_MINUTES / 60 / lines_each,
                "date": day,
            }
            for ticket in tickets
            for n in range(lines_each)
        ]
    )
    done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
    env.flush_all()
    env.cr.execute(
        "UPDATE helpdesk_ticket SET stage_id = %s, closed_date = %s WHERE id IN %s",
        (done.id, datetime.combine(day, datetime.min.time()), tuple(tickets.ids)),
    )
    env.invalidate_all()
    return tickets


def setup(registry):
    def create(env):
        product = minute_product(env)
        env.company.write(
            {"service_auto_confirm": False, "service_auto_invoice": False}
        )
        project = env["project.project"].create(
            {"name": "Bench desk", "allow_timesheets": True}
        )
        team = env["helpdesk.ticket.team"].create(
            {
                "name": "Bench support",
                "allow_timesheet": True,
                "default_project_id": project.id,
                "service_product_id": product.id,
            }
        )
        employee = env["hr.employee"].create({"name": "Bench technician"})
        first, last = month_before(date.today())
        day = first + timedelta(days=9)
        data = {"period": (first, last), "day": day}
        lines_each = LINES // (CUSTOMERS * TICKETS_PER_CUSTOMER)
        partners, _contracts = customers_with_quotas(
            env, CUSTOMERS, product, "Tickets", start=first
        )
        make_tickets(
            env, team, employee, partners, TICKETS_PER_CUSTOMER, lines_each, day, "Run"
        )
        data["customers"] = partners.ids
        for lines in (10, 100):
            partners, _contracts = customers_with_quotas(
                env, FLAT_CUSTOMERS, product, f"Flat {lines}", start=first
            )
            make_tickets(env, team, employee, partners, 2, lines, day, f"flat{lines}")
            data[f"flat{lines}"] = partners.ids
        return data

    start = time.perf_counter()
    _elapsed, data = transaction(registry, create)
    transaction(registry, lambda env: env.cr.execute("ANALYZE"))
    print(
        f"setup: {CUSTOMERS + 2 * FLAT_CUSTOMERS} customers with quotas, "
        f"{CUSTOMERS * TICKETS_PER_CUSTOMER} tickets with "
        f"{LINES} timesheet lines (+ the flat ones), in "
        f"{time.perf_counter() - start:.1f} s"
    )
    return data


def run_of(env, partner_ids, period):
    partners = env["res.partner"].browse(partner_ids)
    return env["helpdesk.ticket"]._service_billing_run(*period, partners)


def bench_run(registry, data):
    period = data["period"]

    # The same orders as the run makes, prepared first (writes nothing, rolled
    # back); the bare side creates them for the same customers after the run.
    def bare_vals(env):
        tickets = env["helpdesk.ticket"].search(
            env["helpdesk.ticket"]._service_run_domain(
                *period, env["res.partner"].browse(data["customers"])
            ),
            order="commercial_partner_id, closed_date, id",
        )
        return bare_orders(env, [t._service_billing_item() for t in tickets])

    _elapsed, vals = transaction(registry, bare_vals, commit=False)
    engine_time, engine_ids = transaction(
        registry, lambda env: run_of(env, data["customers"], period).ids
    )
    bare_time, bare_ids = transaction(
        registry, lambda env: env["sale.order"].create(vals).ids
    )
    ratio = engine_time / bare_time
    print(
        f"1. run: the monthly ticket billing run over {CUSTOMERS} customers "
        f"({CUSTOMERS * TICKETS_PER_CUSTOMER} tickets, {LINES} timesheet lines) vs "
        f"one batched sale.order.create of the same orders"
    )
    print(
        f"   run {engine_time:.2f} s ({1000 * engine_time / CUSTOMERS:.1f} ms per "
        f"customer), bare create {bare_time:.2f} s "
        f"({1000 * bare_time / CUSTOMERS:.1f} ms per customer)"
    )
    print(f"   run / bare: {ratio:.2f}; {verdict(ratio, TARGETS['run'])}")
    check_same(registry, "run", engine_ids, bare_ids)
    again_time, again = transaction(
        registry, lambda env: run_of(env, data["customers"], period).ids
    )
    print(f"   run again: {len(again)} orders in {again_time:.2f} s (nothing twice)")
    return ratio


def bench_flat(registry, data):
    counts = {}
    for lines in (10, 100):

        def count(env, lines=lines):
            before = env.cr.sql_log_count
            run_of(env, data[f"flat{lines}"], data["period"])
            env.flush_all()
            return env.cr.sql_log_count - before

        _elapsed, counts[lines] = transaction(registry, count)
    per = {lines: counts[lines] / FLAT_CUSTOMERS for lines in counts}
    ratio = per[100] / per[10]
    met = "met" if ratio == TARGETS["flat"] else "NOT met"
    print(
        f"2. flat: queries per customer of a run, tickets of 100 min in 10 vs 100 "
        f"lines ({FLAT_CUSTOMERS} customers, 2 tickets each): {per[10]:.1f} vs "
        f"{per[100]:.1f} (ratio {ratio:.2f}); target equal: {met}"
    )
    return ratio


def main():
    start = time.perf_counter()
    registry = open_registry(sys.argv[1], sys.argv[2:])
    data = setup(registry)
    ratios = {"run": bench_run(registry, data), "flat": bench_flat(registry, data)}
    summary(ratios, TARGETS, exact=("flat",))
    print(f"total {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
