"""The invoice's specification shows the time the technicians logged on a
service activity next to what was billed."""

from lxml import etree

from odoo.addons.service_contract_quota.models.account_move_specification import (
    SPECIFICATION_REPORT,
)

from .activity_billing_common import ActivityBillingCase


def cell_text(node):
    return " ".join("".join(node.itertext()).split())


class TestActivitySpecification(ActivityBillingCase):
    def work_rows(self, invoice):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            SPECIFICATION_REPORT, invoice.ids
        )
        page = etree.fromstring(html, etree.HTMLParser())
        rows = page.xpath("//table[hasclass('o_service_specification_work')]/tbody/tr")
        return [[cell_text(cell) for cell in row.xpath("./td")] for row in rows]

    def test_the_specification_shows_the_time_logged_on_the_activity(self):
        # 45 + 32.5 min logged, manager approves 60 min: the time logged shows
        activity = self.signed(minutes=(45, 32.5), parts=[], km=0)
        activity.with_user(self.manager).write(
            {"service_labour_adjusted": True, "service_approved_hours": 1.0}
        )
        activity.with_user(self.manager).action_service_approve()
        activity.with_user(self.manager).action_service_invoice()
        invoice = activity.service_invoice_id
        self.assertEqual(invoice.state, "posted")
        (row,) = invoice._service_specification_rows()
        self.assertEqual(row["worked_minutes"], 77.5)
        self.assertEqual((row["quantity"], row["covered"]), (60.0, 60.0))
        (cells,) = self.work_rows(invoice)
        # Date, Work, Technician, Time worked (min), Billed, Covered, Amount
        self.assertIn(activity.name, cells[1])
        self.assertEqual(cells[3], "77.5")
        self.assertEqual(cells[4:6], ["60.00 Minutes", "60.00 Minutes"])
