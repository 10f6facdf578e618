from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import HttpCase, tagged


class ConsoleTourCase(HttpCase):
    """The demo technician with no open session, and helpers for customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.technician = cls.env.ref("service_contract_quota.user_technician_demo")
        cls.Session = cls.env["service.remote.session"]
        cls.Session.search(
            [
                ("user_id", "=", cls.technician.id),
                ("state", "in", ("draft", "running", "paused")),
            ]
        ).action_cancel(reason="Tour set-up")
        cls.product = cls.env.company.service_remote_product_id
        cls.product.list_price = 1.5
        cls.minute_rule = cls.env.ref(
            "service_contract_quota.service_rounding_rule_minute"
        )

    @classmethod
    def customer(cls, name, start=None, end=None, allowance=None, **quota):
        """A customer; with ``start``, a contract and a minute quota."""
        partner = cls.env["res.partner"].create({"name": name, "is_company": True})
        if start:
            contract = cls.env["contract.contract"].create(
                {
                    "name": f"{name} contract",
                    "partner_id": partner.id,
                    "date_start": start,
                    "date_end": end,
                    "line_recurrence": True,
                }
            )
            cls.env["service.quota"].create(
                {
                    "name": f"{name} quota",
                    "contract_id": contract.id,
                    "allowance": allowance,
                    "product_ids": [Command.set(cls.product.ids)],
                    "rounding_rule_id": cls.minute_rule.id,
                    **quota,
                }
            )
        return partner

    def use_quota(self, partner, minutes):
        """Bill ``minutes`` of earlier work of ``partner`` against its quota."""
        self.env["service.billing"].bill(
            [
                {
                    "partner_id": partner.id,
                    "product_id": self.product.id,
                    "quantity": minutes,
                    "source": self.env["res.partner"].create({"name": "Earlier work"}),
                }
            ]
        )

    def running_session(self, partner, minutes_ago):
        """A session of the technician started ``minutes_ago``, still running."""
        session = self.Session.with_user(self.technician).create(
            {"partner_id": partner.id}
        )
        with freeze_time(fields.Datetime.now() - timedelta(minutes=minutes_ago)):
            session.action_start()
        return session


@tagged("post_install", "-at_install")
class TestConsoleTours(ConsoleTourCase):
    def test_choosing_a_customer_says_what_they_pay(self):
        """Low, exhausted, ended, not started and no contract: the banner and
        its price as each customer is chosen."""
        this_month = fields.Date.today().replace(day=1)
        low = self.customer("Banner Low Co", this_month, allowance=60)
        self.use_quota(low, 50)
        exhausted = self.customer(
            "Banner Exhausted Co",
            this_month,
            allowance=30,
            tier_ids=[Command.create({"from_quantity": 0, "price": 1.2})],
        )
        self.use_quota(exhausted, 30)
        self.customer("Banner Ended Co", date(2020, 1, 1), date(2020, 12, 31), 60)
        self.customer("Banner Future Co", date(2099, 1, 1), allowance=60)
        self.customer("Banner Nothing Co")
        self.start_tour(
            "/odoo", "service_remote_timer_price_banners", login="technician"
        )
        session = self.Session.search([("user_id", "=", self.technician.id)], limit=1)
        self.assertEqual(session.partner_id.name, "Banner Nothing Co")
        self.assertEqual(session.state, "draft")

    def test_the_live_bill_is_what_pause_shows_and_the_console_follows_rpc(self):
        """A clock started 4 min 40 s ago against 3 covered minutes: the bill
        ticks in the browser, Pause shows the same; then the session is
        resumed, paused and finished over RPC and the console follows."""
        customer = self.customer(
            "Live Bill Co", fields.Date.today().replace(day=1), allowance=3
        )
        session = self.running_session(customer, minutes_ago=4 + 40 / 60)
        self.start_tour("/odoo", "service_remote_timer_live_bill", login="technician")
        self.assertEqual(session.state, "done")
        self.assertEqual(session.service_covered_quantity, 3)
        self.assertEqual(len(session.interval_ids), 2, "paused once, resumed once")

    def test_starting_another_session_says_so_and_finish_offers_it_back(self):
        first = self.running_session(self.customer("Switch First Co"), 2)
        self.customer("Switch Second Co")
        self.start_tour("/odoo", "service_remote_timer_switch", login="technician")
        second = self.Session.search(
            [("partner_id.name", "=", "Switch Second Co")], limit=1
        )
        self.assertEqual(second.state, "done")
        self.assertEqual(first.state, "running", "resumed from the systray's offer")
        self.assertEqual(len(first.interval_ids), 2)


@tagged("post_install", "-at_install")
class TestConsolePhoneTour(ConsoleTourCase):
    browser_size = "390x844"

    def test_the_console_works_at_phone_width(self):
        customer = self.customer("Phone Customer Co")
        anydesk = self.env.ref("service_remote_timer.service_remote_tool_anydesk")
        teamviewer = self.env.ref("service_remote_timer.service_remote_tool_teamviewer")
        self.env["service.remote.access"].create(
            [
                {
                    "partner_id": customer.id,
                    "tool_id": anydesk.id,
                    "remote_id": "123 456 789",
                },
                {
                    "partner_id": customer.id,
                    "tool_id": teamviewer.id,
                    "remote_id": "1 234 567 890",
                },
            ]
        )
        self.start_tour(
            "/odoo/action-service_remote_timer.service_remote_session_action_open_console",
            "service_remote_timer_phone",
            login="technician",
        )
        session = self.Session.search([("partner_id", "=", customer.id)])
        self.assertEqual(session.state, "done")
        self.assertEqual(session.interval_ids[-1:].tool_id, anydesk)
