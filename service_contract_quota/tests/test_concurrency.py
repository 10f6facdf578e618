"""Concurrent billing with real, committed transactions (BaseCase, threads).

Each thread bills through ``odoo.service.model.retrying`` exactly as an HTTP or
JSON-RPC request does: a serialization failure rolls back and runs the call
again on fresh data. Every thread takes its snapshot first, then all meet at a
barrier, so they really race for the same quota row.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests.common import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

THREADS = 8


@tagged("-standard", "-at_install", "post_install", "database_breaking")
class TestQuotaConcurrency(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.addClassCleanup(cls._remove_fixtures)
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            minute = env.ref("service_contract_quota.uom_minute")
            cls.product_id = (
                env["product.product"]
                .create(
                    {
                        "name": "Concurrent remote minute",
                        "type": "service",
                        "list_price": 1.0,
                        "uom_id": minute.id,
                        "uom_po_id": minute.id,
                        "taxes_id": [Command.clear()],
                    }
                )
                .id
            )
            cls.partner_id = (
                env["res.partner"].create({"name": "Concurrent customer"}).id
            )
            cls.contract_id = (
                env["contract.contract"]
                .create(
                    {
                        "name": "Concurrent contract",
                        "partner_id": cls.partner_id,
                        "date_start": date(2020, 1, 1),
                        "line_recurrence": True,
                    }
                )
                .id
            )
        cls.source_ids = []

    @classmethod
    def _remove_fixtures(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            quotas = (
                env["service.quota"]
                .with_context(active_test=False)
                .search([("contract_id", "=", cls.contract_id)])
            )
            orders = env["sale.order"].search([("partner_id", "=", cls.partner_id)])
            cr.execute(
                "DELETE FROM service_quota_move WHERE quota_id = ANY(%s)", [quotas.ids]
            )
            env["service.billed.source"]._release(orders.order_line)
            orders.unlink()
            quotas.unlink()
            env["contract.contract"].browse(cls.contract_id).unlink()
            env["res.partner"].browse([cls.partner_id, *cls.source_ids]).unlink()
            env["product.product"].browse(cls.product_id).unlink()

    def _new_quota(self, allowance):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["service.quota"].search(
                [("contract_id", "=", self.contract_id)]
            ).active = False
            return (
                env["service.quota"]
                .create(
                    {
                        "name": f"Race {allowance}",
                        "contract_id": self.contract_id,
                        "allowance": allowance,
                        "product_ids": [Command.set([self.product_id])],
                    }
                )
                .id
            )

    def _sources(self, count):
        """``count`` new records to bill (each source is billed at most once)."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            ids = (
                env["res.partner"]
                .create([{"name": f"Race {n}"} for n in range(count)])
                .ids
            )
        self.source_ids.extend(ids)
        return ids

    def _race(self, calls):
        """Run each ``call(env)`` in its own committed transaction, all at once."""
        barrier = threading.Barrier(len(calls))

        def run(call):
            first_try = [True]
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})

                def attempt():
                    if first_try[0]:
                        first_try[0] = False
                        env.cr.execute("SELECT 1")  # take the snapshot, then race
                        barrier.wait(timeout=30)
                    return call(env)

                return retrying(attempt, env)

        with (
            mute_logger("odoo.service.model", "odoo.sql_db"),
            ThreadPoolExecutor(len(calls)) as pool,
        ):
            futures = [pool.submit(run, call) for call in calls]
            return [future.result(timeout=120) for future in futures]

    def _bill(self, source_id, quantity):
        def call(env):
            item = {
                "partner_id": self.partner_id,
                "product_id": self.product_id,
                "quantity": quantity,
                "source": env["res.partner"].browse(source_id),
            }
            return env["service.billing"].bill([item]).id

        return call

    def _quota_state(self, quota_id):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            quota = env["service.quota"].browse(quota_id)
            moves = quota.move_ids
            return {
                "allowance": quota.period_allowance,
                "used": quota.period_used,
                "remaining": quota.remaining,
                "covered": sum(
                    moves.filtered(lambda m: m.move_type != "topup").mapped("quantity")
                ),
                "overage": sum(moves.mapped("overage_quantity")),
                "topups": sum(
                    moves.filtered(lambda m: m.move_type == "topup").mapped("quantity")
                ),
                "consumptions": len(
                    moves.filtered(lambda m: m.move_type == "consumption")
                ),
            }

    def test_racing_billing_covers_exactly_what_remains(self):
        quota_id = self._new_quota(30)
        order_ids = self._race(
            [self._bill(source, 10) for source in self._sources(THREADS)]
        )
        self.assertEqual(
            len(set(order_ids)), THREADS, "every call ends normally with its order"
        )
        state = self._quota_state(quota_id)
        self.assertEqual(state["covered"], 30, "exactly what remained is covered")
        self.assertEqual(state["overage"], 10 * THREADS - 30)
        self.assertEqual((state["used"], state["remaining"]), (30, 0))
        self.assertEqual(state["consumptions"], THREADS)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            lines = env["sale.order"].browse(order_ids).order_line
            covered = sum(
                lines.filtered(lambda line: line.discount == 100).mapped(
                    "product_uom_qty"
                )
            )
            self.assertEqual(covered, 30)
            self.assertEqual(sum(lines.mapped("product_uom_qty")), 10 * THREADS)

    def test_top_up_racing_a_consumption_loses_neither(self):
        quota_id = self._new_quota(60)

        def top_up(env):
            env["service.quota"].browse(quota_id)._top_up(120, reason="Renewal")

        self._race([top_up, self._bill(self._sources(1)[0], 45)])
        state = self._quota_state(quota_id)
        self.assertEqual(state["allowance"], 180)
        self.assertEqual(state["remaining"], 135)
        self.assertEqual((state["topups"], state["covered"]), (120, 45))

    def test_double_billing_of_one_source_makes_one_order(self):
        quota_id = self._new_quota(100)
        source = self._sources(1)[0]
        order_ids = self._race([self._bill(source, 10), self._bill(source, 10)])
        self.assertEqual(order_ids[0], order_ids[1], "both calls return the same order")
        state = self._quota_state(quota_id)
        self.assertEqual((state["consumptions"], state["covered"]), (1, 10))
