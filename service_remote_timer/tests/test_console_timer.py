import json

from odoo.exceptions import UserError

from .common import RemoteCase


class TestConsoleTimer(RemoteCase):
    """The systray's and the consoles' view of the technician's clock."""

    def timer(self):
        return self.Session.with_user(self.technician).get_timer_state()

    def test_starting_a_session_says_which_one_it_paused(self):
        first = self.new_session(partner_id=self.partner_b.id)
        second = self.new_session()
        with self.at("10:00"):
            self.assertIs(first.with_user(self.technician).action_start(), True)
        with self.at("10:10"):
            action = second.with_user(self.technician).action_start()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(
            action["params"]["message"], f"{first.name} for Customer B paused."
        )
        self.assertEqual(first.state, "paused")

    def test_connecting_says_which_session_it_paused_then_opens_the_tool(self):
        first = self.new_session(partner_id=self.partner_b.id)
        second = self.new_session()
        with self.at("10:00"):
            first.with_user(self.technician).action_start()
        with self.at("10:10"):
            action = second.with_user(self.technician).action_connect(
                self.access_anydesk.id
            )
        self.assertIn(first.name, action["params"]["message"])
        opened = action["params"]["next"]
        self.assertEqual(opened["tag"], "service_remote_timer.open_url")
        self.assertEqual(opened["params"]["url"], "anydesk:123456789")

    def test_after_finish_the_systray_offers_the_paused_session_instead(self):
        """Finishing Acme's session does not put Globex's paused one in its
        place: nothing is current, Globex's is offered; the console opens new."""
        other = self.new_session(partner_id=self.partner_b.id)
        session = self.new_session()
        with self.at("10:00"):
            other.action_start()
        with self.at("10:05"):
            session.action_start()  # pauses the other one
        self.assertEqual(self.timer()["id"], session.id)
        self.assertEqual([o["id"] for o in self.timer()["paused"]], [other.id])
        with self.at("10:20"):
            session.with_user(self.technician).action_finish()
        state = self.timer()
        self.assertFalse(state["id"])
        self.assertEqual(
            state["paused"],
            [
                {
                    "id": other.id,
                    "name": other.name,
                    "partner": "Customer B",
                    "elapsed_seconds": 300,
                }
            ],
        )
        console = self.Session.with_user(self.technician).action_open_console()
        self.assertFalse(console.get("res_id"), "a new session, not Customer B's")
        # Resuming the offered session makes it current again.
        with self.at("10:30"):
            other.with_user(self.technician).action_resume()
        self.assertEqual(self.timer()["id"], other.id)
        self.assertEqual(self.timer()["paused"], [])

    def test_a_later_change_to_a_billed_session_does_not_hide_the_paused_one(self):
        """The systray follows the clock actions, not any write: refreshing a
        billed session's figures (its invoice posted) leaves the paused one."""
        paused = self.new_session(partner_id=self.partner_b.id)
        billed = self.new_session()
        with self.at("10:00"):
            billed.action_start()
        with self.at("10:05"):
            billed.with_user(self.technician).action_finish()
        with self.at("10:06"):
            paused.action_start()
        with self.at("10:08"):
            paused.action_pause()
        with self.at("10:30"):
            billed.sudo().write({"description": "Printer driver reinstalled"})
        self.assertEqual(self.timer()["id"], paused.id)

    def test_a_paused_session_stays_current_until_another_is_worked_on(self):
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.at("10:05"):
            session.action_pause()
        state = self.timer()
        self.assertEqual((state["id"], state["state"]), (session.id, "paused"))
        self.assertEqual(state["closed_seconds"], 300)

    def test_the_bus_carries_what_get_timer_state_returns(self):
        """Every tab (systray, consoles) gets the state the systray would read."""
        Bus = self.env["bus.bus"].sudo()
        first = self.new_session(partner_id=self.partner_b.id)
        with self.at("10:00"):
            first.action_start()
        second = self.new_session()
        self.env.cr.precommit.run()
        before = Bus.search([]).ids
        with self.at("10:10"):
            second.with_user(self.technician).action_start()
            self.env.cr.precommit.run()  # the bus writes at commit
            expected = self.timer()
        sent = Bus.search([("id", "not in", before)]).filtered(
            lambda n: "service_remote_timer/timer" in n.message
        )
        self.assertEqual(len(sent), 1)
        payload = json.loads(sent.message)["payload"]
        self.assertEqual(payload, expected)
        self.assertEqual(payload["paused"][0]["id"], first.id)

    def test_a_new_session_is_called_new_until_saved(self):
        draft = self.Session.with_user(self.technician).new({})
        self.assertEqual(draft.name, "New")
        session = self.new_session()
        self.assertTrue(session.name.startswith("RS/"), session.name)

    def test_durations_and_the_calendar_length_follow_the_intervals(self):
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.at("10:01:52"):
            session.action_pause()
        with self.at("10:30"):
            session.action_resume()
        self.assertEqual(str(session.ended_at), "2026-03-15 10:30:00")
        with self.at("11:00"):
            session.action_pause()
        self.assertAlmostEqual(session.duration_hours, (112 + 1800) / 3600)
        self.assertAlmostEqual(session.interval_ids[0].hours, 112 / 3600)
        self.assertEqual(str(session.ended_at), "2026-03-15 11:00:00")
        with self.assertRaises(UserError):
            session.with_user(self.technician).write({"duration_hours": 5})


class TestHelperTool(RemoteCase):
    def test_a_tool_the_customer_has_no_id_for_is_refused_before_anything(self):
        Session = self.Session.with_user(self.technician)
        self.partner.name = "Helper Tool Customer"
        before = Session.search_count([])
        with self.assertRaisesRegex(UserError, "has no TeamViewer ID"):
            Session.cli_start(self.partner.name, tool="teamviewer")
        self.assertEqual(Session.search_count([]), before, "no session created")
        with self.at("10:00"):
            started = Session.cli_start(self.partner.name, tool="anydesk")
        self.assertEqual(started["url"], "anydesk:123456789")
