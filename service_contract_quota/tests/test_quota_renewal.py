from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import QuotaCase


@tagged("post_install", "-at_install")
class TestQuotaRenewal(QuotaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.package = cls.env["product.product"].create(
            {
                "name": "Top-up 300 min",
                "type": "service",
                "list_price": 390.0,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )

    def renew(self, quota=None, user=None):
        action = (
            (quota or self.quota).with_user(user or self.manager).action_service_renew()
        )
        self.assertEqual(action["res_model"], "sale.order")
        return self.env["sale.order"].browse(action["res_id"])

    def topups(self, quota=None):
        return (quota or self.quota).move_ids.filtered(lambda m: m.move_type == "topup")

    def test_defaults_sell_one_allowance_of_the_first_covered_service(self):
        self.assertEqual(self.quota.renewal_product_id, self.remote)
        self.assertEqual(self.quota.renewal_quantity, 600)
        self.assertEqual(self.quota.renewal_price, 900.0)  # 600 min at 1.50
        order = self.renew()
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.partner_id, self.partner)
        self.assertTrue(order.require_signature)
        line = order.order_line
        self.assertEqual(line.service_topup_quota_id, self.quota)
        self.assertEqual(line.product_id, self.remote)
        self.assertEqual(
            line.product_uom, self.env.ref("service_contract_quota.uom_minute")
        )
        self.assertEqual(line.product_uom_qty, 600)
        self.assertEqual(order.amount_untaxed, 900.0)

    def test_package_quotation_then_confirm_tops_up_once(self):
        self.quota.write(
            {
                "renewal_product_id": self.package.id,
                "renewal_quantity": 300,
                "renewal_price": 390.0,
            }
        )
        self.bill(self.remote, 600)  # used up
        self.assertEqual(self.quota.balance_state, "exhausted")
        order = self.renew()
        line = order.order_line
        self.assertEqual((line.product_id, line.product_uom_qty), (self.package, 1))
        self.assertEqual(line.service_topup_package_qty, 300)
        self.assertEqual(order.amount_untaxed, 390.0)
        self.assertEqual(self.renew(), order, "Renew again opens the same quotation")

        order.with_user(self.manager).action_confirm()
        topup = self.topups()
        self.assertEqual(len(topup), 1)
        self.assertEqual((topup.quantity, topup.sale_line_id), (300, line))
        self.assertEqual(self.quota.period_allowance, 900)
        self.assertEqual(self.quota.remaining, 300)
        self.assertEqual(self.quota.balance_state, "ok")

        # confirming twice: refused by Odoo, and the booking itself is idempotent
        with self.assertRaises(UserError):
            order.action_confirm()
        order._action_confirm()
        order.order_line._service_book_topup()
        self.assertEqual(len(self.topups()), 1)
        self.assertEqual(self.quota.remaining, 300)
        # the sold line and the order are frozen
        with self.assertRaises(UserError):
            line.product_uom_qty = 2
        with self.assertRaises(UserError):
            order.with_user(self.manager)._action_cancel()
        self.assertEqual(order.state, "sale")
        self.assertEqual(self.quota.remaining, 300)

        # a new Renew makes a new quotation
        self.assertNotEqual(self.renew(), order)

    def test_cancelled_quotation_confirmed_later_tops_up_once(self):
        order = self.renew()
        order.with_user(self.manager)._action_cancel()
        self.assertFalse(self.topups())
        order.action_draft()
        order.with_user(self.manager).action_confirm()
        self.assertEqual(self.topups().quantity, 600)
        self.assertEqual(self.quota.remaining, 1200)

    def test_edited_quantity_on_the_quotation_is_what_is_added(self):
        order = self.renew()
        order.order_line.with_user(self.manager).product_uom_qty = 90
        order.action_confirm()
        self.assertEqual(self.topups().quantity, 90)
        self.assertEqual(self.quota.remaining, 690)

    def test_activity_links_to_renew_and_the_link_opens_the_quotation(self):
        self.bill(self.remote, 500)  # low: 100 of 600 left
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "contract.contract"), ("res_id", "=", self.contract.id)]
        )
        self.assertEqual(len(activity), 1)
        url = (
            f"/odoo/service.quota/{self.quota.id}/action-"
            "service_contract_quota.service_quota_renew_server_action"
        )
        self.assertIn(url, str(activity.note))
        server_action = self.env.ref(
            "service_contract_quota.service_quota_renew_server_action"
        )
        result = (
            server_action.with_user(self.manager)
            .with_context(active_id=self.quota.id)
            .run()
        )
        order = self.env["sale.order"].browse(result["res_id"])
        self.assertEqual(order.order_line.service_topup_quota_id, self.quota)
        # the technician may not run it
        with self.assertRaises(AccessError):
            server_action.with_user(self.technician).with_context(
                active_id=self.quota.id
            ).run()

    def test_contract_renews_its_exhausted_quota(self):
        contract = self._contract(self.partner_b, self.TODAY.replace(day=1))
        self._quota(contract, allowance=600, products=self.remote)
        hours = self._quota(contract, allowance=10, products=self.onsite, unit="hour")
        self.bill(self.onsite, 10, source=self.sources[1], partner=self.partner_b)
        self.assertEqual(hours.balance_state, "exhausted")
        action = contract.with_user(self.manager).action_service_renew()
        order = self.env["sale.order"].browse(action["res_id"])
        line = order.order_line
        self.assertEqual(line.service_topup_quota_id, hours)
        self.assertEqual(line.product_uom, self.env.ref("uom.product_uom_hour"))
        self.assertEqual((line.product_uom_qty, order.amount_untaxed), (10, 900.0))
        order.action_confirm()
        self.assertEqual(hours.remaining, 10)
        self.assertEqual(
            (contract.service_quota_ids - hours).remaining,
            600,
            "the other is untouched",
        )

    def test_only_managers_renew_or_sell_top_ups(self):
        with self.assertRaises(AccessError):
            self.quota.with_user(self.technician).action_service_renew()
        with self.assertRaises(AccessError):
            self.contract.with_user(self.technician).action_service_renew()
        with self.assertRaises(AccessError):
            self.quota.with_user(self.technician).renewal_quantity = 1
        order = (
            self.env["sale.order"]
            .with_user(self.technician)
            .create({"partner_id": self.partner.id})
        )
        with self.assertRaises(AccessError):
            self.env["sale.order.line"].with_user(self.technician).create(
                {
                    "order_id": order.id,
                    "product_id": self.remote.id,
                    "service_topup_quota_id": self.quota.id,
                }
            )
        self.assertFalse(self.quota.renewal_line_ids)

    def test_bad_configuration_is_refused(self):
        self.quota.renewal_product_id = False
        with self.assertRaises(UserError):
            self.renew()
        self.assertFalse(
            self.env["sale.order"].search([("partner_id", "=", self.partner.id)])
        )
        with self.assertRaises(UserError):
            self.quota.renewal_quantity = -5
        consumable = self.env["product.product"].create(
            {"name": "Box", "type": "consu"}
        )
        with self.assertRaises(UserError):
            self.quota.renewal_product_id = consumable
