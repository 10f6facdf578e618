"""The specification of a service invoice: each piece of work it bills and the
quotas that work drew from; attached once when posted, on the portal for its
customer only, sent with the invoice e-mail."""

from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import QuotaCase, service_product_vals
from .specification_common import cell_text, specification_page, table_rows


class TestSpecification(QuotaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.quota.allowance = 60
        cls.covered_work, cls.partly_work = cls.env["res.partner"].create(
            [{"name": "RS/2026/0001 Printer"}, {"name": "RS/2026/0002 Mail server"}]
        )

    def invoice_two_works(self):
        """40 min covered, then 50 min of which 20 covered and 30 at 1.50."""
        orders = self.bill(self.remote, 40, self.covered_work, description="Printer")
        orders |= self.bill(self.remote, 50, self.partly_work, description="Mail")
        orders.action_confirm()
        invoice = orders._create_invoices()
        self.assertEqual(len(invoice), 1)
        invoice.action_post()
        return invoice

    def test_rows_list_each_piece_of_work_with_its_covered_part(self):
        invoice = self.invoice_two_works()
        rows = invoice._service_specification_rows()
        got = [
            (row["source"], row["quantity"], row["covered"], row["amount"])
            for row in rows
        ]
        self.assertEqual(
            got,
            [
                ("RS/2026/0001 Printer", 40, 40, 0.0),
                ("RS/2026/0002 Mail server", 50, 20, 45.0),
            ],
        )
        self.assertEqual([row["date"] for row in rows], [self.TODAY] * 2)
        self.assertEqual([row["description"] for row in rows], ["Printer", "Mail"])
        # a partner keeps no time worked
        self.assertEqual([row["worked_minutes"] for row in rows], [None, None])
        self.assertAlmostEqual(sum(row["amount"] for row in rows), 45.0)
        self.assertAlmostEqual(invoice.amount_untaxed, 45.0)

    def test_technician_and_time_worked_come_from_the_billed_record(self):
        self.partly_work.user_id = self.technician
        partner_class = type(self.env["res.partner"])
        with patch.object(
            partner_class,
            "_service_worked_minutes",
            lambda record: 47.25,
            create=True,
        ):
            rows = self.invoice_two_works()._service_specification_rows()
        self.assertEqual(
            [row["technician"] for row in rows], ["", self.technician.display_name]
        )
        self.assertEqual([row["worked_minutes"] for row in rows], [47.2, 47.2])

    def test_quota_summary_gives_the_period_balances(self):
        invoice = self.invoice_two_works()
        (summary,) = invoice._service_specification_quotas()
        self.assertEqual(
            {
                key: summary[key]
                for key in ("allowance", "rolled_over", "used", "overage", "remaining")
            },
            {
                "allowance": 60,
                "rolled_over": 0,
                "used": 60,
                "overage": 30,
                "remaining": 0,
            },
        )
        self.assertEqual(str(summary["period_start"]), "2026-03-01")
        self.assertEqual(str(summary["period_end"]), "2026-03-31")

    def test_unused_quota_of_last_month_rolls_over_into_the_summary(self):
        self.quota.rollover_cap = 50
        self.bill(
            self.remote, 10, self.sources[5], day=fields.Date.to_date("2026-02-10")
        )
        invoice = self.invoice_two_works()
        (summary,) = (
            quota
            for quota in invoice._service_specification_quotas()
            if str(quota["period_start"]) == "2026-03-01"
        )
        # January and February left more than the cap: 50 roll over, so
        # 110 min cover all 90 min of March
        self.assertEqual(
            (summary["rolled_over"], summary["used"], summary["remaining"]),
            (50, 90, 20),
        )

    def test_report_html_shows_the_work_and_the_quota_summary(self):
        invoice = self.invoice_two_works()
        page = specification_page(self.env, invoice)
        self.assertIn(
            f"Specification of invoice {invoice.name}",
            cell_text(page.xpath("//div[hasclass('page')]/h2")[0]),
        )

        work = table_rows(page, "o_service_specification_work")
        self.assertEqual(
            [row[1:2] + row[4:] for row in work],
            [
                [
                    "RS/2026/0001 Printer Printer",
                    "40.00 Minutes",
                    "40.00 Minutes",
                    "$ 0.00",
                ],
                [
                    "RS/2026/0002 Mail server Mail",
                    "50.00 Minutes",
                    "20.00 Minutes",
                    "$ 45.00",
                ],
            ],
        )
        self.assertEqual(work[0][0], "03/15/2026")
        (quota,) = table_rows(page, "o_service_specification_quotas")
        self.assertEqual(
            quota[1:],
            [
                "03/01/2026 – 03/31/2026",
                "60.00 minutes",  # allowance
                "0.00 minutes",  # rolled over
                "0.00 minutes",  # top-ups
                "60.00 minutes",  # used
                "30.00 minutes",  # overage
                "0.00 minutes",  # remaining
            ],
        )
        self.assertIn(self.contract.display_name, quota[0])

    def print_pending(self):
        """The background job, as the cron runs it after the posting's commit."""
        self.env["account.move"].with_context(
            service_no_commit=True
        )._cron_service_attach_specifications()

    def test_the_specification_is_attached_once_after_posting(self):
        invoice = self.invoice_two_works()
        # posting does not wait for the PDF: the job prints it
        self.assertTrue(invoice.service_specification_pending)
        self.assertFalse(invoice.service_specification_id)
        self.print_pending()
        self.assertFalse(invoice.service_specification_pending)
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", invoice.id)]
        )
        specification = invoice.service_specification_id
        self.assertTrue(specification)
        self.assertIn(specification, attachments)
        self.assertIn(b"RS/2026/0002 Mail server", specification.raw)
        invoice.button_draft()
        invoice.action_post()
        self.print_pending()
        self.assertEqual(invoice.service_specification_id, specification)
        again = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "account.move"),
                ("res_id", "=", invoice.id),
                ("name", "like", "Specification"),
            ]
        )
        self.assertEqual(again, specification)
        # and it goes with the invoice e-mail
        self.assertIn(
            specification,
            self.env["account.move.send"]._get_invoice_extra_attachments(invoice),
        )

    def test_a_failed_print_does_not_stop_the_posting(self):
        def broken(*args, **kwargs):
            raise UserError(self.env._("wkhtmltopdf crashed"))

        report_class = type(self.env["ir.actions.report"])
        invoice = self.invoice_two_works()
        with patch.object(report_class, "_render_qweb_pdf", broken):
            self.print_pending()
        self.assertEqual(invoice.state, "posted")
        self.assertFalse(invoice.service_specification_id)
        self.assertIn("wkhtmltopdf crashed", invoice.message_ids[:1].body)
        # the e-mail (or the portal) prints it once printing works
        sent = self.env["account.move.send"]._get_invoice_extra_attachments(invoice)
        self.assertTrue(invoice.service_specification_id)
        self.assertIn(invoice.service_specification_id, sent)

    def test_an_invoice_without_service_work_gets_no_specification(self):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.partner.id,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": self.other.id, "quantity": 3, "price_unit": 2}
                    )
                ],
            }
        )
        invoice.action_post()
        self.assertFalse(invoice.service_specification_pending)
        self.print_pending()
        self.assertFalse(invoice.service_specification_id)
        self.assertEqual(invoice._service_specification_rows(), [])


@tagged("post_install", "-at_install")
class TestSpecificationPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        minute = cls.env.ref("service_contract_quota.uom_minute")
        product = cls.env["product.product"].create(
            service_product_vals("Specification remote minute", minute, 1.5)
        )
        cls.customer_a, cls.customer_b = cls.env["res.partner"].create(
            [{"name": "Spec Customer A"}, {"name": "Spec Customer B"}]
        )
        for partner, login in ((cls.customer_a, "spec-a"), (cls.customer_b, "spec-b")):
            new_test_user(
                cls.env, login, groups="base.group_portal", partner_id=partner.id
            )
        contract = cls.env["contract.contract"].create(
            {
                "name": "Spec contract",
                "partner_id": cls.customer_a.id,
                "line_recurrence": True,
                "date_start": fields.Date.today().replace(day=1),
            }
        )
        cls.env["service.quota"].create(
            {
                "name": "Spec 30 min",
                "contract_id": contract.id,
                "allowance": 30,
                "product_ids": [Command.set(product.ids)],
            }
        )
        work = cls.env["res.partner"].create({"name": "Spec work A"})
        order = (
            cls.env["service.billing"]
            .bill(
                [
                    {
                        "partner_id": cls.customer_a.id,
                        "product_id": product.id,
                        "quantity": 45,
                        "source": work,
                    }
                ]
            )
            .order_id
        )
        order.action_confirm()
        cls.invoice = order._create_invoices()
        cls.invoice.action_post()
        cls.url = f"/my/invoices/{cls.invoice.id}/specification"

    def test_the_customer_reads_the_specification_from_the_invoice_page(self):
        self.authenticate("spec-a", "spec-a")
        page = self.url_open(f"/my/invoices/{self.invoice.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/my/invoices/{self.invoice.id}/specification", page.text)
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Spec work A", response.text)  # HTML under tests
        html = self.url_open(self.url + "?report_type=html")
        self.assertEqual(html.status_code, 200)
        self.assertIn("Spec work A", html.text)

    def test_another_customer_gets_nothing(self):
        self.authenticate("spec-b", "spec-b")
        for url in (self.url, self.url + "?report_type=html"):
            response = self.url_open(url, allow_redirects=False)
            self.assertNotEqual(response.status_code, 200)
            self.assertNotIn("Spec work A", response.text)
        self.authenticate(None, None)
        response = self.url_open(self.url, allow_redirects=False)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("Spec work A", response.text)
