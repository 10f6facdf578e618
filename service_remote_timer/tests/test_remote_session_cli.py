"""The RPC side of ``scripts/remote-session`` (``cli_*`` methods), and the
timesheet of a billed session linked to its order line."""

from odoo.exceptions import UserError, ValidationError

from .common import RemoteCase


class TestRemoteSessionCli(RemoteCase):
    def setUp(self):
        super().setUp()
        self.Cli = self.Session.with_user(self.technician)

    def test_a_session_is_named_by_its_reference_or_its_id(self):
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        for name in (session.name, session.id, str(session.id), f" {session.name} "):
            with self.subTest(name=name), self.at("10:05"):
                payload = self.Cli.cli_status(name)
                self.assertEqual(
                    (payload["id"], payload["name"]), (session.id, session.name)
                )
        with self.at("10:05"):
            payload = self.Cli.cli_status(session.name.lower())
        self.assertEqual(payload["id"], session.id, "as typed, in any case")
        # what billing it gives now: 5 minutes, covered by the quota
        self.assertEqual(
            (payload["billable"], payload["covered"], payload["amount"]), (5, 5, 0)
        )
        self.assertEqual(payload["unit"], "Minutes")

    def test_an_unknown_or_foreign_reference_changes_nothing(self):
        session = self.new_session()
        other = self.new_session(user=self.tech2)
        with self.at("10:00"):
            session.action_start()
            other.with_user(self.tech2).action_start()
        for call in (self.Cli.cli_status, self.Cli.cli_pause, self.Cli.cli_finish):
            for name in ("RS/1999/99999", other.name, "RS/%", "RS/____/_____"):
                with self.subTest(call=call.__name__, name=name):
                    with self.at("10:05"), self.assertRaises(UserError) as caught:
                        call(name)
                    self.assertIn(
                        f"There is no session {name} of yours", str(caught.exception)
                    )
            with (
                self.subTest(call=call.__name__, name=" "),
                self.assertRaises(ValidationError),
            ):
                call(" ")
        self.assertEqual((session.state, other.state), ("running", "running"))
        self.assertFalse(session.service_billed)

    def test_status_without_a_session_shows_the_current_one(self):
        self.assertEqual(self.Cli.cli_status(), {"id": False})
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.at("10:01"):
            self.assertEqual(self.Cli.cli_status()["id"], session.id)

    def test_pause_says_whether_there_was_anything_to_pause(self):
        session = self.new_session()
        self.assertEqual(self.Cli.cli_pause(session.name)["status"], "not_started")
        with self.at("10:00"):
            session.action_start()
        with self.at("10:05"):
            first = self.Cli.cli_pause(session.name)
        with self.at("10:09"):
            again = self.Cli.cli_pause()
        self.assertEqual((first["status"], first["state"]), ("paused", "paused"))
        self.assertEqual(
            (again["status"], again["state"]), ("already_paused", "paused")
        )
        self.assertEqual(again["elapsed_seconds"], 300, "the clock stayed stopped")
        self.assertEqual(len(session.interval_ids), 1)

    def test_finish_says_what_was_billed(self):
        self.quota.allowance = 10
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.at("10:15"):
            payload = self.Cli.cli_finish(session.name)
        order = session.service_sale_order_id
        self.assertEqual(
            (payload["state"], payload["sale_order"]), ("done", order.name)
        )
        # 15 minutes: 10 covered by the quota, 5 at 1.50
        self.assertEqual(
            (payload["billable"], payload["covered"], payload["amount"]), (15, 10, 7.5)
        )
        self.assertEqual(payload["currency"], order.currency_id.name)
        self.assertEqual(payload["unit"], "Minutes")

    def test_start_that_pauses_another_session_names_it(self):
        self.partner.name = "Cli Acme Unique"
        self.partner_b.name = "Cli Globex Unique"
        acme = self.new_session()
        with self.at("10:00"):
            acme.action_start()
        with self.at("10:05"):
            acme.action_pause()
            globex = self.Cli.cli_start("Cli Globex Unique")
        self.assertEqual((globex["status"], globex["paused_sessions"]), ("created", []))
        with self.at("10:12"):
            resumed = self.Cli.cli_start("Cli Acme Unique")
        self.assertEqual((resumed["id"], resumed["status"]), (acme.id, "resumed"))
        [paused] = resumed["paused_sessions"]
        self.assertEqual(
            (
                paused["id"],
                paused["state"],
                paused["partner"],
                paused["elapsed_seconds"],
            ),
            (globex["id"], "paused", "Cli Globex Unique", 420),
        )
        self.assertEqual(self.Session.browse(globex["id"]).state, "paused")
        with self.at("10:13"):
            again = self.Cli.cli_start("Cli Acme Unique")
        self.assertEqual((again["status"], again["paused_sessions"]), ("running", []))

    def test_the_timesheet_of_a_billed_session_is_linked_to_its_order_line(self):
        session = self.new_session(description="Printer driver")
        with self.at("10:00"):
            session.action_start()
        with self.at("10:30"):
            session.with_user(self.technician).action_finish()
        line = session.service_sale_order_id.order_line
        timesheet = session.timesheet_ids
        self.assertEqual(timesheet.so_line, line)
        self.assertEqual(session.service_sale_line_ids, line)
        self.assertEqual(
            (line.service_source_model, line.service_source_id),
            (session._name, session.id),
        )
        self.assertEqual(line.service_source_name, session.name)
        # billed again after its order was cancelled: the link follows
        session.service_sale_order_id.with_user(self.manager).with_context(
            disable_cancel_warning=True
        ).action_cancel()
        with self.at("10:40"):
            session.with_user(self.technician).action_finish()
        new_line = session.service_sale_order_id.order_line
        self.assertNotEqual(new_line, line)
        self.assertEqual(session.timesheet_ids, timesheet)
        self.assertEqual(timesheet.so_line, new_line)
