"""Documents as an accountant and a customer see them: the Service Orders
menu, an invoice of covered work in the web client, its PDF, the portal."""

import io
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.pdf import PdfReader

from .common import service_product_vals

WORKED = "1.2 min worked, 10 min minimum."


@tagged("post_install", "-at_install")
class TestServiceDocumentsHttp(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # an accountant who also reads the sales (Odoo opens orders to them only)
        cls.accountant = new_test_user(
            cls.env,
            "sbs-accountant",
            groups="account.group_account_invoice,"
            "sales_team.group_sale_salesman_all_leads",
        )
        minute = cls.env.ref("service_contract_quota.uom_minute")
        cls.product = cls.env["product.product"].create(
            service_product_vals("Documents remote minute", minute, 1.5)
        )
        # from 10 minutes, then 5-minute steps (one minute of grace)
        cls.product.service_rounding_rule_id = cls.env.ref(
            "service_contract_quota.service_rounding_rule_10_5"
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Tour Service Customer", "is_company": True}
        )
        today = fields.Date.today()
        contract = cls.env["contract.contract"].create(
            {
                "name": "Tour service contract",
                "partner_id": cls.customer.id,
                "line_recurrence": True,
                "date_start": today - timedelta(days=30),
            }
        )
        cls.env["service.quota"].create(
            {
                "name": "600 min",
                "contract_id": contract.id,
                "allowance": 600,
                "product_ids": [Command.set(cls.product.ids)],
            }
        )
        cls.work = cls.env["res.partner"].create({"name": "Tour work"})
        line = cls.env["service.billing"].bill(
            [
                {
                    "partner_id": cls.customer.id,
                    "product_id": cls.product.id,
                    "seconds": 70,
                    "description": "Printer driver",
                    "source": cls.work,
                }
            ]
        )
        cls.order = line.order_id
        cls.order.action_confirm()
        cls.invoice = cls.order._create_invoices()
        cls.invoice.action_post()
        plain = cls.env["res.partner"].create({"name": "Tour Plain Customer"})
        cls.env["sale.order"].create(
            {
                "partner_id": plain.id,
                "order_line": [Command.create({"product_id": cls.product.id})],
            }
        )

    def test_accountant_follows_a_service_order_to_its_work_and_invoice(self):
        self.start_tour(
            "/odoo", "service_contract_quota_documents", login="sbs-accountant"
        )

    def test_print_gives_a_pdf_of_an_invoice_with_covered_lines(self):
        """Print renders a real PDF with wkhtmltopdf (scripts/setup.sh installs
        it), not the HTML that Odoo falls back to without it."""
        state = self.env["ir.actions.report"].get_wkhtmltopdf_state()
        self.assertEqual(
            state, "ok", "wkhtmltopdf is missing or broken: run scripts/setup.sh"
        )
        report = self.env.ref("account.account_invoices")
        # Under tests Odoo renders HTML instead of PDF unless told not to;
        # wkhtmltopdf fetches the styles from this test's server.
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.accountant)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report.report_name, self.invoice.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF-"))
        self.assertEqual(len(PdfReader(io.BytesIO(content)).pages), 1)
        # What the PDF shows (wkhtmltopdf of Debian draws the web fonts as
        # shapes, so its text is read from the same report in HTML).
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.accountant)
            ._render_qweb_html(report.report_name, self.invoice.ids)
        )
        text = " ".join(html.decode().split())
        self.assertIn(self.invoice.name, text)
        self.assertIn("Covered by contract Tour service contract", text)
        self.assertIn(WORKED, text)
        self.assertIn("100.00", text, "the discount of the covered line")

    def test_the_portal_order_explains_the_billed_quantity(self):
        response = self.url_open(self.order.get_portal_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("Printer driver", response.text)
        self.assertIn(WORKED, response.text)
