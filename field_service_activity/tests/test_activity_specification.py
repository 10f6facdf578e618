"""The invoice's specification shows the time the technicians logged on a
service activity next to what was billed."""

from odoo.addons.service_contract_quota.tests.specification_common import (
    specification_work_rows,
)

from .activity_billing_common import ActivityBillingCase


class TestActivitySpecification(ActivityBillingCase):
    def work_rows(self, invoice):
        return specification_work_rows(self.env, invoice)

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
