from datetime import datetime, time, timedelta

from freezegun import freeze_time
from lxml import html

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.service_contract_quota.tests.common import TECHNICIAN


@tagged("post_install", "-at_install")
class TestRemotePortal(HttpCase):
    """A customer's finished sessions on the portal: the work done, why the
    billed quantity is what it is, and the order or invoice that bills it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        minute = cls.env.ref("service_contract_quota.uom_minute")
        cls.rule = cls.env.ref("service_contract_quota.service_rounding_rule_10_5")
        cls.product = cls.env["product.product"].create(
            {
                "name": "Portal remote minute",
                "type": "service",
                "list_price": 1.5,
                "uom_id": minute.id,
                "uom_po_id": minute.id,
                "invoice_policy": "order",
                "service_rounding_rule_id": cls.rule.id,
            }
        )
        cls.tech = new_test_user(cls.env, "sbs-portal-tech", groups=TECHNICIAN)
        cls.env["hr.employee"].create({"name": "Portal Tech", "user_id": cls.tech.id})
        project = cls.env["project.project"].create(
            {"name": "Portal remote support", "allow_timesheets": True}
        )
        cls.env.company.write(
            {
                "service_remote_product_id": cls.product.id,
                "service_remote_project_id": project.id,
            }
        )
        cls.yesterday = fields.Date.today() - timedelta(days=1)
        cls.customer = cls.env["res.partner"].create(
            {"name": "Sessions Ltd", "is_company": True}
        )
        contact = cls.env["res.partner"].create(
            {"name": "Sam Sessions", "parent_id": cls.customer.id, "email": "s@x.ex"}
        )
        new_test_user(
            cls.env, "sbs-sessions", groups="base.group_portal", partner_id=contact.id
        )
        contract = cls.env["contract.contract"].create(
            {
                "name": "Sessions support",
                "partner_id": cls.customer.id,
                "date_start": cls.yesterday - timedelta(days=60),
                "line_recurrence": True,
            }
        )
        cls.env["service.quota"].create(
            {
                "name": "Sessions minutes",
                "contract_id": contract.id,
                "allowance": 600,
                "product_ids": [Command.set(cls.product.ids)],
            }
        )

    def worked(self, start, seconds, description):
        """A session of the technician, worked yesterday from ``start``, finished."""
        session = (
            self.env["service.remote.session"]
            .with_user(self.tech)
            .create({"partner_id": self.customer.id, "description": description})
        )
        begin = datetime.combine(self.yesterday, time.fromisoformat(start))
        with freeze_time(begin):
            session.action_start()
        with freeze_time(begin + timedelta(seconds=seconds)):
            session.action_finish()
        self.assertEqual(session.state, "done")
        return session

    def rows(self):
        self.env.flush_all()
        self.authenticate("sbs-sessions", "sbs-sessions")
        response = self.url_open("/my/remote-sessions")
        self.assertEqual(response.status_code, 200)
        page = html.fromstring(response.text)
        return {
            row.xpath(".//div[hasclass('fw-bold')]")[0].text: row
            for row in page.xpath("//tr[hasclass('o_remote_session')]")
        }

    @staticmethod
    def cell(row, name):
        [node] = row.xpath(f".//*[hasclass('{name}')]")
        return " ".join(node.text_content().split())

    def test_a_session_shows_its_work_its_reason_and_its_documents(self):
        short = self.worked("09:00", 90, "Reset the VPN password")
        long = self.worked("10:00", 12 * 60 + 30, "Printer driver\nreinstalled")
        order = long.service_sale_order_id
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        rows = self.rows()
        row = rows[short.name]
        self.assertEqual(self.cell(row, "o_remote_work"), "Reset the VPN password")
        self.assertEqual(
            self.cell(row, "o_remote_reason"), "1 min 30 s worked, 10 min minimum."
        )
        self.assertEqual(self.cell(row, "o_remote_worked"), "0:01")
        self.assertEqual(self.cell(row, "o_remote_quantity"), "10 Minutes")
        self.assertEqual(self.cell(row, "o_remote_covered"), "10")
        [link] = row.xpath(".//td[hasclass('o_remote_documents')]/a")
        self.assertEqual(link.text, short.service_sale_order_id.name)
        self.assertEqual(self.url_open(link.get("href")).status_code, 200)
        row = rows[long.name]
        self.assertEqual(
            self.cell(row, "o_remote_reason"),
            "12 min 30 s worked, rounded up to 5-minute steps.",
        )
        self.assertEqual(self.cell(row, "o_remote_quantity"), "15 Minutes")
        links = row.xpath(".//td[hasclass('o_remote_documents')]/a")
        self.assertEqual([a.text for a in links], [order.name, invoice.name])
        self.assertTrue(links[1].get("href").startswith(f"/my/invoices/{invoice.id}?"))
        self.assertEqual(self.url_open(links[1].get("href")).status_code, 200)

    def test_a_session_whose_order_is_gone_is_not_shown_as_used(self):
        cancelled = self.worked("09:00", 20 * 60, "Cancelled work")
        deleted = self.worked("10:00", 15 * 60, "Deleted work")
        kept = self.worked("11:00", 10 * 60, "Kept work")
        cancelled.service_sale_order_id.sudo().with_context(
            disable_cancel_warning=True
        ).action_cancel()
        deleted.service_sale_order_id.sudo().unlink()
        # a session left done without its order (data from before the release
        # path, a failed import): listed, but not as used
        orphan = self.worked("12:00", 10 * 60, "Orphan work")
        order = orphan.service_sale_order_id
        orphan.service_claim_ids.sudo().unlink()
        order.sudo().unlink()
        orphan._service_refresh_billing()
        self.assertEqual(orphan.state, "done")
        rows = self.rows()
        self.assertNotIn(cancelled.name, rows)
        self.assertNotIn(deleted.name, rows)
        self.assertEqual(self.cell(rows[kept.name], "o_remote_quantity"), "10 Minutes")
        self.assertEqual(
            self.cell(rows[orphan.name], "o_remote_not_billed"), "Not billed"
        )
        self.assertFalse(rows[orphan.name].xpath(".//td[hasclass('o_remote_covered')]"))
