"""Racing clock actions with real, committed transactions (two tabs, a double
click; the harness is ``service_contract_quota/tests/race.py``)."""

import uuid
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.tests.common import new_test_user, tagged

from odoo.addons.service_contract_quota.tests.race import RaceCase

TECHNICIAN = "service_contract_quota.group_service_technician"


@tagged("-standard", "-at_install", "post_install", "database_breaking")
class TestRemoteConcurrency(RaceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tag = uuid.uuid4().hex[:8]
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cls.user_id = new_test_user(
                env, f"sbs-race-tech-{tag}", groups=TECHNICIAN
            ).id
            cls.employee_id = (
                env["hr.employee"]
                .create({"name": "Race tech", "user_id": cls.user_id})
                .id
            )
            company = env.company
            if not company.service_remote_project_id:
                company.service_remote_project_id = env["project.project"].create(
                    {"name": "Race project", "allow_timesheets": True}
                )

    @classmethod
    def _remove_extra(cls, env):
        sessions = env["service.remote.session"].search([("user_id", "=", cls.user_id)])
        sessions.timesheet_ids.unlink()
        env.cr.execute(
            "DELETE FROM service_remote_session WHERE id = ANY(%s)", [sessions.ids]
        )
        env["hr.employee"].browse(cls.employee_id).unlink()
        env["res.users"].browse(cls.user_id).active = False

    def _sessions(self, count, paused_minutes=0):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            sessions = env["service.remote.session"].create(
                [
                    {
                        "partner_id": self.partner_id,
                        "product_id": self.product_id,
                        "user_id": self.user_id,
                    }
                    for _n in range(count)
                ]
            )
            if paused_minutes:
                # one technician's sessions one after the other, never overlapping
                step = timedelta(minutes=paused_minutes)
                start = datetime.now().replace(microsecond=0) - step * (count + 6)
                sessions.write({"state": "paused"})
                env["service.remote.interval"].sudo().create(
                    [
                        {
                            "session_id": session.id,
                            "start": start + step * n,
                            "stop": start + step * (n + 1),
                        }
                        for n, session in enumerate(sessions)
                    ]
                )
            return sessions.ids

    def _read(self, session_ids):
        """The sessions' state, and how many live orders bill them."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            sessions = env["service.remote.session"].browse(session_ids)
            orders = env["sale.order"].search_count(
                [
                    ("order_line.service_source_model", "=", sessions._name),
                    ("order_line.service_source_id", "in", session_ids),
                    ("state", "!=", "cancel"),
                ]
            )
            return [
                {
                    "state": s.state,
                    "order": s.service_sale_order_id.id,
                    "intervals": len(s.interval_ids),
                    "timesheets": len(s.timesheet_ids),
                }
                for s in sessions
            ], orders

    def test_two_tabs_finishing_one_session_make_one_sale_order(self):
        (session_id,) = self._sessions(1, paused_minutes=12)

        def finish(env):
            return env["service.remote.session"].browse(session_id).action_finish()

        results = self._race(uid=self.user_id, calls=[finish, finish])
        (state,), orders = self._read([session_id])
        self.assertEqual(state["state"], "done")
        self.assertEqual(orders, 1, "one sale order, not two")
        self.assertEqual(state["timesheets"], 1)
        self.assertEqual({r["res_id"] for r in results}, {state["order"]})

    def test_two_tabs_starting_two_sessions_leave_one_running(self):
        first, second = self._sessions(2)

        def start(session_id):
            return lambda env: (
                env["service.remote.session"].browse(session_id).action_start()
            )

        self._race(uid=self.user_id, calls=[start(first), start(second)])
        states, _orders = self._read([first, second])
        self.assertEqual(
            sorted(s["state"] for s in states), ["paused", "running"], states
        )

    def test_two_tabs_starting_one_session_open_one_clock(self):
        (session_id,) = self._sessions(1)

        def start(env):
            return env["service.remote.session"].browse(session_id).action_start()

        self._race(uid=self.user_id, calls=[start, start])
        (state,), _orders = self._read([session_id])
        self.assertEqual((state["state"], state["intervals"]), ("running", 1))

    def test_racing_finishes_never_overdraw_the_quota(self):
        """8 sessions of 10 min finish at once against 30 min: 30 covered, 50 billed."""
        quota_id = self._new_quota(30)
        session_ids = self._sessions(8, paused_minutes=10)

        def finish(session_id):
            return lambda env: (
                env["service.remote.session"].browse(session_id).action_finish()
            )

        self._race(
            uid=self.user_id, calls=[finish(session_id) for session_id in session_ids]
        )
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            sessions = env["service.remote.session"].browse(session_ids)
            quota = env["service.quota"].browse(quota_id)
            self.assertEqual(set(sessions.mapped("state")), {"done"})
            self.assertEqual(sum(sessions.mapped("service_covered_quantity")), 30)
            self.assertEqual(sum(sessions.mapped("service_quantity")), 80)
            self.assertEqual(quota.remaining, 0)
            self.assertEqual(quota.period_used, 30)
            self.assertEqual(len(sessions.service_sale_order_id), 8)

    def test_a_retried_finish_leaves_one_of_everything(self):
        """A serialization failure after the order was made: the retry starts over
        on a clean transaction; one order, one ledger row, one timesheet, one
        chatter note, one bus notification."""
        quota_id = self._new_quota(30)
        (session_id,) = self._sessions(1, paused_minutes=10)
        Session = self.registry["service.remote.session"]
        original = Session._log_timesheet
        failed = []

        def flaky(session, *args, **kwargs):
            result = original(session, *args, **kwargs)
            if not failed:
                failed.append(True)
                # Another transaction commits a change to a row this one then
                # locks: a genuine serialization failure, as a racing tab gives.
                with self.registry.cursor() as other:
                    other.execute(
                        "UPDATE res_partner SET write_date = now() WHERE id = %s",
                        [self.partner_id],
                    )
                session.env.cr.execute(
                    "SELECT id FROM res_partner WHERE id = %s FOR UPDATE",
                    [self.partner_id],
                )
            return result

        notified = []
        original_notify = Session._notify_timer

        def count_notify(sessions):
            sessions.env.cr.postcommit.add(lambda: notified.append(True))
            return original_notify(sessions)

        with (
            patch.object(Session, "_log_timesheet", flaky),
            patch.object(Session, "_notify_timer", count_notify),
        ):
            self._race(
                uid=self.user_id,
                calls=[
                    lambda env: env["service.remote.session"]
                    .browse(session_id)
                    .action_finish()
                ],
            )
        self.assertEqual(failed, [True], "the first attempt failed")
        self.assertEqual(len(notified), 1, "one notification, after the commit")
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            session = env["service.remote.session"].browse(session_id)
            self.assertEqual(session.state, "done")
            _states, orders = self._read([session_id])
            self.assertEqual(orders, 1)
            moves = env["service.quota.move"].search([("quota_id", "=", quota_id)])
            self.assertEqual(len(moves), 1)
            self.assertEqual(moves.quantity, 10)
            self.assertEqual(len(session.timesheet_ids), 1)
            finished = session.message_ids.filtered(
                lambda m: "Finished" in (m.body or "")
            )
            self.assertEqual(len(finished), 1)
