from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form

from .sla_common import SlaCase, berlin


class TestTicketSla(SlaCase):
    """Deadlines in the team's working hours, from the contract's SLA level."""

    def test_deadlines_run_in_working_hours_over_a_weekend(self):
        with freeze_time(berlin(2026, 3, 13, 15)):  # a Friday, 15:00 in Berlin
            ticket = self.sla_ticket()
        self.assertEqual(ticket.sla_level_id, self.level)
        self.assertEqual(
            (ticket.sla_response_hours, ticket.sla_resolution_hours), (4, 16)
        )
        # 2 h on Friday, then Monday from 9:00
        self.assertEqual(ticket.sla_response_deadline, berlin(2026, 3, 16, 11))
        # 2 h Friday, 8 h Monday, 6 h Tuesday
        self.assertEqual(ticket.sla_resolution_deadline, berlin(2026, 3, 17, 15))
        self.assertEqual(ticket.sla_deadline, ticket.sla_response_deadline)
        self.assertEqual(ticket.sla_status, "running")
        # the warning comes at 75 % of the target: 3 working hours
        self.assertEqual(ticket.sla_response_warn_date, berlin(2026, 3, 16, 10))
        Ticket = self.env["helpdesk.ticket"]
        with freeze_time(berlin(2026, 3, 16, 10, 59)):
            self.assertNotIn(ticket, Ticket.search([("sla_overdue", "=", True)]))
        with freeze_time(berlin(2026, 3, 16, 11, 1)):
            self.assertIn(ticket, Ticket.search([("sla_overdue", "=", True)]))
            self.assertTrue(ticket.sla_overdue)

    def test_public_holidays_do_not_count(self):
        # Thursday before Easter, 16:00: 1 h, then Good Friday, the weekend and
        # Easter Monday are off, 3 h on Tuesday
        with freeze_time(berlin(2026, 4, 2, 16)):
            ticket = self.sla_ticket()
        self.assertEqual(ticket.sla_response_deadline, berlin(2026, 4, 7, 12))

    def test_a_daylight_saving_change_keeps_office_hours(self):
        # Berlin moves to summer time on Sunday 29 March 2026
        with freeze_time(berlin(2026, 3, 27, 16)):
            ticket = self.sla_ticket()
        self.assertEqual(ticket.sla_response_deadline, berlin(2026, 3, 30, 12))
        self.assertEqual(ticket.sla_response_deadline.hour, 10)  # UTC+2 now
        self.assertEqual(ticket.sla_resolution_deadline, berlin(2026, 3, 31, 16))

    def test_the_creators_time_zone_changes_nothing(self):
        self.technician.tz = "America/New_York"
        with freeze_time(berlin(2026, 3, 13, 15)):
            from_new_york = (
                self.env["helpdesk.ticket"]
                .with_user(self.technician)
                .with_context(tz="America/New_York")
                .create(
                    {
                        "name": "VPN drops",
                        "description": "<p>Every 10 minutes.</p>",
                        "partner_id": self.partner.id,
                        "team_id": self.team.id,
                    }
                )
            )
            from_tokyo = (
                self.env["helpdesk.ticket"]
                .with_context(tz="Asia/Tokyo")
                .create(
                    {
                        "name": "Mail is slow",
                        "description": "<p>Since Monday.</p>",
                        "partner_id": self.partner.id,
                        "team_id": self.team.id,
                    }
                )
            )
        for ticket in (from_new_york, from_tokyo):
            self.assertEqual(ticket.sla_response_deadline, berlin(2026, 3, 16, 11))
            self.assertEqual(ticket.sla_tz, "Europe/Berlin")

    def test_priority_and_category_changes_move_the_deadlines(self):
        with freeze_time(berlin(2026, 3, 13, 15)):
            ticket = self.sla_ticket()
        with Form(ticket) as form:  # the form shows the new deadlines at once
            form.priority = "3"  # very high: 1 h, 4 h
            self.assertEqual(form.sla_response_deadline, berlin(2026, 3, 13, 16))
        self.assertEqual(ticket.sla_response_deadline, berlin(2026, 3, 13, 16))
        self.assertEqual(ticket.sla_resolution_deadline, berlin(2026, 3, 16, 11))
        ticket.write({"priority": "1", "category_id": self.outage.id})  # 2 h, 8 h
        self.assertEqual(ticket.sla_response_deadline, berlin(2026, 3, 13, 17))
        self.assertEqual(ticket.sla_resolution_deadline, berlin(2026, 3, 16, 15))
        ticket.priority = "0"  # the level promises nothing for low priority
        self.assertFalse(ticket.sla_response_deadline)
        self.assertFalse(ticket.sla_status)
        # once answered, a later priority change does not rewrite the answer's SLA
        ticket.write({"priority": "1", "category_id": False})
        with freeze_time(berlin(2026, 3, 16, 10, 30)):
            self.staff_writes(ticket)
        self.assertEqual(ticket.sla_first_response_date, berlin(2026, 3, 16, 10, 30))
        self.assertEqual(ticket.sla_response_status, "met")
        ticket.priority = "3"
        self.assertEqual(ticket.sla_response_deadline, berlin(2026, 3, 16, 11))
        self.assertEqual(ticket.sla_response_status, "met")
        self.assertEqual(ticket.sla_resolution_deadline, berlin(2026, 3, 16, 11))

    def test_waiting_on_the_customer_stops_the_clock(self):
        self.assertTrue(self.awaiting.waiting_customer)
        with freeze_time(berlin(2026, 3, 16, 9)):  # Monday
            ticket = self.sla_ticket()
        with freeze_time(berlin(2026, 3, 16, 10)):
            ticket.with_user(self.technician).stage_id = self.awaiting
        # moving the ticket on answers the customer
        self.assertEqual(ticket.sla_first_response_date, berlin(2026, 3, 16, 10))
        self.assertEqual(ticket.sla_response_status, "met")
        self.assertEqual(ticket.waiting_on, "customer")
        self.assertFalse(ticket.sla_deadline)  # the clock stands still
        self.assertFalse(ticket.sla_resolution_deadline)
        with freeze_time(berlin(2026, 3, 17, 10)):  # the customer answers
            self.customer_writes(ticket)
        self.assertEqual(ticket.stage_id, self.in_progress)
        self.assertEqual(ticket.waiting_on, "us")
        self.assertEqual(
            [(p.date_start, p.date_end) for p in ticket.sla_pause_ids],
            [(berlin(2026, 3, 16, 10), berlin(2026, 3, 17, 10))],
        )
        # 1 h on Monday, the rest from Tuesday 10:00: 7 h, then 8 h Wednesday
        self.assertEqual(ticket.sla_resolution_deadline, berlin(2026, 3, 18, 17))
        self.assertEqual(ticket.sla_deadline, ticket.sla_resolution_deadline)
        with freeze_time(berlin(2026, 3, 18, 12)):
            ticket.stage_id = self.done
        self.assertEqual(ticket.sla_resolution_status, "met")
        self.assertEqual(ticket.sla_status, "met")
        self.assertFalse(ticket.sla_deadline)

    def test_warning_and_breach_activities_are_created_once(self):
        with freeze_time(berlin(2026, 3, 16, 9)):
            ticket = self.sla_ticket()
        Ticket = self.env["helpdesk.ticket"]
        warning = self.env.ref("helpdesk_ticket_billing.mail_activity_type_sla_warning")
        breach = self.env.ref("helpdesk_ticket_billing.mail_activity_type_sla_breach")

        def activities(kind):
            return ticket.activity_ids.filtered(lambda a: a.activity_type_id == kind)

        def mails():
            return self.env["mail.mail"].search(
                [
                    ("model", "=", "helpdesk.ticket"),
                    ("res_id", "=", ticket.id),
                    ("recipient_ids", "in", self.manager.partner_id.ids),
                    ("subject", "like", "SLA breached"),
                ]
            )

        with freeze_time(berlin(2026, 3, 16, 11, 59)):
            Ticket._cron_sla_alerts()
        self.assertFalse(ticket.activity_ids)
        for _run in range(2):
            with freeze_time(berlin(2026, 3, 16, 12)):
                Ticket._cron_sla_alerts()
        self.assertEqual(len(activities(warning)), 1)
        self.assertEqual(activities(warning).user_id, self.technician)
        self.assertIn("First response due by", activities(warning).summary)
        # in the technician's words: Berlin time, their language
        self.assertIn("1:00 PM", activities(warning).summary)
        self.assertFalse(activities(breach))
        for _run in range(2):
            with freeze_time(berlin(2026, 3, 16, 13)):
                Ticket._cron_sla_alerts()
        self.assertEqual(len(activities(breach)), 1)
        self.assertEqual(activities(breach).user_id, self.manager)
        self.assertEqual(len(mails()), 1)
        self.assertIn("SLA breached", mails().subject)
        self.assertIn("first response", mails().body_html)
        self.assertEqual(ticket.sla_response_status, "breached")
        self.assertEqual(ticket.sla_status, "breached")
        with freeze_time(berlin(2026, 3, 16, 14)):
            self.staff_writes(ticket)
        self.assertEqual(ticket.sla_response_status, "breached")  # answered late
        # the resolution is warned of and escalated on its own, once each
        for moment in (berlin(2026, 3, 17, 13), berlin(2026, 3, 17, 17)) * 2:
            with freeze_time(moment):
                Ticket._cron_sla_alerts()
        self.assertEqual(len(activities(warning)), 2)
        self.assertEqual(len(activities(breach)), 2)
        self.assertEqual(len(mails()), 2)
        self.assertIn("still open", mails()[0].body_html)
        self.assertEqual(ticket.sla_resolution_status, "breached")

    def test_a_ticket_past_its_deadline_is_escalated_not_only_warned(self):
        with freeze_time(berlin(2026, 3, 16, 9)):
            ticket = self.sla_ticket()
        with freeze_time(berlin(2026, 3, 16, 16)):  # the job did not run for hours
            self.env["helpdesk.ticket"]._cron_sla_alerts()
        self.assertEqual(
            ticket.activity_ids.activity_type_id,
            self.env.ref("helpdesk_ticket_billing.mail_activity_type_sla_breach"),
        )
        self.assertTrue(ticket.sla_response_warned)

    def test_a_contract_level_wins_over_the_teams_and_none_is_none(self):
        premium = self.env["helpdesk.sla.level"].create({"name": "Premium"})
        self.team.sla_level_id = premium
        with freeze_time(berlin(2026, 3, 16, 9)):
            covered = self.sla_ticket()
            walk_in = self.sla_ticket(partner_id=self.partner_b.id)
            self.team.sla_level_id = False
            nothing = self.sla_ticket(partner_id=self.partner_b.id)
        self.assertEqual(covered.sla_level_id, self.level)
        self.assertEqual(walk_in.sla_level_id, premium)
        self.assertFalse(nothing.sla_level_id)
        self.assertFalse(nothing.sla_deadline)
        self.assertFalse(nothing.sla_status)

    def test_technicians_read_levels_and_managers_configure_them(self):
        as_tech = self.level.with_user(self.technician)
        self.assertEqual(
            sorted(as_tech.target_ids.mapped("first_response_hours")), [1, 2, 4]
        )
        with self.assertRaises(AccessError):
            as_tech.write({"name": "Gold"})
        with self.assertRaises(AccessError):
            self.env["helpdesk.sla.level"].with_user(self.technician).create(
                {"name": "Gold"}
            )
        with self.assertRaises(AccessError):
            as_tech.target_ids[0].write({"first_response_hours": 40})
        level = (
            self.env["helpdesk.sla.level"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Gold",
                    "target_ids": [
                        Command.create({"priority": "1", "first_response_hours": 1})
                    ],
                }
            )
        )
        self.contract.with_user(self.manager).sla_level_id = level
        self.assertEqual(self.contract.sla_level_id, level)

    def test_bad_targets_and_settings_are_refused(self):
        targets = self.level.target_ids
        with self.assertRaises(ValidationError):  # answer after the solution
            targets.filtered(lambda t: t.priority == "3").first_response_hours = 30
        with self.assertRaises(ValidationError):  # two targets for one case
            self.level.write(
                {
                    "target_ids": [
                        Command.create({"priority": "3", "resolution_hours": 9})
                    ]
                }
            )
        with self.assertRaises(ValidationError):
            targets[0].write({"resolution_hours": -1})
        with self.assertRaises(ValidationError):
            self.level.write({"warning_percent": 100})
        with self.assertRaises(ValidationError):
            self.team.write({"auto_close_days": -1})
        empty = self.env["resource.calendar"].create(
            {"name": "Never", "attendance_ids": [Command.clear()]}
        )
        with self.assertRaises(ValidationError):
            self.team.resource_calendar_id = empty
        self.assertEqual(len(self.level.target_ids), 3)
        self.assertEqual(sorted(targets.mapped("first_response_hours")), [1, 2, 4])
        self.assertEqual(self.level.warning_percent, 75)
        self.assertEqual(self.team.auto_close_days, 3)
        self.assertEqual(self.team.resource_calendar_id, self.calendar)

    def test_deadlines_of_many_tickets_cost_the_queries_of_one(self):
        with freeze_time(berlin(2026, 3, 16, 9)):
            tickets = self.env["helpdesk.ticket"].browse(
                self.sla_ticket(name=f"Ticket {n}").id for n in range(20)
            )
            tickets[3].stage_id = self.awaiting  # one with a pause
        names = (
            "sla_level_id",
            "sla_response_hours",
            "sla_response_deadline",
            "sla_deadline",
            "waiting_on",
        )
        fields = [tickets._fields[name] for name in names]

        def recompute_count(records):
            self.env.invalidate_all()
            for field in fields:
                self.env.add_to_compute(field, records)
            before = self.cr.sql_log_count
            records.flush_recordset()
            return self.cr.sql_log_count - before

        recompute_count(tickets)  # warm caches of the ORM
        one = recompute_count(tickets[3])  # the one with a pause
        self.assertGreater(one, 3)  # contracts, calendar, holidays, pauses...
        self.assertEqual(recompute_count(tickets), one)
