from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestRemoteConsoleTour(HttpCase):
    def test_demo_technician_runs_a_session_from_the_console(self):
        """Demo technician: console, start, tick (form + systray), pause, resume,
        finish, sale order with the covered line at 100 % discount."""
        technician = self.env.ref("service_contract_quota.user_technician_demo")
        # The demo paused session would open instead of a new one.
        self.env["service.remote.session"].search(
            [
                ("user_id", "=", technician.id),
                ("state", "in", ("draft", "running", "paused")),
            ]
        ).action_cancel(reason="Tour set-up")
        product = self.env.company.service_remote_product_id
        self.assertTrue(product, "demo data sets the default remote service")
        customer = self.env["res.partner"].create(
            {
                "name": "Tour Remote Customer",
                "is_company": True,
                "service_support_note": "Call Bob first",
            }
        )
        contract = self.env["contract.contract"].create(
            {
                "name": "Tour remote contract",
                "partner_id": customer.id,
                "date_start": date(2020, 1, 1),
                "line_recurrence": True,
            }
        )
        self.env["service.quota"].create(
            {
                "name": "60 min",
                "contract_id": contract.id,
                "allowance": 60,
                "product_ids": [Command.set(product.ids)],
                "rounding_rule_id": self.env.ref(
                    "service_contract_quota.service_rounding_rule_minute"
                ).id,
            }
        )
        self.start_tour("/odoo", "service_remote_timer_console", login="technician")
        session = self.env["service.remote.session"].search(
            [("partner_id", "=", customer.id)]
        )
        self.assertEqual(len(session), 1)
        self.assertEqual(session.state, "done")
        self.assertEqual(len(session.interval_ids), 2, "paused once, resumed once")
        line = session.service_sale_order_id.order_line
        self.assertEqual(line.discount, 100.0)
        self.assertTrue(line.service_covered)
        self.assertEqual(session.timesheet_ids.employee_id.user_id, technician)

    def test_systray_pauses_resumes_and_opens_the_console(self):
        """A session started elsewhere (10 min ago) shows in the systray, which
        pauses, resumes and opens it."""
        technician = self.env.ref("service_contract_quota.user_technician_demo")
        self.env["service.remote.session"].search(
            [("user_id", "=", technician.id), ("state", "in", ("running", "paused"))]
        ).action_cancel(reason="Tour set-up")
        customer = self.env["res.partner"].create({"name": "Systray Customer"})
        session = (
            self.env["service.remote.session"]
            .with_user(technician)
            .create({"partner_id": customer.id})
        )
        ten_minutes_ago = fields.Datetime.now() - timedelta(minutes=10, seconds=5)
        with freeze_time(ten_minutes_ago):
            session.action_start()
        self.start_tour("/odoo", "service_remote_timer_systray", login="technician")
        self.assertEqual(session.state, "running")
        self.assertEqual(len(session.interval_ids), 2, "paused and resumed once")

    def test_connect_from_a_new_session_starts_the_clock(self):
        """New session, customer, one click on its AnyDesk ID: saved and running."""
        technician = self.env.ref("service_contract_quota.user_technician_demo")
        self.env["service.remote.session"].search(
            [("user_id", "=", technician.id), ("state", "in", ("running", "paused"))]
        ).action_cancel(reason="Tour set-up")
        customer = self.env["res.partner"].create(
            {"name": "Connect Customer", "is_company": True}
        )
        anydesk = self.env.ref("service_remote_timer.service_remote_tool_anydesk")
        self.env["service.remote.access"].create(
            {"partner_id": customer.id, "tool_id": anydesk.id, "remote_id": "555 111"}
        )
        self.start_tour("/odoo", "service_remote_timer_connect", login="technician")
        session = self.env["service.remote.session"].search(
            [("partner_id", "=", customer.id)]
        )
        self.assertEqual(session.state, "running")
        self.assertEqual(session.interval_ids.tool_id, anydesk)
