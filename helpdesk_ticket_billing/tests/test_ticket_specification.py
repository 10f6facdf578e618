"""The invoice's specification shows the time logged on a ticket next to the
rounded, billed quantity."""

from odoo.addons.service_contract_quota.tests.specification_common import (
    specification_work_rows,
)

from .common import TicketCase


class TestTicketSpecification(TicketCase):
    def work_rows(self, invoice):
        return specification_work_rows(self.env, invoice)

    def test_the_specification_shows_the_time_logged_on_each_ticket(self):
        first = self.ticket([7, 12])  # 19 min logged, 20 billed (rule)
        second = self.ticket([25.5], name="Mail server down")  # 26 min... 30
        # time logged on another ticket is not this ticket's
        self.ticket([40], name="Not billed with them", closed=None)
        first.action_service_bill()
        second.action_service_bill()
        orders = first.service_sale_order_id | second.service_sale_order_id
        orders.action_confirm()
        invoice = orders._create_invoices()
        invoice.action_post()
        rows = invoice._service_specification_rows()
        self.assertEqual(
            [(row["worked_minutes"], row["quantity"]) for row in rows],
            [(19.0, 20.0), (25.5, 30.0)],
        )
        cells = self.work_rows(invoice)
        self.assertEqual(len(cells), 2)
        # Date, Work, Technician, Time worked (min), Billed, Covered, Amount
        self.assertIn(first.number, cells[0][1])
        self.assertEqual([row[3] for row in cells], ["19.0", "25.5"])
        self.assertEqual([row[4] for row in cells], ["20.00 Minutes", "30.00 Minutes"])
