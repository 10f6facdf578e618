from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from odoo import Command

from .common import TicketCase

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(*args):
    """A wall-clock time in Berlin as Odoo stores it (naive UTC)."""
    return datetime(*args, tzinfo=BERLIN).astimezone(UTC).replace(tzinfo=None)


class SlaCase(TicketCase):
    """TicketCase's customer and contract sold with a Standard SLA level, the
    support team working Monday to Friday 9 to 17 in Berlin (Good Friday and
    Easter Monday 2026 off), led by the manager, the technician assigned."""

    @classmethod
    def default_env_context(cls):
        return {}  # mail on: messages, notifications and tracking are tested

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Berlin office",
                "tz": "Europe/Berlin",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 9,
                            "hour_to": 17,
                            "day_period": "morning",
                        }
                    )
                    for day in range(5)
                ],
            }
        )
        cls.env["resource.calendar.leaves"].create(
            [
                {
                    "name": name,
                    "calendar_id": cls.calendar.id,
                    "date_from": berlin(2026, 4, day),
                    "date_to": berlin(2026, 4, day, 23, 59, 59),
                }
                for name, day in (("Good Friday", 3), ("Easter Monday", 6))
            ]
        )
        cls.manager.write({"email": "lead@support.example", "tz": "Europe/Berlin"})
        cls.technician.write({"email": "tech@support.example", "tz": "Europe/Berlin"})
        domain = cls.env["mail.alias.domain"].create({"name": "support.example"})
        cls.team.write(
            {
                "resource_calendar_id": cls.calendar.id,
                "user_id": cls.manager.id,
                "user_ids": [Command.set([cls.technician.id, cls.manager.id])],
                "alias_name": "sla-desk",
                "alias_domain_id": domain.id,
            }
        )
        cls.outage = cls.env["helpdesk.ticket.category"].create({"name": "Outage"})
        cls.level = cls.env["helpdesk.sla.level"].create(
            {
                "name": "Standard",
                "warning_percent": 75,
                "target_ids": [
                    Command.create(
                        {
                            "priority": "1",
                            "first_response_hours": 4,
                            "resolution_hours": 16,
                        }
                    ),
                    Command.create(
                        {
                            "priority": "3",
                            "first_response_hours": 1,
                            "resolution_hours": 4,
                        }
                    ),
                    Command.create(
                        {
                            "priority": "1",
                            "category_id": cls.outage.id,
                            "first_response_hours": 2,
                            "resolution_hours": 8,
                        }
                    ),
                ],
            }
        )
        cls.contract.sla_level_id = cls.level
        cls.partner.email = "pat@customer.example"
        cls.awaiting = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        cls.in_progress = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")

    def sla_ticket(self, **vals):
        """A ticket of the customer for the team, assigned to the technician."""
        return self.env["helpdesk.ticket"].create(
            {
                "name": "Printer prints blank pages",
                "description": "<p>Since this morning.</p>",
                "partner_id": self.partner.id,
                "team_id": self.team.id,
                "user_id": self.technician.id,
                **vals,
            }
        )

    def staff_writes(self, ticket, body="Which printer is it?", note=False):
        subtype = "mail.mt_note" if note else "mail.mt_comment"
        return ticket.with_user(self.technician).message_post(
            body=body, message_type="comment", subtype_xmlid=subtype
        )

    def customer_writes(self, ticket, body="It is the one on the 2nd floor."):
        return ticket.message_post(
            body=body,
            author_id=self.partner.id,
            message_type="email",
            subtype_xmlid="mail.mt_comment",
        )
