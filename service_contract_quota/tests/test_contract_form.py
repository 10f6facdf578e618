from datetime import date

from lxml import etree

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form

from .common import QuotaCase

CONTRACT_FORM = "contract.contract_contract_customer_form_view"


class TestContractForm(QuotaCase):
    """A manager sets up a contract and its quotas in the Service app's form."""

    def contract_form(self):
        action = self.env.ref("service_contract_quota.service_contract_action")
        self.assertIn(CONTRACT_FORM, action.view_ids.view_id.get_external_id().values())
        return Form(
            self.env["contract.contract"]
            .with_user(self.manager)
            .with_context(default_contract_type="sale", is_contract=1),
            view=CONTRACT_FORM,
        )

    def test_quotas_are_added_while_creating_the_contract(self):
        with self.contract_form() as form:
            form.name = "New support contract"
            form.partner_id = self.partner_b
            form.date_start = date(2026, 3, 1)
            with form.service_quota_ids.new() as line:
                line.name = "300 min remote"
                line.unit = "minute"
                line.allowance = 300
                line.product_ids.add(self.remote)
                self.assertEqual(line.date_start, date(2026, 3, 1))
            with form.service_quota_ids.new() as line:
                line.name = "5 incidents"
                line.unit = "session"
                line.allowance = 5
                line.product_ids.add(self.incident)
        contract = form.record
        quotas = contract.service_quota_ids.sorted("allowance")
        self.assertEqual(quotas.mapped("name"), ["5 incidents", "300 min remote"])
        self.assertEqual(quotas.contract_id, contract)
        self.assertEqual(quotas.partner_id, self.partner_b)
        self.assertEqual(quotas.mapped("remaining"), [5, 300])
        self.assertEqual(quotas.mapped("balance_state"), ["ok", "ok"])
        order = self.bill(self.remote, 20, partner=self.partner_b)
        self.assertTrue(order.order_line.service_covered)
        self.assertEqual(quotas[1].remaining, 280)

    def test_quotas_tab_comes_before_other_information(self):
        arch = self.env["contract.contract"].get_view(
            self.env.ref(CONTRACT_FORM).id, "form"
        )["arch"]
        pages = [page.get("name") for page in etree.fromstring(arch).iter("page")]
        self.assertLess(pages.index("service_quotas"), pages.index("info"), pages)

    def test_a_quota_not_saved_yet_has_no_balance_to_show(self):
        with Form(self.env["service.quota"].with_user(self.manager)) as form:
            form.name = "Draft quota"
            form.contract_id = self.contract
            form.allowance = 60
            form.product_ids.add(self.remote)
            self.assertFalse(form.balance_state)
        self.assertEqual(form.record.balance_state, "ok")

    def test_a_quota_with_ledger_rows_keeps_its_unit(self):
        self.bill(self.remote, 10)
        with self.assertRaisesRegex(UserError, "its unit cannot change"):
            self.quota.with_user(self.manager).unit = "hour"
        self.assertEqual(self.quota.unit, "minute")
        fresh = self._quota(self.contract, 5, self.incident, unit="unit")
        fresh.with_user(self.manager).write(
            {"unit": "session", "product_ids": [Command.set(self.incident.ids)]}
        )
        self.assertEqual(fresh.unit, "session")

    def test_tiers_and_caps_read_in_the_quota_unit(self):
        with Form(self.quota.with_user(self.manager)) as form:
            form.rollover_cap = 120
            self.assertEqual(form.unit_label, "minutes")
            with form.tier_ids.new() as tier:
                tier.from_quantity = 0
                tier.to_quantity = 120
                tier.price = 1.2
                self.assertEqual(tier.unit_label, "minutes")
            with form.tier_ids.new() as tier:
                tier.from_quantity = 120
                tier.price = 1.0
                self.assertTrue(tier.open_ended)
        tiers = self.quota.tier_ids.sorted("from_quantity")
        self.assertEqual(tiers.mapped("from_label"), ["0 minutes", "120 minutes"])
        self.assertEqual(tiers.mapped("to_label"), ["120 minutes", "no limit"])
        arch = etree.fromstring(
            self.quota.with_user(self.manager).get_view(False, "form")["arch"]
        )
        [cap_row] = arch.xpath("//div[field[@name='rollover_cap']]")
        self.assertEqual(
            [node.get("name") for node in cap_row.iter("field")],
            ["rollover_cap", "unit_label"],
        )
        [tiers_list] = arch.xpath("//field[@name='tier_ids']/list")
        self.assertEqual(
            [node.get("name") for node in tiers_list.iter("field")][:3],
            ["from_label", "to_label", "price"],
        )
