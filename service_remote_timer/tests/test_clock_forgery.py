from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import RemoteCase

CLOCK = ["closed_seconds", "started_at", "running_since", "duration_minutes"]


class TestClockForgery(RemoteCase):
    """Billed time comes only from the clock: what a technician's RPC client
    writes on its own session is refused and changes nothing."""

    def paused_session(self, start="10:00", stop="10:20", user=None):
        session = self.new_session(user=user)
        with self.at(start):
            session.action_start()
        with self.at(stop):
            session.action_pause()
        return session

    def snapshot(self, session):
        session.invalidate_recordset()
        fields = [*CLOCK, "employee_id", "quota_manual", "name", "state"]
        values = session.read(fields)[0]
        values["intervals"] = [
            (i.start, i.stop, i.seconds) for i in session.interval_ids
        ]
        return values

    def test_clock_fields_cannot_be_written(self):
        session = self.paused_session()
        before = self.snapshot(session)
        as_tech = session.with_user(self.technician)
        forged = {
            "closed_seconds": 60,
            "started_at": datetime(2026, 2, 1, 9, 0),
            "running_since": datetime(2026, 4, 15, 9, 0),
            "duration_minutes": 600.0,
            "employee_id": self.env["hr.employee"].search([], limit=1).id,
            "quota_manual": True,
            "name": "RS/forged",
        }
        for field, value in forged.items():
            with self.subTest(field=field), self.assertRaises(UserError):
                as_tech.write({field: value})
        with self.assertRaises(UserError):  # a manager cannot either
            session.with_user(self.manager).write({"closed_seconds": 60})
        self.assertEqual(self.snapshot(session), before)

    def test_interval_length_cannot_be_written(self):
        session = self.paused_session()
        interval = session.interval_ids
        with self.assertRaises(UserError):
            interval.with_user(self.manager).write({"seconds": 36000})
        self.assertEqual(interval.seconds, 20 * 60)

    def test_a_done_session_cannot_be_edited(self):
        session = self.paused_session()
        with self.at("10:30"):
            session.with_user(self.technician).action_finish()
        before = self.snapshot(session)
        description = session.description
        for vals in (
            {"description": "other work"},
            {"name": "RS/renamed"},
            {"company_id": self.env.company.id},
            {"partner_id": self.partner_b.id},
        ):
            for user in (self.technician, self.manager):
                with self.subTest(vals=vals, user=user.login):
                    with self.assertRaises(UserError):
                        session.with_user(user).write(vals)
        self.assertEqual(self.snapshot(session), before)
        self.assertEqual(session.description, description)
        self.assertEqual(session.service_sale_order_id.order_line.name.count("RS/"), 1)

    def test_technicians_do_not_type_intervals(self):
        session = self.paused_session()
        Interval = self.env["service.remote.interval"].with_user(self.technician)
        with self.at("12:00"), self.assertRaises(AccessError):
            Interval.create(
                {
                    "session_id": session.id,
                    "start": datetime(2026, 3, 15, 0, 0),
                    "stop": datetime(2026, 3, 15, 10, 0),
                }
            )
        with self.at("12:00"), self.assertRaises(AccessError):
            session.interval_ids.with_user(self.technician).write(
                {"start": datetime(2026, 3, 15, 6, 20)}
            )
        with self.at("12:00"), self.assertRaises(AccessError):
            session.interval_ids.with_user(self.technician).unlink()
        self.assertEqual(session.closed_seconds, 20 * 60)
        self.assertEqual(len(session.interval_ids), 1)

    def test_manager_corrections_are_traced_with_old_and_new(self):
        session = self.paused_session()
        interval = session.interval_ids
        with self.at("12:00"):
            interval.with_user(self.manager).write(
                {"stop": datetime(2026, 3, 15, 10, 25)}
            )
            self.env["service.remote.interval"].with_user(self.manager).create(
                {
                    "session_id": session.id,
                    "start": datetime(2026, 3, 15, 11, 0),
                    "stop": datetime(2026, 3, 15, 11, 5),
                }
            )
        self.assertEqual(session.closed_seconds, 30 * 60)
        notes = session.message_ids.mapped("body")
        changed = next(body for body in notes if "changed" in body)
        self.assertIn("2026-03-15 10:20:00", changed)  # old
        self.assertIn("2026-03-15 10:25:00", changed)  # new
        self.assertIn(self.manager.name, changed)
        self.assertTrue(any("added" in body for body in notes))

    def test_one_technicians_intervals_never_overlap_across_sessions(self):
        first = self.paused_session("09:00", "09:30")
        second = self.paused_session("10:00", "10:20")
        with self.at("12:00"), self.assertRaises(ValidationError):
            second.interval_ids.with_user(self.manager).write(
                {"start": datetime(2026, 3, 15, 9, 10)}
            )
        self.assertEqual(second.closed_seconds, 20 * 60)
        self.assertEqual(first.closed_seconds, 30 * 60)
        # another technician's time may overlap: two people, two customers
        other = self.paused_session("09:00", "09:30", user=self.tech2)
        self.assertEqual(other.closed_seconds, 30 * 60)

    def test_a_start_before_2000_or_a_year_back_is_refused(self):
        session = self.paused_session()
        for start in (datetime(1970, 1, 1), datetime(2024, 1, 1)):
            with self.subTest(start=start), self.at("12:00"):
                with self.assertRaises(ValidationError):
                    session.interval_ids.with_user(self.manager).write({"start": start})
        self.assertEqual(session.closed_seconds, 20 * 60)

    def test_technicians_cancel_recorded_time_rather_than_delete_it(self):
        session = self.paused_session()
        with self.assertRaises(UserError):
            session.with_user(self.technician).unlink()
        self.assertTrue(session.exists())
        draft = self.new_session()
        draft.with_user(self.technician).unlink()  # nothing recorded: fine
        self.assertFalse(draft.exists())
        session.with_user(self.technician).action_cancel(reason="Wrong customer")
        self.assertEqual(session.state, "cancelled")

    def test_a_forgotten_clock_needs_a_manager_to_finish(self):
        self.env.company.service_remote_max_interval_hours = 12
        session = self.new_session()
        with freeze_time("2026-03-14 08:00"):
            session.action_start()
        with self.at("10:00"), self.assertRaises(UserError):
            session.with_user(self.technician).action_finish()
        self.assertEqual(session.state, "running")
        self.assertFalse(session.service_billed)
        with self.at("10:00"):
            session.with_user(self.manager).action_finish()
        self.assertEqual(session.state, "done")
        self.assertEqual(session.service_quantity, 26 * 60)
