from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user

from .common import QuotaCase


class TestProductService(QuotaCase):
    """The product form's Service section: rule, quota coverage, unit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_admin = new_test_user(
            cls.env,
            "sbs-sales-admin",
            groups="sales_team.group_sale_manager,"
            "service_contract_quota.group_service_manager",
        )

    def test_the_product_form_has_a_service_section(self):
        template = self.remote.product_tmpl_id.with_user(self.manager)
        arch = etree.fromstring(template.get_view(False, "form")["arch"])
        [section] = arch.xpath("//group[@name='service_billing']")
        names = {node.get("name") for node in section.iter("field")}
        self.assertLessEqual(
            {"uom_id", "service_rounding_rule_id", "service_quota_coverable"}, names
        )
        self.assertIn("type", section.get("invisible"))
        self.assertIn("Sold by time (Minutes)", template.service_billing_note)
        self.assertIn(
            "one Units per piece of work",
            self.incident.product_tmpl_id.service_billing_note,
        )

    def test_a_service_excluded_from_quotas_is_billed_at_its_price(self):
        support = self.env["product.category"].create({"name": "Support"})
        self.other.categ_id = support
        self.quota.categ_ids = support
        self.quota.product_ids = False
        with Form(self.other.product_tmpl_id.with_user(self.sales_admin)) as form:
            self.assertTrue(form.service_quota_coverable)
            form.service_quota_coverable = False
        lines = self.bill_lines(self.other, 10)
        self.assertFalse(lines.service_covered)
        self.assertEqual(lines.price_subtotal, 20.0)
        self.assertIn("billed at its price, never from a quota", lines.name)
        self.assertEqual(self.quota.period_used, 0)
        with self.assertRaisesRegex(ValidationError, "cannot cover Not covered"):
            self.quota.product_ids = self.other

    def test_a_quota_service_cannot_be_excluded_while_the_quota_names_it(self):
        with self.assertRaises(ValidationError) as caught:
            self.remote.product_tmpl_id.service_quota_coverable = False
        self.assertIn("remove it from the quota", str(caught.exception))
        self.assertTrue(self.remote.service_quota_coverable)
