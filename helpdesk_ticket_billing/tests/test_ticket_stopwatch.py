from datetime import datetime, timedelta

from odoo.exceptions import UserError, ValidationError

from .common import TicketCase

NOW = datetime(2026, 3, 15, 10, 0)  # QuotaCase's frozen clock


class TestTicketStopwatch(TicketCase):
    """The tickets' stopwatch (OCA project_timesheet_time_control) stores what
    it measured or refuses: the stock code stores a stop before the start as
    23 h, 26 h as 2 h and a future start as a negative duration."""

    def start(self, ticket, at=None):
        action = ticket.button_start_work()
        wizard = (
            self.env[action["res_model"]]
            .with_context(
                active_id=ticket.id,
                active_ids=ticket.ids,
                active_model=ticket._name,
                **action.get("context", {}),
            )
            .create({"name": "Work", "date_time": at or NOW})
        )
        wizard.action_switch()
        return wizard

    def running(self):
        return self.env["account.analytic.line"].search(
            [
                ("employee_id", "=", self.employee.id),
                ("unit_amount", "=", 0),
                ("date_time", "!=", False),
                ("project_id", "!=", False),
            ]
        )

    def test_a_stop_before_the_start_is_refused(self):
        ticket = self.ticket(closed=None)
        self.start(ticket, NOW - timedelta(hours=1))
        line = self.running()
        with self.assertRaises(ValidationError):
            line.date_time_end = NOW - timedelta(hours=2)  # stock: 23 h
        with self.assertRaises(ValidationError):
            line.with_context(stop_dt=NOW - timedelta(hours=3)).button_end_work()
        self.assertEqual(line.unit_amount, 0)

    def test_a_long_span_is_stored_whole(self):
        ticket = self.ticket(closed=None)
        self.start(ticket, NOW - timedelta(hours=30))
        line = self.running()
        line.date_time_end = line.date_time + timedelta(hours=26)  # stock: 2 h
        self.assertEqual(line.unit_amount, 26)

    def test_a_start_in_the_future_cannot_be_stopped_into_a_negative_duration(self):
        ticket = self.ticket(closed=None)
        self.start(ticket, NOW + timedelta(hours=2))
        line = self.running()
        with self.assertRaises(ValidationError):
            ticket.button_end_work()  # stock: -2 h
        self.assertEqual(line.unit_amount, 0)
        with self.assertRaises(ValidationError):
            line.unit_amount = -1

    def test_one_running_per_technician_and_it_survives_a_restart(self):
        first = self.ticket(closed=None, name="First")
        second = self.ticket(closed=None, name="Second")
        self.start(first, NOW - timedelta(minutes=50))
        self.env.invalidate_all()  # a closed browser, a restarted server
        self.assertEqual(first.show_time_control, "stop")
        self.start(second, NOW - timedelta(minutes=20))
        # starting the second stopped the first when the second started
        self.assertAlmostEqual(first.timesheet_ids.unit_amount, 0.5)
        self.assertEqual(self.running().ticket_id, second)
        second.button_end_work()
        self.assertAlmostEqual(second.timesheet_ids.unit_amount, 20 / 60)

    def test_an_exhausted_quota_and_the_cost_cap_warn_before_work(self):
        self.team.service_cap_hours = 1
        self.team.user_id = self.manager
        ticket = self.ticket([70], closed=None)  # 70 min logged, over 1 h
        self.bill_lines(self.remote, 600)  # the month's quota is used up
        action = ticket.button_start_work()
        warnings = action["context"]["service_warnings"]
        self.assertIn("used up", warnings)
        self.assertIn("over its cap of 1 h", warnings)
        wizard = self.start(ticket)
        self.assertIn("used up", wizard.service_warnings)
        activities = ticket.activity_ids.filtered(
            lambda a: a.summary == "Incident: ticket over its cap"
        )
        self.assertEqual(activities.user_id, self.manager)
        ticket.button_end_work()
        self.start(ticket)  # once only
        self.assertEqual(
            len(ticket.activity_ids.filtered(lambda a: "cap" in (a.summary or ""))), 1
        )

    def test_a_contract_asking_for_a_quotation_blocks_work_until_accepted(self):
        self.contract.service_quote_required = True
        ticket = self.ticket(closed=None)
        with self.assertRaises(UserError):
            ticket.button_start_work()
        quotation = self.env["sale.order"].create(
            {
                "partner_id": self.partner.id,
                "order_line": [
                    (0, 0, {"product_id": self.remote.id, "product_uom_qty": 60})
                ],
            }
        )
        ticket.service_quotation_id = quotation
        with self.assertRaises(UserError):
            ticket.button_start_work()  # sent, not accepted yet
        quotation.action_confirm()
        self.start(ticket)
        self.assertEqual(self.running().ticket_id, ticket)
