from lxml import etree

from odoo.tests import Form

from .common import QuotaCase


class TestRoundingRuleForm(QuotaCase):
    """The rounding rule form says which rule applies and what grace means."""

    def test_the_form_shows_examples_that_follow_the_rule(self):
        rule = self.env["service.rounding.rule"].with_user(self.manager)
        with Form(rule) as form:
            form.name = "Ten then five"
            form.minimum_minutes = 10
            form.step_minutes = 5
            form.grace_seconds = 30
            lines = form.example_text.splitlines()
            self.assertEqual(
                lines[:4],
                [
                    "20 s worked: a false start (30 s or less), not billed. "
                    "Billed: 0.",
                    "1 min worked, 10 min minimum. Billed: 10.",
                    "7 min worked, 10 min minimum. Billed: 10.",
                    "12 min 30 s worked, rounded up to 5-minute steps. Billed: 15.",
                ],
            )
            form.minimum_minutes = 15
            self.assertIn(
                "12 min 30 s worked, 15 min minimum. Billed: 15.",
                form.example_text.splitlines(),
            )
        self.assertFalse(form.record.is_company_default)

    def test_the_default_rule_and_the_grace_are_explained(self):
        default = self.env.company.service_rounding_rule_id
        other = self.env.ref("service_contract_quota.service_rounding_rule_10_5")
        self.assertTrue(default.with_user(self.manager).is_company_default)
        self.assertFalse(other.with_user(self.manager).is_company_default)
        arch = etree.fromstring(
            other.with_user(self.manager).get_view(False, "form")["arch"]
        )
        [banner] = arch.xpath("//div[@name='default_rule']")
        self.assertEqual(banner.get("invisible"), "not is_company_default")
        text = " ".join(" ".join(arch.xpath("//*[@name='grace_help']//text()")).split())
        self.assertIn("false start", text)
        which = " ".join(
            " ".join(arch.xpath("//*[@name='which_rule']//text()")).split()
        )
        self.assertIn("company's default rule (Settings > Service)", which)

    def test_a_billed_quantity_explains_itself(self):
        rule = self.env.ref("service_contract_quota.service_rounding_rule_10_5")
        self.assertEqual(
            rule.explain_quantity(90, 10), "1 min 30 s worked, 10 min minimum."
        )
        self.assertEqual(
            rule.explain_quantity(61, 12),
            "1 min 1 s worked; the billed quantity was changed on the order.",
        )
        self.assertEqual(
            rule.explain_quantity(45),
            "45 s worked: a false start (60 s or less), not billed.",
        )


class TestOrderPolicySetting(QuotaCase):
    """Settings: one choice for the orders of billed work (invoicing confirms)."""

    def settings(self):
        return Form(self.env["res.config.settings"])

    def test_one_choice_sets_both_company_flags(self):
        company = self.env.company
        expected = {
            "draft": (False, False),
            "confirmed": (True, False),
            "invoiced": (True, True),
        }
        for policy, flags in expected.items():
            with self.subTest(policy=policy):
                form = self.settings()
                form.service_order_policy = policy
                form.save().execute()
                self.assertEqual(
                    (company.service_auto_confirm, company.service_auto_invoice),
                    flags,
                )
                self.assertEqual(self.settings().service_order_policy, policy)

    def test_invoicing_alone_reads_as_invoiced_and_bills_confirmed_orders(self):
        self.env.company.write(
            {"service_auto_confirm": False, "service_auto_invoice": True}
        )
        self.assertEqual(self.settings().service_order_policy, "invoiced")
        form = self.settings()
        form.service_order_policy = "confirmed"
        form.save().execute()
        order = self.bill(self.remote, 30)
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.invoice_ids)
