"""Concurrent billing with real, committed transactions (see ``race.py``)."""

from odoo import SUPERUSER_ID, api
from odoo.tests.common import tagged

from .race import RaceCase

THREADS = 8


@tagged("-standard", "-at_install", "post_install", "database_breaking")
class TestQuotaConcurrency(RaceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.source_ids = []

    @classmethod
    def _remove_extra(cls, env):
        env["res.partner"].browse(cls.source_ids).unlink()

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

    def _bill(self, source_id, quantity):
        def call(env):
            item = {
                "partner_id": self.partner_id,
                "product_id": self.product_id,
                "quantity": quantity,
                "source": env["res.partner"].browse(source_id),
            }
            return env["service.billing"].bill([item]).order_id.id

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
