from lxml import etree

from odoo.exceptions import AccessError, UserError

from .common import RemoteCase


class TestRemoteBilling(RemoteCase):
    """A session's billing through the engine: figures from the lines, undoing
    it through the one release path, currencies."""

    def test_billed_figures_come_from_the_order_lines(self):
        self.assertIn(
            "service.remote.session",
            self.env["service.billable.mixin"]._service_billable_models(),
        )
        self.quota.allowance = 5
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.at("10:12"):
            session.action_finish()
        lines = session.service_sale_line_ids
        self.assertEqual(len(lines), 2)
        self.assertEqual(
            (session.service_quantity, session.service_covered_quantity), (12, 5)
        )
        self.assertAlmostEqual(session.service_amount, 7 * 1.5)
        # an accountant's price change on the line is what the customer pays
        lines.filtered(lambda line: not line.service_covered).price_unit = 2.0
        self.assertAlmostEqual(session.service_amount, 14.0)

    def test_deleting_the_draft_order_gives_the_session_back(self):
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.at("10:10"):
            session.action_finish()
        with self.assertRaises(AccessError):  # technicians do not delete orders
            session.service_sale_order_id.unlink()
        self.assertEqual(session.state, "done")
        session.service_sale_order_id.sudo().unlink()
        self.assertEqual(session.state, "paused")
        self.assertFalse(session.service_billed)
        self.assertEqual(self.quota.remaining, 600)
        with self.at("10:20"):
            session.action_finish()
        self.assertEqual(session.service_quantity, 10)
        self.assertEqual(self.quota.remaining, 590)

    def test_invoiced_work_is_not_reopened_by_cancelling_its_order(self):
        self.env.company.service_auto_invoice = True
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.at("10:40"):
            session.action_finish()
        order = session.service_sale_order_id.sudo()
        invoice = order.invoice_ids  # the accountant's
        self.assertEqual(invoice.state, "posted")
        for user in (self.technician, self.manager):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                order.with_user(user).with_context(
                    disable_cancel_warning=True
                ).action_cancel()
        self.assertEqual((order.state, session.state), ("sale", "done"))
        self.assertEqual(self.quota.remaining, 560)
        # a credit note reversing the invoice voids the order: billable again
        refund = invoice._reverse_moves()
        refund.action_post()
        self.assertEqual(order.state, "cancel")
        self.assertEqual(session.state, "paused")
        self.assertEqual(self.quota.remaining, 600)

    def test_the_helper_naming_an_unknown_session_changes_nothing(self):
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        Session = self.Session.with_user(self.technician)
        other = self.new_session(user=self.tech2)
        for call in (Session.cli_finish, Session.cli_pause):
            for unknown in (999999, other.id):
                with self.subTest(call=call.__name__, id=unknown):
                    with self.at("10:05"), self.assertRaises(UserError):
                        call(unknown)
        self.assertEqual(session.state, "running")
        self.assertFalse(session.service_billed)

    def test_a_session_billed_in_yen_shows_yen(self):
        jpy = self.env.ref("base.JPY")
        jpy.active = True
        yen = self.env["product.pricelist"].create(
            {"name": "Yen", "currency_id": jpy.id}
        )
        self.partner_b.property_product_pricelist = yen
        session = self.new_session(partner_id=self.partner_b.id)
        with self.at("10:00"):
            session.action_start()
        with self.at("10:07"):
            session.action_finish()
        order = session.service_sale_order_id
        self.assertEqual(order.currency_id, jpy)
        self.assertEqual(session.service_currency_id, jpy)
        self.assertEqual(session.currency_id, jpy)  # the form's amount widget
        self.assertEqual(session.service_amount, order.amount_untaxed)
        self.assertEqual(session.preview_amount, order.amount_untaxed)
        self.assertEqual(order.amount_untaxed, jpy.round(order.amount_untaxed))
        arch = etree.fromstring(
            self.env["service.remote.session"].get_view(view_type="list")["arch"]
        )
        amount = arch.xpath("//field[@name='service_amount']")[0]
        self.assertIsNone(amount.get("sum"), "no total across currencies")
