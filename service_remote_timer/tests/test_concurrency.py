"""Racing clock actions with real, committed transactions (BaseCase, threads).

Each thread runs its action through ``odoo.service.model.retrying`` as an
HTTP/JSON-RPC request does; every thread takes its snapshot first and all meet
at a barrier, so they really race (two tabs, a double click).
"""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests.common import BaseCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger

TECHNICIAN = "service_contract_quota.group_service_technician"


@tagged("-standard", "-at_install", "post_install", "database_breaking")
class TestRemoteConcurrency(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.addClassCleanup(cls._remove_fixtures)
        tag = uuid.uuid4().hex[:8]
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            minute = env.ref("service_contract_quota.uom_minute")
            cls.user_id = new_test_user(
                env, f"sbs-race-tech-{tag}", groups=TECHNICIAN
            ).id
            cls.employee_id = (
                env["hr.employee"]
                .create({"name": "Race tech", "user_id": cls.user_id})
                .id
            )
            cls.product_id = (
                env["product.product"]
                .create(
                    {
                        "name": "Race remote minute",
                        "type": "service",
                        "list_price": 1.0,
                        "uom_id": minute.id,
                        "uom_po_id": minute.id,
                        "taxes_id": [Command.clear()],
                    }
                )
                .id
            )
            cls.partner_id = env["res.partner"].create({"name": "Race customer"}).id
            cls.contract_id = (
                env["contract.contract"]
                .create(
                    {
                        "name": "Race contract",
                        "partner_id": cls.partner_id,
                        "date_start": datetime(2020, 1, 1).date(),
                        "line_recurrence": True,
                    }
                )
                .id
            )
            company = env.company
            cls.previous_settings = (
                company.service_remote_product_id.id,
                company.service_remote_project_id.id,
            )
            if not company.service_remote_project_id:
                company.service_remote_project_id = env["project.project"].create(
                    {"name": "Race project", "allow_timesheets": True}
                )

    @classmethod
    def _remove_fixtures(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            sessions = env["service.remote.session"].search(
                [("user_id", "=", cls.user_id)]
            )
            orders = env["sale.order"].search([("partner_id", "=", cls.partner_id)])
            env["service.billed.source"]._release(orders.order_line)
            orders._action_cancel()
            orders.unlink()
            sessions.timesheet_ids.unlink()
            sessions.write({"sale_order_id": False})
            cr.execute(
                "DELETE FROM service_remote_session WHERE id = ANY(%s)",
                [sessions.ids],
            )
            quotas = (
                env["service.quota"]
                .with_context(active_test=False)
                .search([("contract_id", "=", cls.contract_id)])
            )
            cr.execute(
                "DELETE FROM service_quota_move WHERE quota_id = ANY(%s)", [quotas.ids]
            )
            quotas.unlink()
            env["contract.contract"].browse(cls.contract_id).unlink()
            env["hr.employee"].browse(cls.employee_id).unlink()
            env["res.users"].browse(cls.user_id).active = False
            env["res.partner"].browse(cls.partner_id).active = False
            env["product.product"].browse(cls.product_id).active = False

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
                start = datetime.now().replace(microsecond=0) - timedelta(hours=1)
                sessions.write({"state": "paused"})
                env["service.remote.interval"].with_context(
                    service_remote_clock=True
                ).create(
                    [
                        {
                            "session_id": session.id,
                            "start": start,
                            "stop": start + timedelta(minutes=paused_minutes),
                        }
                        for session in sessions
                    ]
                )
            return sessions.ids

    def _new_quota(self, allowance):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["service.quota"].search(
                [("contract_id", "=", self.contract_id)]
            ).active = False
            return (
                env["service.quota"]
                .create(
                    {
                        "name": f"Race {allowance}",
                        "contract_id": self.contract_id,
                        "allowance": allowance,
                        "product_ids": [Command.set([self.product_id])],
                    }
                )
                .id
            )

    def _race(self, calls):
        """Run each ``call(env)`` as the technician, in its own transaction, at once."""
        barrier = threading.Barrier(len(calls))

        def run(call):
            first_try = [True]
            with self.registry.cursor() as cr:
                env = api.Environment(cr, self.user_id, {})

                def attempt():
                    if first_try[0]:
                        first_try[0] = False
                        env.cr.execute("SELECT 1")  # take the snapshot, then race
                        barrier.wait(timeout=30)
                    return call(env)

                return retrying(attempt, env)

        with (
            mute_logger("odoo.service.model", "odoo.sql_db"),
            ThreadPoolExecutor(len(calls)) as pool,
        ):
            futures = [pool.submit(run, call) for call in calls]
            return [future.result(timeout=120) for future in futures]

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
                    "order": s.sale_order_id.id,
                    "intervals": len(s.interval_ids),
                    "timesheets": len(s.timesheet_ids),
                }
                for s in sessions
            ], orders

    def test_two_tabs_finishing_one_session_make_one_sale_order(self):
        (session_id,) = self._sessions(1, paused_minutes=12)

        def finish(env):
            return env["service.remote.session"].browse(session_id).action_finish()

        results = self._race([finish, finish])
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

        self._race([start(first), start(second)])
        states, _orders = self._read([first, second])
        self.assertEqual(
            sorted(s["state"] for s in states), ["paused", "running"], states
        )

    def test_two_tabs_starting_one_session_open_one_clock(self):
        (session_id,) = self._sessions(1)

        def start(env):
            return env["service.remote.session"].browse(session_id).action_start()

        self._race([start, start])
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

        self._race([finish(session_id) for session_id in session_ids])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            sessions = env["service.remote.session"].browse(session_ids)
            quota = env["service.quota"].browse(quota_id)
            self.assertEqual(set(sessions.mapped("state")), {"done"})
            self.assertEqual(sum(sessions.mapped("covered_quantity")), 30)
            self.assertEqual(sum(sessions.mapped("billed_quantity")), 80)
            self.assertEqual(quota.remaining, 0)
            self.assertEqual(quota.period_used, 30)
            self.assertEqual(len(sessions.sale_order_id), 8)

    def test_a_retried_finish_leaves_one_of_everything(self):
        """A serialization failure after the order was made: the retry starts over
        on a clean transaction; one order, one ledger row, one timesheet, one
        chatter note, one bus notification."""
        quota_id = self._new_quota(30)
        (session_id,) = self._sessions(1, paused_minutes=10)
        Session = self.registry["service.remote.session"]
        original = Session._log_timesheet
        failed = []

        def flaky(session):
            result = original(session)
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
                [
                    lambda env: env["service.remote.session"]
                    .browse(session_id)
                    .action_finish()
                ]
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
