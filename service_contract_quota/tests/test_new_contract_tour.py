from odoo.tests import HttpCase, new_test_user, tagged

from .common import MANAGER


@tagged("post_install", "-at_install")
class TestNewContractTour(HttpCase):
    def test_manager_adds_a_quota_while_creating_a_contract(self):
        new_test_user(self.env, "sbs-tour-manager", groups=MANAGER)
        customer = self.env["res.partner"].create(
            {"name": "Tour Quota Customer", "is_company": True}
        )
        minute = self.env.ref("service_contract_quota.uom_minute")
        product = self.env["product.product"].create(
            {
                "name": "Tour remote minute",
                "type": "service",
                "uom_id": minute.id,
                "uom_po_id": minute.id,
            }
        )
        self.start_tour(
            "/odoo/action-service_contract_quota.service_contract_action/new",
            "service_contract_quota_new_contract",
            login="sbs-tour-manager",
        )
        contract = self.env["contract.contract"].search(
            [("name", "=", "Tour new contract")]
        )
        self.assertEqual(contract.partner_id, customer)
        quota = contract.service_quota_ids
        self.assertEqual(
            (quota.name, quota.allowance, quota.product_ids),
            ("Tour quota", 300, product),
        )
        self.assertEqual(quota.balance_state, "ok")
