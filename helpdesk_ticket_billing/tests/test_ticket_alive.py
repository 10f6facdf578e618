from freezegun import freeze_time

from .sla_common import SlaCase, berlin

RAW_EMAIL = """Return-Path: <pat@customer.example>
To: sla-desk@support.example
From: Pat Customer <pat@customer.example>
Subject: {subject}
Message-ID: <{message_id}>
{headers}Date: Fri, 13 Mar 2026 14:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 7bit

{body}
"""


def raw_email(subject, message_id, body="The printer prints blank pages.", **headers):
    return RAW_EMAIL.format(
        subject=subject,
        message_id=message_id,
        body=body,
        headers="".join(f"{name}: {value}\n" for name, value in headers.items()),
    )


class TestTicketAlive(SlaCase):
    """Whose move, silent customers' tickets closing themselves, a reply
    bringing them back, and tickets from e-mails."""

    def test_whose_move_follows_the_chatter_and_the_stage(self):
        with freeze_time(berlin(2026, 3, 16, 9)):
            ticket = self.sla_ticket()
        self.assertEqual(ticket.waiting_on, "us")
        with freeze_time(berlin(2026, 3, 16, 9, 30)):
            self.staff_writes(ticket)
        self.assertEqual(ticket.waiting_on, "customer")
        self.assertEqual(ticket.waiting_since, berlin(2026, 3, 16, 9, 30))
        self.assertEqual(ticket.sla_first_response_date, berlin(2026, 3, 16, 9, 30))
        with freeze_time(berlin(2026, 3, 16, 9, 45)):  # a note is not to the customer
            self.staff_writes(ticket, "Probably the toner.", note=True)
        self.assertEqual(ticket.waiting_on, "customer")
        self.assertEqual(ticket.last_staff_message_date, berlin(2026, 3, 16, 9, 30))
        with freeze_time(berlin(2026, 3, 16, 10)):
            self.customer_writes(ticket)
        self.assertEqual(ticket.waiting_on, "us")
        self.assertEqual(ticket.last_customer_message_date, berlin(2026, 3, 16, 10))
        self.assertEqual(ticket.sla_first_response_date, berlin(2026, 3, 16, 9, 30))
        with freeze_time(berlin(2026, 3, 16, 11)):
            ticket.with_user(self.technician).stage_id = self.awaiting
        self.assertEqual(ticket.waiting_on, "customer")
        self.assertEqual(ticket.waiting_since, berlin(2026, 3, 16, 11))
        # the kanban groups by it
        other = self.sla_ticket(name="Scanner")
        groups = self.env["helpdesk.ticket"]._read_group(
            [("id", "in", (ticket | other).ids)], ["waiting_on"], ["__count"]
        )
        self.assertEqual(sorted(groups), [("customer", 1), ("us", 1)])
        search = self.env["helpdesk.ticket"].get_views([(False, "search")])
        self.assertIn("group_waiting_on", search["views"]["search"]["arch"])
        ticket.stage_id = self.done
        self.assertFalse(ticket.waiting_on)

    def test_a_silent_customers_ticket_closes_itself_and_a_reply_reopens_it(self):
        with freeze_time(berlin(2026, 3, 16, 9)):
            ticket = self.sla_ticket()
        with freeze_time(berlin(2026, 3, 16, 10)):
            question = self.staff_writes(ticket, "Please restart the printer.")
        Ticket = self.env["helpdesk.ticket"]
        with freeze_time(berlin(2026, 3, 19, 9, 59)):  # not yet 3 days
            Ticket._cron_close_silent_tickets()
        self.assertFalse(ticket.closed)
        for _run in range(2):
            with freeze_time(berlin(2026, 3, 19, 10, 1)):
                Ticket._cron_close_silent_tickets()
        self.assertEqual(ticket.stage_id, self.done)
        self.assertTrue(ticket.auto_closed)
        self.assertEqual(ticket.closed_date, berlin(2026, 3, 19, 10, 1))
        polite = ticket.message_ids.filtered(
            lambda m: m.id > question.id and m.message_type == "comment"
        )
        self.assertEqual(len(polite), 1)
        self.assertIn("we have closed ticket", polite.body)
        self.assertIn("reply to this message", polite.body)
        self.assertEqual(polite.partner_ids, self.partner)
        self.assertEqual(polite.subject, f"{ticket.number} closed: {ticket.name}")
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking: no stage e-mail on top of it
        self.assertFalse(
            self.env["mail.mail"].search(
                [("res_id", "=", ticket.id), ("subject", "like", "has been closed")]
            )
        )
        # the customer answers the polite e-mail: the ticket comes back
        reply = raw_email(
            f"Re: {polite.subject}",
            "reply-1@customer.example",
            "Still broken, sorry for the delay.",
            **{"In-Reply-To": polite.message_id, "References": polite.message_id},
        )
        with freeze_time(berlin(2026, 3, 20, 9)):
            thread_id = Ticket.message_process(None, reply)
        self.assertEqual(thread_id, ticket.id)
        self.assertEqual(ticket.stage_id, self.in_progress)
        self.assertFalse(ticket.auto_closed)
        self.assertFalse(ticket.closed_date)
        self.assertEqual(ticket.waiting_on, "us")
        self.assertEqual(ticket.last_customer_message_date, berlin(2026, 3, 20, 9))

    def test_a_thank_you_on_a_solved_ticket_does_not_reopen_it(self):
        with freeze_time(berlin(2026, 3, 16, 9)):
            ticket = self.sla_ticket()
            ticket.stage_id = self.done
            self.customer_writes(ticket, "Thanks, works again!")
        self.assertEqual(ticket.stage_id, self.done)
        # a ticket closed by hand tells the customer with the stage's e-mail
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertTrue(
            self.env["mail.mail"].search(
                [("res_id", "=", ticket.id), ("subject", "like", "has been closed")]
            )
        )

    def test_a_team_may_keep_silent_tickets_open(self):
        self.team.auto_close_days = 0
        with freeze_time(berlin(2026, 3, 16, 9)):
            ticket = self.sla_ticket()
            ticket.stage_id = self.awaiting
        with freeze_time(berlin(2026, 4, 30, 9)):
            self.env["helpdesk.ticket"]._cron_close_silent_tickets()
        self.assertEqual(ticket.stage_id, self.awaiting)
        self.assertEqual(ticket.waiting_on, "customer")


class TestTicketByMail(SlaCase):
    """A customer's e-mail on the team's alias makes a ticket with its
    contract and deadlines, once."""

    def test_an_e_mail_gets_contract_and_deadlines_and_makes_one_ticket(self):
        self.env.user.tz = False  # the mail gateway has no time zone of its own
        Ticket = self.env["helpdesk.ticket"].with_context(tz=False)
        message = raw_email("Printer broken", "printer-1@customer.example")
        with freeze_time(berlin(2026, 3, 13, 15)):  # Friday, 15:00 in Berlin
            thread_id = Ticket.message_process(None, message)
        ticket = Ticket.browse(thread_id)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.partner_id, self.partner)
        self.assertEqual(ticket.service_contract_id, self.contract)
        self.assertEqual(ticket.sla_level_id, self.level)
        self.assertEqual(ticket.sla_response_deadline, berlin(2026, 3, 16, 11))
        self.assertEqual(ticket.sla_resolution_deadline, berlin(2026, 3, 17, 15))
        self.assertEqual(ticket.waiting_on, "us")
        self.assertEqual(ticket.last_customer_message_date, berlin(2026, 3, 13, 15))
        # the same e-mail again (a retried fetch): no second ticket
        with freeze_time(berlin(2026, 3, 13, 15, 5)):
            self.assertFalse(Ticket.message_process(None, message))
        self.assertEqual(Ticket.search_count([("partner_id", "=", self.partner.id)]), 1)
        self.assertEqual(
            ticket.message_ids.mapped("message_id"), ["<printer-1@customer.example>"]
        )
