"""Renewals confirmed at once, with real committed transactions (``race.py``)."""

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests.common import tagged

from .race import RaceCase


@tagged("-standard", "-at_install", "post_install", "database_breaking")
class TestRenewalRace(RaceCase):
    @classmethod
    def _remove_extra(cls, env):
        # confirmed renewals are never cancelled by users: clear them directly
        orders = env["sale.order"].search([("partner_id", "=", cls.partner_id)])
        cls._cancel_in_sql(env, orders)
        env.invalidate_all()

    def _renewal(self, allowance):
        """A committed quota of ``allowance`` minutes and its renewal quotation."""
        quota_id = self._new_quota(allowance)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            quota = env["service.quota"].browse(quota_id)
            action = quota.action_service_renew()
            order = env["sale.order"].browse(action["res_id"])
            # as after sending it: confirming adds no follower (whose unique
            # row two confirmations would insert at once, before any top-up)
            order.message_subscribe(order.partner_id.ids)
            return quota_id, order.id, order.order_line.id

    def _topups(self, quota_id):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            quota = env["service.quota"].browse(quota_id)
            rows = quota.move_ids.filtered(lambda m: m.move_type == "topup")
            return rows.mapped("quantity"), quota.period_allowance, quota.remaining

    def test_two_confirmations_at_once_top_up_once(self):
        quota_id, order_id, _line = self._renewal(30)

        def confirm(env):
            try:
                env["sale.order"].browse(order_id).action_confirm()
            except UserError:
                return "refused"  # the other confirmed it first
            return "confirmed"

        results = self._race([confirm, confirm])
        self.assertEqual(sorted(results), ["confirmed", "refused"])
        self.assertEqual(self._topups(quota_id), ([30.0], 60.0, 60.0))

    def test_two_bookings_of_one_line_at_once_book_one_row(self):
        quota_id, _order, line_id = self._renewal(45)

        def book(env):
            return env["sale.order.line"].browse(line_id)._service_book_topup().ids

        results = self._race([book, book, book])
        self.assertEqual(sum(1 for ids in results if ids), 1)
        self.assertEqual(self._topups(quota_id), ([45.0], 90.0, 90.0))
