from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.service_contract_quota.tests.common import MANAGER


@tagged("post_install", "-at_install")
class TestHelpdeskBoardTour(HttpCase):
    def test_manager_reads_the_board(self):
        new_test_user(self.env, "sbs-board-manager", groups=MANAGER)
        customer = self.env["res.partner"].create(
            {"name": "Board Customer", "is_company": True}
        )
        level = self.env["helpdesk.sla.level"].create(
            {
                "name": "Board level",
                "target_ids": [
                    Command.create(
                        {
                            "priority": "1",
                            "first_response_hours": 1,
                            "resolution_hours": 8,
                        }
                    )
                ],
            }
        )
        self.env["contract.contract"].create(
            {
                "name": "Board contract",
                "partner_id": customer.id,
                "line_recurrence": True,
                "sla_level_id": level.id,
            }
        )
        always = self.env["resource.calendar"].create(
            {
                "name": "Always",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": str(day),
                            "dayofweek": str(day),
                            "hour_from": 0,
                            "hour_to": 24,
                            "day_period": "morning",
                        }
                    )
                    for day in range(7)
                ],
            }
        )
        team = self.env["helpdesk.ticket.team"].create(
            {"name": "Board desk", "resource_calendar_id": always.id}
        )
        project = self.env["project.project"].create(
            {"name": "Board project", "allow_timesheets": True}
        )
        Ticket = self.env["helpdesk.ticket"]
        late, waiting = Ticket.create(
            [
                {
                    "name": name,
                    "description": "<p>Board</p>",
                    "partner_id": customer.id,
                    "team_id": team.id,
                    "project_id": project.id,
                    "sla_start_date": fields.Datetime.now() - timedelta(hours=3),
                }
                for name in ("Board late ticket", "Board waiting ticket")
            ]
        )
        waiting.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        self.assertTrue(late.sla_overdue)
        self.assertFalse(waiting.sla_overdue)
        self.env["account.analytic.line"].create(
            {
                "name": "Looked at it",
                "ticket_id": late.id,
                "project_id": project.id,
                "unit_amount": 0.5,
                "employee_id": self.env["hr.employee"]
                .create({"name": "Board tech"})
                .id,
            }
        )
        self.start_tour(
            "/odoo", "helpdesk_ticket_billing_board", login="sbs-board-manager"
        )
