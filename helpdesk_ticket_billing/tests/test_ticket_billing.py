from datetime import date

from odoo import Command
from odoo.exceptions import UserError, ValidationError

from .common import TicketCase


class TestTicketBilling(TicketCase):
    """A ticket knows its contract and is billed once, through the engine."""

    def test_a_ticket_gets_the_covering_contract_and_a_manager_may_change_it(self):
        ticket = self.ticket(closed=None)
        self.assertEqual(ticket.service_quota_id, self.quota)
        self.assertEqual(ticket.service_contract_id, self.contract)
        self.assertEqual(ticket.service_quota_remaining, 600)
        self.assertTrue(ticket.service_billable)
        self.assertEqual(ticket.service_product_id, self.remote)
        other = self.ticket(closed=None, partner=self.partner_b)
        self.assertFalse(other.service_quota_id)  # no contract
        # a technician may not choose the quota, over RPC either
        with self.assertRaises(UserError):
            other.with_user(self.technician).write({"service_quota_id": self.quota.id})
        self.assertFalse(other.service_quota_id)
        spare = self._quota(self.contract, allowance=60, products=self.remote)
        ticket.with_user(self.manager).service_quota_id = spare
        self.assertTrue(ticket.service_quota_manual)
        ticket.partner_id = self.partner_b  # a manager's choice stays
        self.assertEqual(ticket.service_quota_id, spare)

    def test_free_categories_and_teams_are_not_billed(self):
        warranty = self.env["helpdesk.ticket.category"].create(
            {"name": "Warranty", "service_billable": False}
        )
        ticket = self.ticket([30], category_id=warranty.id)
        self.assertFalse(ticket.service_billable)
        with self.assertRaises(ValidationError):
            ticket.action_service_bill()
        self.assertFalse(ticket.service_billed)
        self.assertEqual(self.quota.period_used, 0)

    def test_bill_now_rounds_the_time_and_links_the_timesheets(self):
        ticket = self.ticket([7, 12])  # 19 min: 10 min minimum, 5 min steps
        action = ticket.with_user(self.technician).action_service_bill()
        order = ticket.service_sale_order_id
        self.assertEqual(action["res_id"], order.id)
        self.assertEqual(order.partner_id, self.partner)
        self.assertEqual(order.order_line.mapped("product_uom_qty"), [20])
        self.assertEqual(order.order_line.discount, 100)
        self.assertIn(ticket.number, order.order_line.name)
        self.assertEqual(self.quota.period_used, 20)
        self.assertEqual(ticket.timesheet_ids.so_line, order.order_line)
        # what Odoo derives from the link is stored (written in one statement)
        ticket.timesheet_ids.invalidate_recordset()
        self.assertEqual(
            set(ticket.timesheet_ids.mapped("timesheet_invoice_type")),
            {"billable_fixed"},
        )
        self.assertEqual((ticket.service_quantity, ticket.service_amount), (20, 0))
        # rounded per entry when the rule says so (a new ticket)
        self.rule.apply_to = "entry"
        second = self.ticket([7, 12], name="Scanner")
        second.action_service_bill()
        self.assertEqual(second.service_quantity, 25)  # 10 + 15
        # billing again opens the same order, bills nothing more
        again = ticket.action_service_bill()
        self.assertEqual(again["res_id"], order.id)
        self.assertEqual(self.quota.period_used, 45)

    def test_linked_entries_store_the_invoice_type_odoo_computes(self):
        """The link computes Odoo's invoice type once per group of entries
        with the same inputs: each entry must get what Odoo's own computation
        gives it alone (amounts above, at and below zero; hours at zero;
        delivered-by-timesheet and ordered products; two projects)."""
        hour = self.env.ref("uom.product_uom_hour")
        by_timesheet = self.env["product.product"].create(
            dict(
                self._service("Hours on timesheets", hour, 60),
                invoice_policy="delivery",
                service_type="timesheet",
            )
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 1})
                    for product in (by_timesheet, self.remote)
                ],
            }
        )
        other_project = self.project.copy({"name": "Field desk"})
        entries = self.env["account.analytic.line"]
        for project in (self.project, other_project):
            for amount, hours in ((-30, 0.5), (0, 0.5), (45, 0.5), (30, 0), (-5, 1)):
                entry = self.env["account.analytic.line"].create(
                    {
                        "name": f"Entry {amount} {hours}",
                        "project_id": project.id,
                        "employee_id": self.employee.id,
                        "unit_amount": hours,
                    }
                )
                entry.amount = amount  # not the employee's cost
                entries |= entry
        lines = order.order_line
        links = {entry.id: lines[n % 2].id for n, entry in enumerate(entries)}
        self.env["account.analytic.line"].sudo()._service_link_sale_lines(links)
        entries.invalidate_recordset()
        stored = {entry.id: entry.timesheet_invoice_type for entry in entries}
        self.assertGreater(len(set(stored.values())), 2)
        for entry in entries:  # Odoo's computation, one entry at a time
            entry._compute_timesheet_invoice_type()
            self.assertEqual(entry.timesheet_invoice_type, stored[entry.id], entry.name)
            self.assertEqual(entry.so_line.id, links[entry.id])

    def test_billed_time_cannot_be_changed_or_added_to(self):
        ticket = self.ticket([30])
        ticket.action_service_bill()
        line = ticket.timesheet_ids
        for user in (self.technician, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    line.with_user(user).write({"unit_amount": 2})
                with self.assertRaises(UserError):
                    line.with_user(user).unlink()
        with self.assertRaises(UserError):
            self.env["account.analytic.line"].create(
                {
                    "name": "More",
                    "ticket_id": ticket.id,
                    "project_id": self.project.id,
                    "employee_id": self.employee.id,
                    "unit_amount": 1,
                }
            )
        with self.assertRaises(UserError):
            ticket.write({"service_billable": False})
        self.assertEqual(line.unit_amount, 0.5)
        self.assertEqual(len(ticket.timesheet_ids), 1)

    def test_a_context_flag_over_rpc_does_not_unlock_billed_time(self):
        ticket = self.ticket([30, 0])  # a zero entry is not billed, still locked
        ticket.action_service_bill()
        as_tech = self.env["account.analytic.line"].with_user(self.technician)
        for line in ticket.timesheet_ids:
            with self.assertRaises(UserError):
                as_tech.browse(line.id).with_context(service_billing=True).write(
                    {"unit_amount": 5}
                )
        with self.assertRaises(UserError):
            ticket.with_user(self.manager).with_context(service_billing=True).write(
                {"partner_id": self.partner_b.id}
            )
        self.assertEqual(sorted(ticket.timesheet_ids.mapped("unit_amount")), [0, 0.5])
        self.assertEqual(ticket.partner_id, self.partner)

    def test_the_sla_clock_and_whose_move_are_kept_by_the_server(self):
        ticket = self.ticket(closed=None)
        as_tech = ticket.with_user(self.technician)
        for field, value in (
            ("sla_first_response_date", "2026-01-01 00:00:00"),
            ("sla_start_date", "2027-01-01 00:00:00"),
            ("sla_resolution_escalated", True),
            ("auto_closed", True),
            ("service_cap_notified", True),
        ):
            with self.subTest(field=field), self.assertRaises(UserError):
                as_tech.write({field: value})
        with self.assertRaises(UserError):
            self.env["helpdesk.ticket"].with_user(self.technician).create(
                {
                    "name": "Backdated",
                    "description": "<p>x</p>",
                    "partner_id": self.partner.id,
                    "sla_start_date": "2020-01-01 00:00:00",
                }
            )
        self.assertFalse(ticket.sla_first_response_date)
        self.assertFalse(ticket.auto_closed)

    def test_cancelling_the_order_releases_the_ticket_to_be_billed_again(self):
        ticket = self.ticket([30])
        ticket.action_service_bill()
        order = ticket.service_sale_order_id
        order.with_user(self.manager)._action_cancel()
        self.assertFalse(ticket.service_billed)
        self.assertFalse(ticket.timesheet_ids.so_line)
        ticket.timesheet_ids.invalidate_recordset()
        self.assertEqual(ticket.timesheet_ids.timesheet_invoice_type, "non_billable")
        self.assertEqual(self.quota.period_used, 0)
        ticket.timesheet_ids.unit_amount = 0.75  # can be corrected now
        ticket.action_service_bill()
        self.assertNotEqual(ticket.service_sale_order_id, order)
        self.assertEqual(ticket.service_quantity, 45)
        self.assertEqual(self.quota.period_used, 45)

    def test_an_incident_quota_consumes_one_per_ticket(self):
        unit_rule = self.env.ref("service_contract_quota.service_rounding_rule_unit")
        self.incident.service_rounding_rule_id = unit_rule
        incidents = self._quota(
            self.contract, allowance=2, products=self.incident, unit="session"
        )
        self.team.service_product_id = self.incident
        tickets = [self.ticket([minutes], name=f"T{minutes}") for minutes in (5, 90, 0)]
        for ticket in tickets:
            ticket.action_service_bill()
        self.assertEqual([t.service_quantity for t in tickets], [1, 1, 1])
        self.assertEqual([t.service_covered_quantity for t in tickets], [1, 1, 0])
        self.assertEqual(incidents.period_used, 2)
        self.assertEqual(tickets[2].service_amount, 45)

    def test_open_tickets_and_tickets_without_time_are_refused(self):
        for ticket in (self.ticket([30], closed=None), self.ticket([])):
            with self.assertRaises(ValidationError):
                ticket.action_service_bill()
            self.assertFalse(ticket.service_billed)
        self.assertFalse(self.quota.move_ids)

    def test_a_back_dated_close_bills_on_its_own_period(self):
        ticket = self.ticket([30], closed=date(2026, 2, 27))
        ticket.action_service_bill()
        move = self.quota.move_ids
        self.assertEqual(move.date, date(2026, 2, 27))
        self.assertEqual(self.quota.period_used, 0)  # March untouched
