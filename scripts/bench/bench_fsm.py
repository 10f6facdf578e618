"""Benchmark of approving and invoicing service activities (field_service_activity).

Run by ``scripts/bench/run.sh`` (``BENCH_ONLY=fsm`` runs this one alone) on a
scratch database; prints, measured in one run:

1. approve: ``action_service_approve`` on ACTIVITIES signed activities at
   once (CUSTOMERS customers with a quota on the labour; each activity has
   two time entries, a part and kilometres), the company's setting confirming,
   invoicing and posting the orders (the activities become invoiced and
   their customers get the invoice e-mail), in one transaction, vs the same
   invoices made directly: one batched ``sale.order.create`` of the same
   orders and lines (the engine's own preparation gives their values, which
   writes nothing), ``action_confirm``, ``_create_invoices`` and
   ``action_post``; the side going first alternates over ROUNDS rounds (fresh
   activities each round); ratio of the medians, target <= 1.5.

Nothing here asserts timings.
"""

import os
import statistics
import sys
import time
from datetime import datetime, timedelta

from bench_common import (
    bare_orders,
    check_same,
    customers_with_quotas,
    open_registry,
    seconds,
    summary,
    transaction,
    verdict,
)

# BENCH_FSM_SCALE=0.1 runs a tenth of it (a quick try, not the figure)
SCALE = float(os.environ.get("BENCH_FSM_SCALE", "1"))
ACTIVITIES = max(int(300 * SCALE), 3)
PER_CUSTOMER = 3
CUSTOMERS = ACTIVITIES // PER_CUSTOMER
ROUNDS = 3
TARGETS = {"approve": 1.5}


def setup(registry):
    """Products, the company's settings, customers with quotas; committed."""

    def create(env):
        hour = env.ref("uom.product_uom_hour")
        km = env.ref("uom.product_uom_km")
        product = env["product.product"]

        def service(name, uom, price):
            return {
                "name": name,
                "type": "service",
                "invoice_policy": "order",
                "list_price": price,
                "uom_id": uom.id,
                "uom_po_id": uom.id,
            }

        labour = product.create(service("Bench field labour", hour, 90.0))
        mileage = product.create(service("Bench mileage", km, 0.45))
        part = product.create(
            {
                "name": "Bench gasket",
                "type": "consu",
                "invoice_policy": "order",
                "list_price": 12.5,
            }
        )
        env.company.write(
            {
                "service_fsm_labour_product_id": labour.id,
                "service_fsm_mileage_product_id": mileage.id,
                "service_auto_confirm": True,
                "service_auto_invoice": True,
                "email": "service@bench.example.com",
            }
        )
        project = env["project.project"].create(
            {"name": "Bench field time", "allow_timesheets": True}
        )
        employee = env["hr.employee"].create({"name": "Bench field technician"})
        partners, _contracts = customers_with_quotas(
            env,
            CUSTOMERS,
            labour,
            "Field",
            allowance=100000,
            start=datetime.now().date().replace(day=1),
        )
        partners.write({"email": "customer@bench.example.com"})
        locations = env["fsm.location"].create(
            [{"name": f"{p.name} site", "owner_id": p.id} for p in partners]
        )
        return {
            "locations": locations.ids,
            "project": project.id,
            "employee": employee.id,
            "part": part.id,
        }

    start = time.perf_counter()
    _elapsed, data = transaction(registry, create)
    print(
        f"setup: {CUSTOMERS} customers with a quota on the labour, in "
        f"{time.perf_counter() - start:.1f} s"
    )
    return data


def signed_activities(env, data, tag):
    """ACTIVITIES signed activities (PER_CUSTOMER per customer), as the
    technician's report leaves them: 45 + 30 minutes, 2 gaskets, 23 km."""
    from odoo import Command

    start = datetime.now().replace(microsecond=0) - timedelta(hours=3)
    orders = env["fsm.order"].create(
        [
            {
                "location_id": location_id,
                "date_start": start,
                "service_line_ids": [
                    Command.create(
                        {
                            "line_kind": "part",
                            "product_id": data["part"],
                            "planned_qty": 2,
                            "used_qty": 2,
                        }
                    )
                ],
            }
            for location_id in data["locations"]
            for _n in range(PER_CUSTOMER)
        ]
    )
    env["account.analytic.line"].create(
        [
            {
                "name": f"{tag} work {n}",
                "project_id": data["project"],
                "employee_id": data["employee"],
                "service_fsm_order_id": order.id,
                "unit_amount": minutes / 60,
            }
            for order in orders
            for n, minutes in enumerate((45, 30))
        ]
    )
    orders.write(
        {
            "service_state": "done",
            "signed_by": "Bench signer",
            "signed_on": datetime.now(),
            "service_km": 23.0,
        }
    )
    return orders.ids


def approve(env, activity_ids):
    activities = env["fsm.order"].browse(activity_ids)
    activities.action_service_approve()
    return activities.service_sale_order_id.ids


def direct(env, vals):
    orders = env["sale.order"].create(vals)
    orders.action_confirm()
    invoices = orders._create_invoices()
    invoices.action_post()
    return orders.ids


def bench_approve(registry, data):
    engine_times, bare_times = [], []
    last = None
    for round_no in range(ROUNDS + 1):  # round 0 warms up
        _elapsed, ids = transaction(
            registry, lambda env, n=round_no: signed_activities(env, data, f"R{n}")
        )

        def bare_vals(env, ids=ids):
            activities = env["fsm.order"].browse(ids)
            items = [i for a in activities for i in a._service_billing_items()]
            return bare_orders(env, items, explain=True)

        _elapsed, vals = transaction(registry, bare_vals, commit=False)
        sides = [
            ("engine", lambda env, ids=ids: approve(env, ids)),
            ("bare", lambda env, vals=vals: direct(env, vals)),
        ]
        if round_no % 2:
            sides.reverse()
        result = {}
        for name, work in sides:
            result[name] = transaction(registry, work)
        if round_no:
            engine_times.append(result["engine"][0])
            bare_times.append(result["bare"][0])
        last = (ids, result["engine"][1], result["bare"][1])
    engine_time = statistics.median(engine_times)
    bare_time = statistics.median(bare_times)
    ratio = engine_time / bare_time
    print(
        f"1. approve: {ACTIVITIES} signed activities of {CUSTOMERS} customers "
        "approved at once, the orders confirmed, invoiced and posted (activities "
        "invoiced, customers e-mailed) vs the same orders created, confirmed, "
        "invoiced and posted directly in batch"
    )
    print(
        f"   approve median {engine_time:.2f} s "
        f"({1000 * engine_time / ACTIVITIES:.1f} ms per activity); rounds "
        f"{seconds(engine_times)} s"
    )
    print(
        f"   direct  median {bare_time:.2f} s "
        f"({1000 * bare_time / ACTIVITIES:.1f} ms per activity); rounds "
        f"{seconds(bare_times)} s"
    )
    print(f"   approve / direct: {ratio:.2f}; {verdict(ratio, TARGETS['approve'])}")
    ids, engine_ids, bare_ids = last

    def notes(env):
        activities = env["fsm.order"].browse(ids)
        states = set(activities.mapped("service_state"))
        invoices = env["sale.order"].browse(engine_ids).invoice_ids
        mails = env["mail.mail"].search_count(
            [("model", "=", "fsm.order"), ("res_id", "in", ids)]
        )
        bare = env["sale.order"].browse(bare_ids).invoice_ids
        return (
            f"; activities {', '.join(sorted(states))}; invoices posted: "
            f"{len(invoices.filtered(lambda m: m.state == 'posted'))} vs "
            f"{len(bare.filtered(lambda m: m.state == 'posted'))}; "
            f"invoice e-mails queued: {mails}"
        )

    check_same(registry, "approve", engine_ids, bare_ids, extra=notes)
    again_time, again = transaction(registry, lambda env: approve(env, ids))
    print(
        f"   approve again: {len(again)} orders in {again_time:.2f} s "
        "(nothing billed twice)"
    )
    return ratio


def main():
    start = time.perf_counter()
    registry = open_registry(sys.argv[1], sys.argv[2:])
    data = setup(registry)
    ratios = {"approve": bench_approve(registry, data)}
    summary(ratios, TARGETS)
    print(f"total {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
