from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTicketTour(HttpCase):
    def test_technician_times_closes_and_bills_a_ticket(self):
        """Demo technician: start and stop the stopwatch twice on a ticket,
        close it, bill it, open the order."""
        technician = self.env.ref("service_contract_quota.user_technician_demo")
        team = self.env.ref("helpdesk_ticket_billing.helpdesk_team_support_demo")
        # a rule that bills every started minute (the tour's clock runs seconds)
        rule = self.env["service.rounding.rule"].create(
            {"name": "Every minute", "minimum_minutes": 1, "step_minutes": 1}
        )
        team.service_product_id.service_rounding_rule_id = rule
        customer = self.env["res.partner"].create({"name": "Tour Ticket Customer"})
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Tour ticket",
                "description": "<p>Keyboard types twice</p>",
                "partner_id": customer.id,
                "team_id": team.id,
                "project_id": team.default_project_id.id,
                "user_id": technician.id,
            }
        )
        # no other running timer of the technician
        self.env["account.analytic.line"].search(
            [("user_id", "=", technician.id), ("unit_amount", "=", 0)]
        ).write({"unit_amount": 0.1})
        self.start_tour(
            f"/odoo/action-helpdesk_mgmt.helpdesk_ticket_action/{ticket.id}",
            "helpdesk_ticket_billing_stopwatch",
            login="technician",
        )
        self.assertEqual(len(ticket.timesheet_ids), 2)
        self.assertTrue(ticket.closed)
        self.assertTrue(ticket.service_billed)
        line = ticket.service_sale_line_ids
        self.assertEqual(line.order_id.partner_id, customer)
        self.assertEqual(ticket.timesheet_ids.so_line, line)
        self.assertGreaterEqual(line.product_uom_qty, 1)
