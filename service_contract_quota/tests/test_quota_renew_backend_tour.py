"""A service manager renews a quota in one click in the web client: Renew on
the quota, Renew on the contract, and the Renew link of the low-balance
activity, each opening the renewal quotation with the top-up line."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import MANAGER, service_product_vals


@tagged("post_install", "-at_install")
class TestQuotaRenewBackendTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, "sbs-renew-manager", groups=MANAGER, name="Renew Manager"
        )
        minute = cls.env.ref("service_contract_quota.uom_minute")
        cls.remote = cls.env["product.product"].create(
            service_product_vals("Backend renewal minute", minute, 1.5)
        )
        cls.package = cls.env["product.product"].create(
            {
                "name": "Backend top-up package",
                "type": "service",
                "list_price": 390.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Backend Renewal Ltd", "is_company": True}
        )
        cls.contract = cls.env["contract.contract"].create(
            {
                "name": "Backend renewal contract",
                "partner_id": cls.customer.id,
                "date_start": "2020-01-01",
                "line_recurrence": True,
                "user_id": cls.manager.id,
            }
        )
        cls.quota = cls.env["service.quota"].create(
            {
                "name": "Backend renewal quota",
                "contract_id": cls.contract.id,
                "allowance": 600,
                "product_ids": [Command.set(cls.remote.ids)],
                "renewal_product_id": cls.package.id,
                "renewal_quantity": 300,
                "renewal_price": 390.0,
            }
        )
        work = cls.env["res.partner"].create({"name": "Backend renewal work"})
        # 500 of 600 minutes used: the quota is low, its activity is due
        cls.env["service.billing"].bill(
            [
                {
                    "partner_id": cls.customer.id,
                    "product_id": cls.remote.id,
                    "quantity": 500,
                    "source": work,
                }
            ]
        )

    def renewals(self):
        return self.env["sale.order"].search(
            [("order_line.service_topup_quota_id", "=", self.quota.id)]
        )

    def assertOneRenewal(self):
        self.env.invalidate_all()
        order = self.renewals()
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.partner_id, self.customer)
        line = order.order_line
        self.assertEqual(
            (line.product_id, line.product_uom_qty, line.price_unit),
            (self.package, 1.0, 390.0),
        )
        self.assertEqual(line.service_topup_package_qty, 300)
        self.assertIn("Top-up of 300 minutes for Backend renewal quota", line.name)
        return order

    def test_renew_on_the_quota_form(self):
        self.assertEqual(self.quota.balance_state, "low")
        self.assertFalse(self.renewals())
        self.start_tour(
            f"/odoo/service.quota/{self.quota.id}",
            "service_quota_renew_from_quota",
            login=self.manager.login,
        )
        self.assertOneRenewal()

    def test_renew_on_the_contract_form(self):
        self.start_tour(
            f"/odoo/contract.contract/{self.contract.id}",
            "service_quota_renew_from_contract",
            login=self.manager.login,
        )
        self.assertOneRenewal()

    def test_renew_link_of_the_low_balance_activity(self):
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "contract.contract"), ("res_id", "=", self.contract.id)]
        )
        self.assertEqual(activity.summary, "Offer an extension")
        self.start_tour(
            f"/odoo/contract.contract/{self.contract.id}",
            "service_quota_renew_from_activity",
            login=self.manager.login,
        )
        self.assertOneRenewal()
