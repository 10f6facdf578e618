from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import QuotaCase


class TestQuotaAccess(QuotaCase):
    def test_technician_reads_but_cannot_change_quotas_or_ledger(self):
        self.bill(self.remote, 10)
        quota = self.quota.with_user(self.technician)
        self.assertEqual(quota.remaining, 590)
        self.assertEqual(quota.move_ids.quantity, 10)
        with self.assertRaises(AccessError):
            quota.write({"allowance": 10000})
        with self.assertRaises(AccessError):
            self.env["service.quota"].with_user(self.technician).create(
                {"name": "x", "contract_id": self.contract.id, "allowance": 1}
            )
        with self.assertRaises(AccessError):
            self.env["service.quota.move"].with_user(self.technician).create(
                {
                    "name": "forged",
                    "quota_id": self.quota.id,
                    "date": self.TODAY,
                    "period_start": self.TODAY,
                    "move_type": "topup",
                    "quantity": 1000,
                }
            )
        self.assertEqual(self.quota.allowance, 600)

    def test_technician_bills_through_the_engine(self):
        order = (
            self.env["service.billing"]
            .with_user(self.technician)
            .bill(
                [
                    {
                        "partner_id": self.partner.id,
                        "product_id": self.remote.id,
                        "quantity": 25,
                        "source": self.sources[0],
                    }
                ]
            )
        )
        self.assertEqual(order.order_id.user_id, self.technician)
        self.assertEqual(self.quota.remaining, 575)
        self.assertEqual(self.quota.move_ids.user_id, self.technician)

    def test_manager_configures_quotas(self):
        self.quota.with_user(self.manager).write({"allowance": 900})
        self.assertEqual(self.quota.period_allowance, 900)

    def test_companies_never_mix(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        user = new_test_user(
            self.env,
            "sbs-quota-other",
            groups="service_contract_quota.group_service_manager",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        self.assertFalse(self.env["service.quota"].with_user(user).search([]))
        self.assertFalse(self.env["service.quota.move"].with_user(user).search([]))
        with self.assertRaises(AccessError):
            self.quota.with_user(user).read(["name"])
        # nor the period totals the specification prints
        self.bill(self.remote, 25, self.sources[0])
        periods = self.env["service.quota.period"].search(
            [("quota_id", "=", self.quota.id)]
        )
        self.assertTrue(periods)
        self.assertFalse(self.env["service.quota.period"].with_user(user).search([]))
        with self.assertRaises(AccessError):
            periods.with_user(user).read(["covered"])


@tagged("post_install", "-at_install")
class TestQuotaPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        minute = cls.env.ref("service_contract_quota.uom_minute")
        cls.product = cls.env["product.product"].create(
            {
                "name": "Portal remote",
                "type": "service",
                "uom_id": minute.id,
                "uom_po_id": minute.id,
            }
        )
        cls.portal_a = new_test_user(
            cls.env, "sbs-portal-a", groups="base.group_portal"
        )
        cls.portal_b = new_test_user(
            cls.env, "sbs-portal-b", groups="base.group_portal"
        )
        cls.quota_a = cls._customer(cls.portal_a, "Alpha secret quota", 111.0)
        cls.quota_b = cls._customer(cls.portal_b, "Bravo secret quota", 999.0)

    @classmethod
    def _customer(cls, user, quota_name, price):
        company = cls.env["res.partner"].create(
            {"name": f"{quota_name} Ltd", "is_company": True}
        )
        user.partner_id.parent_id = company
        contract = cls.env["contract.contract"].create(
            {
                "name": f"{quota_name} contract",
                "partner_id": company.id,
                "date_start": date(2026, 1, 1),
                "line_recurrence": True,
                "contract_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "name": f"{quota_name} line",
                            "quantity": 1,
                            "price_unit": price,
                            "recurring_rule_type": "monthly",
                            "date_start": date(2026, 1, 1),
                        }
                    )
                ],
            }
        )
        quota = cls.env["service.quota"].create(
            {
                "name": quota_name,
                "contract_id": contract.id,
                "allowance": 300,
                "product_ids": [Command.set(cls.product.ids)],
            }
        )
        cls.env["service.billing"].bill(
            [
                {
                    "partner_id": company.id,
                    "product_id": cls.product.id,
                    "quantity": 30,
                    "source": contract,
                }
            ]
        )
        return quota

    def test_customer_sees_own_quotas_only(self):
        self.authenticate("sbs-portal-a", "sbs-portal-a")
        page = self.url_open("/my/quotas")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Alpha secret quota", page.text)
        self.assertNotIn("Bravo", page.text)
        own = self.url_open(f"/my/quotas/{self.quota_a.id}")
        self.assertEqual(own.status_code, 200)
        self.assertIn("270", own.text)

    def test_customer_is_refused_another_customers_quota_page(self):
        self.authenticate("sbs-portal-a", "sbs-portal-a")
        response = self.url_open(f"/my/quotas/{self.quota_b.id}", allow_redirects=False)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("Bravo", response.text)

    def _rpc_search_read(self, model, fields):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/search_read",
            {
                "model": model,
                "method": "search_read",
                "args": [[], fields],
                "kwargs": {},
            },
        )

    def test_customer_reads_no_other_customers_records_over_json_rpc(self):
        """OCA contract 18.0 lets portal users read every contract.line: closed."""
        self.authenticate("sbs-portal-a", "sbs-portal-a")
        lines = self._rpc_search_read("contract.line", ["name", "price_unit"])
        self.assertEqual([line["name"] for line in lines], ["Alpha secret quota line"])
        self.assertNotIn(999.0, [line["price_unit"] for line in lines])
        quotas = self._rpc_search_read("service.quota", ["name", "remaining"])
        self.assertEqual([quota["name"] for quota in quotas], ["Alpha secret quota"])
        moves = self._rpc_search_read("service.quota.move", ["quota_id", "quantity"])
        self.assertEqual({move["quota_id"][0] for move in moves}, {self.quota_a.id})
