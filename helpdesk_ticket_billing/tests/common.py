from datetime import date, datetime

from odoo.addons.service_contract_quota.tests.common import QuotaCase


class TicketCase(QuotaCase):
    """QuotaCase's customers and quota, a support team billing remote minutes
    on a timesheet project, and tickets with time logged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env["project.project"].create(
            {"name": "Support desk", "allow_timesheets": True}
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Support",
                "allow_timesheet": True,
                "default_project_id": cls.project.id,
                "service_product_id": cls.remote.id,
            }
        )
        cls.employee = cls.env["hr.employee"].create(
            {"name": "Tess", "user_id": cls.env.user.id}
        )
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.rule = cls.env["service.rounding.rule"].create(
            {"name": "10 min, then 5", "minimum_minutes": 10, "step_minutes": 5}
        )
        cls.quota.rounding_rule_id = cls.rule
        cls.remote.service_rounding_rule_id = cls.rule

    def ticket(self, minutes=(), partner=None, closed=date(2026, 3, 10), **vals):
        """A ticket of ``partner`` with one timesheet line per entry of
        ``minutes``, closed on ``closed`` (None: left open)."""
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": vals.pop("name", "Printer prints blank pages"),
                "description": "<p>Since this morning.</p>",
                "partner_id": (partner or self.partner).id,
                "team_id": self.team.id,
                "project_id": self.project.id,
                **vals,
            }
        )
        for n, entry in enumerate(minutes):
            self.env["account.analytic.line"].create(
                {
                    "name": f"Work {n}",
                    "ticket_id": ticket.id,
                    "project_id": self.project.id,
                    "employee_id": self.employee.id,
                    "unit_amount": entry / 60,
                    "date": closed or self.TODAY,
                }
            )
        if closed:
            ticket.stage_id = self.done  # helpdesk_mgmt stamps it closed now
            ticket.closed_date = datetime.combine(closed, datetime.min.time())
        return ticket
