"""The monthly statement run against Odoo's own invoicing of the same orders.

Run with scripts/bench/run.sh (``BENCH_ONLY=statement`` runs this one
alone): ``python bench_statement.py DATABASE [odoo options]``.

Setup (committed): customers on monthly statement, each with a contract and
a 600-minute quota and ORDERS confirmed service orders of the month made by
the engine (covered, partly covered and uncovered lines). Then, in rounds,
each side in its own transaction rolled back afterwards (so both invoice the
very same orders), the order of the sides alternating by round:

- statement: ``service.statement._statement_run`` for the month (one draft
  invoice per customer with every order's lines, linked to the sale lines);
- odoo: ``sale.order._create_invoices`` on the same orders (Odoo groups them
  into one draft invoice per customer).

Prints the time per customer of each side and the ratio of the medians
(target <= 1.25), and checks both made as many invoices with the same total.
Nothing here is a timed test.
"""

import sys
from datetime import date

from bench_common import (
    customers_with_quotas,
    minute_product,
    open_registry,
    seconds,
    summary,
    transaction,
    work_records,
)
from dateutil.relativedelta import relativedelta

CUSTOMERS = 200
ORDERS = 3  # per customer
ROUNDS = 5
TARGETS = {"statement": 1.25}


def setup(registry):
    from odoo import Command

    def make(env):
        product = minute_product(env, taxes_id=[Command.clear()])
        env.company.write(
            {
                "service_auto_confirm": True,
                "service_auto_invoice": False,
                "service_invoicing_policy": "statement",
                "service_statement_post": False,
            }
        )
        partners, __ = customers_with_quotas(env, CUSTOMERS, product, "Statement")
        sources = work_records(env, CUSTOMERS * ORDERS, "Statement")
        billing = env["service.billing"]
        for n, source in enumerate(sources):
            # 250, 300 and 80 minutes: covered, partly covered, uncovered
            billing.bill(
                [
                    {
                        "partner_id": partners[n // ORDERS].id,
                        "product_id": product.id,
                        "quantity": (250, 300, 80)[n % ORDERS],
                        "date": date.today(),
                        "description": "Remote support",
                        "source": source,
                    }
                ]
            )
        return partners.ids

    elapsed, partner_ids = transaction(registry, make)
    print(
        f"setup: {CUSTOMERS} statement customers with {ORDERS} confirmed service "
        f"orders each in {elapsed:.1f} s"
    )
    return partner_ids


def month():
    first = date.today().replace(day=1)
    return first, first + relativedelta(months=1, days=-1)


def statement_side(env):
    partners = env["res.partner"].search([("name", "=like", "Statement customer %")])
    made = env["service.statement"]._statement_run(*month(), partners=partners)
    return len(made), round(sum(made.invoice_id.mapped("amount_untaxed")), 2)


def odoo_side(partner_ids):
    def work(env):
        orders = env["sale.order"].search(
            [("partner_id", "in", partner_ids), ("invoice_status", "=", "to invoice")]
        )
        invoices = orders._create_invoices()
        return len(invoices), round(sum(invoices.mapped("amount_untaxed")), 2)

    return work


def main():
    registry = open_registry(sys.argv[1], sys.argv[2:])
    partner_ids = setup(registry)
    sides = {"statement": statement_side, "odoo": odoo_side(partner_ids)}
    times = {name: [] for name in sides}
    results = {}
    transaction(registry, statement_side, commit=False)  # warm up both
    transaction(registry, sides["odoo"], commit=False)
    for n in range(ROUNDS):
        order = list(sides) if n % 2 == 0 else list(reversed(sides))
        for name in order:
            elapsed, results[name] = transaction(registry, sides[name], commit=False)
            times[name].append(elapsed)
    for name, values in times.items():
        median = sorted(values)[len(values) // 2]
        print(
            f"   {name:10} median {median:.2f} s ({1000 * median / CUSTOMERS:.1f} ms "
            f"per customer); rounds {seconds(values)} s; invoices, total: "
            f"{results[name]}"
        )
    if results["statement"] != results["odoo"]:
        print("   WARNING: the sides made different invoices")
    ratio = sorted(times["statement"])[ROUNDS // 2] / sorted(times["odoo"])[ROUNDS // 2]
    summary({"statement": ratio}, TARGETS)


if __name__ == "__main__":
    main()
