from odoo.exceptions import UserError

from .common import QuotaCase


class TestRelease(QuotaCase):
    """One release path: cancel, delete order, delete line, full credit note."""

    def setUp(self):
        super().setUp()
        self.quota.allowance = 60
        self.lines = self.bill_lines(self.remote, 90)  # 60 covered + 30 at price
        self.order = self.lines.order_id
        self.assertEqual(self.quota.remaining, 0)

    def claims(self):
        return self.env["service.billed.source"].search(
            [
                ("source_model", "=", "res.partner"),
                ("source_id", "=", self.sources[0].id),
            ]
        )

    def reversals(self):
        return self.quota.move_ids.filtered(lambda m: m.move_type == "reversal")

    def assertReleasedOnce(self, reason):
        self.assertEqual(self.quota.remaining, 60)
        self.assertEqual(self.quota.period_overage, 0)
        reversal = self.reversals()
        self.assertEqual(len(reversal), 1)
        self.assertEqual((reversal.quantity, reversal.overage_quantity), (-60, -30))
        self.assertIn(reason, reversal.reason)
        self.assertEqual(reversal.user_id, self.env.user)
        self.assertFalse(self.claims())
        # billable again, once
        again = self.bill(self.remote, 90)
        self.assertNotEqual(again, self.order)
        self.assertEqual(self.quota.remaining, 0)
        self.assertEqual(self.bill(self.remote, 90), again)
        self.assertEqual(len(self.quota.move_ids), 3)

    def test_cancel(self):
        self.order._action_cancel()
        self.order._action_cancel()
        self.env["service.billing"]._release_lines(self.lines, "again")
        self.assertReleasedOnce("cancelled")

    def test_delete_draft_order(self):
        self.order.unlink()
        self.assertReleasedOnce("deleted")

    def test_delete_a_line_takes_its_piece_of_work(self):
        covered = self.lines.filtered("service_covered")
        covered.unlink()
        self.assertFalse(self.lines.exists())  # the overage line went with it
        self.assertTrue(self.order.exists())
        self.assertReleasedOnce("Line deleted")

    def test_full_credit_note_voids_the_order(self):
        self.order.action_confirm()
        invoice = self.order._create_invoices()
        invoice.action_post()
        with self.assertRaises(UserError):  # invoiced: not released by a cancel
            self.order.with_context(disable_cancel_warning=True).action_cancel()
        self.assertEqual(self.quota.remaining, 0)
        self.assertTrue(self.claims())
        refund = invoice._reverse_moves()
        refund.action_post()
        self.assertEqual(self.order.state, "cancel")
        self.assertReleasedOnce("cancelled")

    def test_partial_credit_note_keeps_the_work_billed(self):
        self.order.action_confirm()
        invoice = self.order._create_invoices()
        invoice.action_post()
        refund = invoice._reverse_moves()
        refund.invoice_line_ids.filtered(lambda line: line.discount != 100).unlink()
        refund.action_post()
        self.assertEqual(self.order.state, "sale")
        self.assertTrue(self.claims())
        self.assertEqual(self.quota.remaining, 0)

    def test_only_service_managers_release_billed_work(self):
        salesman = self.env["res.users"].create(
            {
                "name": "Sales Only",
                "login": "sbs-sales-only",
                "groups_id": [
                    (6, 0, [self.env.ref("sales_team.group_sale_manager").id])
                ],
            }
        )
        for user in (salesman, self.technician):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.order.with_user(user)._action_cancel()
        self.assertEqual(self.order.state, "draft")
        self.assertEqual(self.quota.remaining, 0)
        self.assertTrue(self.claims())
        self.order.with_user(self.manager)._action_cancel()
        self.assertEqual(self.quota.remaining, 60)
