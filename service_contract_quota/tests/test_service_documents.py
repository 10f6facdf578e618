"""The accountant's documents: service orders, their links to the work they
bill, invoices of covered work, and billed quantities that explain themselves."""

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user
from odoo.tools.safe_eval import safe_eval

from .common import QuotaCase

ACTION = "service_contract_quota.sale_order_action_service"


class TestServiceDocuments(QuotaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule_10_5 = cls.env.ref("service_contract_quota.service_rounding_rule_10_5")
        cls.rule_15 = cls.env["service.rounding.rule"].create(
            {"name": "Quarter hours", "minimum_minutes": 0, "step_minutes": 15}
        )

    def plain_order(self):
        return self.env["sale.order"].create(
            {
                "partner_id": self.partner.id,
                "order_line": [(0, 0, {"product_id": self.remote.id})],
            }
        )

    def service_orders(self, user=None):
        """What the Service Orders menu lists: its action with its default filter."""
        action = self.env["ir.actions.act_window"]._for_xml_id(ACTION)
        context = safe_eval(action["context"])
        self.assertEqual(context, {"search_default_service_orders": 1})
        views = self.env["sale.order"].get_views(
            [(action["search_view_id"][0], "search")]
        )
        arch = etree.fromstring(views["views"]["search"]["arch"])
        domain = safe_eval(
            arch.xpath("//filter[@name='service_orders']")[0].get("domain")
        )
        orders = self.env["sale.order"].with_user(user or self.env.user)
        return orders.search(domain)

    # ------------------------------------------------------------ service orders
    def test_service_orders_menu_lists_the_orders_made_from_work(self):
        billed = self.bill(self.remote, 30)
        plain = self.plain_order()
        found = self.service_orders()
        self.assertIn(billed, found)
        self.assertNotIn(plain, found)
        for user in (self.technician, self.manager):
            menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
            xmlids = {m.get("xmlid") for m in menus.values() if isinstance(m, dict)}
            self.assertIn("service_contract_quota.sale_order_menu_service", xmlids)
            self.assertIn("service_contract_quota.service_sale_order_menu", xmlids)

    def test_quotations_for_work_done_do_not_expire(self):
        self.assertTrue(self.plain_order().validity_date, "Odoo's default applies")
        order = self.bill(self.remote, 30)
        self.assertFalse(order.validity_date)
        self.assertFalse(order.is_expired)

    # --------------------------------------------------------------------- links
    def test_an_order_line_names_and_opens_the_work_it_bills(self):
        source = self.sources[3]
        line = self.bill_lines(self.remote, 30, source=source)
        self.assertEqual(line.service_source_name, source.display_name)
        action = line.action_open_service_source()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("res.partner", source.id)
        )
        # ...and the work finds its line back (the billable mixin does the same
        # through the claims; any record may be a source of the engine).
        claim = self.env["service.billed.source"].search(
            [("source_model", "=", "res.partner"), ("source_id", "=", source.id)]
        )
        self.assertEqual(claim.sale_line_ids, line)

    def test_opening_work_that_is_gone_or_not_yours_says_so(self):
        source = self.env["res.partner"].create({"name": "Short-lived work"})
        line = self.bill_lines(self.remote, 30, source=source)
        plain = self.plain_order().order_line
        self.assertFalse(plain.service_source_name)
        with self.assertRaisesRegex(UserError, "bills no recorded work"):
            plain.action_open_service_source()
        # a user who may read the line but not the work it bills
        salesman = new_test_user(
            self.env, "sbs-doc-sales", groups="sales_team.group_sale_salesman_all_leads"
        )
        self.env["ir.rule"].create(
            {
                "name": "no partners named Short-lived",
                "model_id": self.env.ref("base.model_res_partner").id,
                "domain_force": "[('name', 'not like', 'Short-lived')]",
                "groups": [(4, self.env.ref("base.group_user").id)],
            }
        )
        as_sales = line.with_user(salesman)
        self.assertEqual(as_sales.service_source_name, "Short-lived work")
        with self.assertRaises(AccessError):
            as_sales.action_open_service_source()
        line.order_id.action_cancel()  # the work may be billed again...
        source.unlink()  # ...or go
        line.invalidate_recordset()
        self.assertFalse(line.service_source_name)
        with self.assertRaisesRegex(UserError, "no longer exists"):
            line.action_open_service_source()

    # ------------------------------------------------------------------ invoice
    def test_invoice_of_covered_work_shows_why_it_is_free(self):
        order = self.bill(  # 26 min, covered
            self.remote, seconds=25 * 60 + 20, description="Printer driver"
        )
        order.action_confirm()
        invoice = order._create_invoices()
        self.assertTrue(invoice.service_invoice)
        line = invoice.invoice_line_ids
        self.assertEqual((line.quantity, line.discount), (26, 100))
        # The product on its own line, then the order line's text, line breaks
        # kept (the form drops the first break after the product's name).
        self.assertEqual(
            line.name, f"{self.remote.display_name}\n{order.order_line.name}"
        )
        self.assertIn("\nCovered by contract", line.name)
        other = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.partner.id,
                "invoice_line_ids": [(0, 0, {"name": "Consulting", "price_unit": 9})],
            }
        )
        self.assertFalse(other.service_invoice)
        # The form shows the discount column on service invoices, hidden among
        # the optional columns otherwise.
        views = self.env["account.move"].get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        discounts = arch.xpath(
            "//field[@name='invoice_line_ids']/list/field[@name='discount']"
        )
        self.assertEqual(
            [(d.get("column_invisible"), d.get("optional")) for d in discounts],
            [("parent.service_invoice", "hide"), ("not parent.service_invoice", None)],
        )

    # ------------------------------------------------------ billed vs worked time
    def test_the_billed_quantity_explains_itself(self):
        self.quota.rounding_rule_id = self.rule_10_5
        cases = [
            (70, self.sources[10], "1.2 min worked, 10 min minimum."),
            (
                12 * 60 + 30,
                self.sources[11],
                "12.5 min worked, 15 min billed: rounded up to 5-minute steps.",
            ),
        ]
        for seconds, source, sentence in cases:
            with self.subTest(seconds=seconds):
                line = self.bill_lines(self.remote, seconds=seconds, source=source)
                self.assertEqual(line.name.splitlines()[-1], sentence)
        self.quota.rounding_rule_id = self.rule_15
        line = self.bill_lines(
            self.remote, seconds=17 * 60 + 30, source=self.sources[12]
        )
        self.assertIn(
            "17.5 min worked, 30 min billed: rounded up to 15-minute steps.", line.name
        )
        # steps counted from a minimum that is not one of them
        self.quota.rounding_rule_id = self.env["service.rounding.rule"].create(
            {"name": "5 then 15", "minimum_minutes": 5, "step_minutes": 15}
        )
        line = self.bill_lines(self.remote, seconds=6 * 60, source=self.sources[17])
        self.assertIn(
            "6 min worked, 20 min billed: 5 min minimum, then rounded up to "
            "15-minute steps.",
            line.name,
        )
        # Odoo's default rule: every started minute
        self.quota.rounding_rule_id = self.env.ref(
            "service_contract_quota.service_rounding_rule_minute"
        )
        line = self.bill_lines(
            self.remote, seconds=25 * 60 + 20, source=self.sources[18]
        )
        self.assertIn(
            "25.3 min worked, 26 min billed: rounded up to whole minutes.", line.name
        )
        # the time worked is the billed time: nothing to explain
        line = self.bill_lines(self.remote, seconds=30 * 60, source=self.sources[13])
        self.assertNotIn("worked", line.name)
        # a quantity given (not a duration) is not timed work
        line = self.bill_lines(self.remote, 7, source=self.sources[14])
        self.assertNotIn("worked", line.name)

    def test_the_explanation_goes_on_the_first_line_of_split_work(self):
        self.quota.allowance = 10
        self.quota.rounding_rule_id = self.rule_15
        lines = self.bill_lines(self.remote, seconds=20 * 60, source=self.sources[15])
        covered, overage = lines.sorted("sequence")
        self.assertEqual((covered.product_uom_qty, overage.product_uom_qty), (10, 20))
        self.assertIn("20 min worked, 30 min billed", covered.name)
        self.assertNotIn("worked", overage.name)

    def test_the_explanation_is_in_the_customers_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.partner.lang = "fr_FR"
        self.quota.rounding_rule_id = self.rule_10_5
        line = self.bill_lines(
            self.remote, seconds=12 * 60 + 30, source=self.sources[16]
        )
        # decimals in the customer's format (no translation is loaded here)
        self.assertIn("12,5 min worked", line.name)
