from datetime import datetime, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .work_report_common import WorkReportCase

T0 = datetime(2026, 3, 16, 8, 0)


class TestWorkReportTime(WorkReportCase):
    """Time on site: Start/Stop on the activity or typed in, one running
    clock per technician, and durations a technician cannot have worked."""

    def running(self, user=None):
        return self.env["account.analytic.line"].search(
            [
                ("service_fsm_running", "=", True),
                ("user_id", "=", (user or self.technician).id),
            ]
        )

    def test_start_and_stop_log_the_time_worked(self):
        order = self.activity()
        mine = self.as_technician(order)
        with freeze_time(T0):
            mine.action_service_start()
        self.assertEqual(order.service_state, "in_progress")
        self.assertEqual(order.date_start, T0)
        line = order.service_timesheet_ids
        self.assertTrue(line.service_fsm_running)
        self.assertEqual(line.employee_id.user_id, self.technician)
        self.assertEqual(line.project_id, self.env.company.service_fsm_project_id)
        self.assertTrue(line.project_id.allow_timesheets)
        self.assertEqual(mine.service_running_since, T0)
        with freeze_time(T0 + timedelta(hours=1, minutes=30)):
            mine.action_service_stop()
        self.assertFalse(line.service_fsm_running)
        self.assertEqual(line.unit_amount, 1.5)
        self.assertEqual(order.service_hours, 1.5)
        self.assertFalse(mine.service_running_line_id)
        self.assertEqual(order.service_state, "in_progress", "not done before signing")

    def test_first_start_prefills_the_parts_used_from_the_plan(self):
        order = self.activity()
        order.service_line_ids[1].used_qty = 3  # already reported: kept
        with freeze_time(T0):
            self.as_technician(order).action_service_start()
        self.assertEqual(order.service_line_ids.mapped("used_qty"), [2, 3])
        with freeze_time(T0 + timedelta(hours=1)):
            self.as_technician(order).action_service_stop()
        order.service_line_ids[0].used_qty = 1
        with freeze_time(T0 + timedelta(hours=2)):
            self.as_technician(order).action_service_start()
        self.assertEqual(
            order.service_line_ids.mapped("used_qty"), [1, 3], "only on the first start"
        )

    def test_technician_adds_a_part_and_reports_the_visit(self):
        order = self.activity()
        mine = self.as_technician(order)
        with freeze_time(T0):
            mine.action_service_start()
        self.env["fsm.order.service.line"].with_user(self.technician).create(
            {"order_id": order.id, "product_id": self.product.id, "used_qty": 1}
        )
        mine.write(
            {
                "service_km": 42.5,
                "service_defects_found": "<p>Burner nozzle clogged</p>",
                "resolution": "<p>Cleaned the nozzle</p>",
                "service_reading_ids": [
                    (
                        0,
                        0,
                        {
                            "equipment_id": self.equipment.id,
                            "meter": "Hours",
                            "value": 1234,
                        },
                    )
                ],
            }
        )
        self.assertEqual(len(order.service_line_ids), 3)
        self.assertEqual(order.service_km, 42.5)
        self.assertEqual(order.service_reading_ids.equipment_id, self.equipment)
        self.assertEqual(self.equipment.service_reading_ids.value, 1234)

    def test_one_running_clock_per_technician(self):
        first, second = self.activity(), self.activity()
        with freeze_time(T0):
            self.as_technician(first).action_service_start()
            self.as_technician(first, self.technician_2).action_service_start()
        with freeze_time(T0 + timedelta(minutes=45)):
            action = self.as_technician(second).action_service_start()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn(first.name, action["params"]["message"])
        self.assertIn(second.name, action["params"]["message"])
        self.assertEqual(self.running().service_fsm_order_id, second)
        self.assertEqual(
            first.service_timesheet_ids.filtered(
                lambda line: line.user_id == self.technician
            ).unit_amount,
            0.75,
        )
        self.assertEqual(
            self.running(self.technician_2).service_fsm_order_id,
            first,
            "another technician's clock runs on",
        )
        with self.assertRaisesRegex(UserError, "already running"):
            self.as_technician(second).action_service_start()
        with self.assertRaisesRegex(UserError, "not running"):
            self.as_technician(first).action_service_stop()

    def test_the_database_refuses_a_second_running_clock(self):
        order = self.activity()
        with freeze_time(T0):
            self.as_technician(order).action_service_start()
            with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
                self.env["account.analytic.line"].with_user(self.technician).create(
                    {
                        "name": "Second tab",
                        "service_fsm_order_id": order.id,
                        "service_fsm_start": T0,
                    }
                )
                self.env.flush_all()

    def test_a_running_clock_survives_a_closed_browser(self):
        order = self.activity()
        with freeze_time(T0):
            self.as_technician(order).action_service_start()
        self.env.flush_all()
        self.env.invalidate_all()  # a new request, after a restart: only rows remain
        self.env.registry.clear_cache()
        mine = self.env["fsm.order"].with_user(self.technician).browse(order.id)
        self.assertTrue(mine.service_running_line_id)
        self.assertEqual(mine.service_running_since, T0)
        with freeze_time(T0 + timedelta(hours=3)):
            mine.action_service_stop()
        self.assertEqual(order.service_hours, 3)

    def test_time_typed_in(self):
        order = self.activity()
        with freeze_time(T0):
            self.as_technician(order).write(
                {
                    "service_timesheet_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "Diagnosis",
                                "date": T0.date(),
                                "unit_amount": 0.75,
                            },
                        ),
                        (
                            0,
                            0,
                            {"name": "Repair", "date": T0.date(), "unit_amount": 1.25},
                        ),
                    ]
                }
            )
        self.assertEqual(order.service_hours, 2)
        self.assertEqual(
            order.service_timesheet_ids.project_id,
            self.env.company.service_fsm_project_id,
        )

    def assert_refused(self, message, order, vals, line=None):
        before = order.service_timesheet_ids.read(["unit_amount", "date"])
        with freeze_time(T0), self.assertRaises(ValidationError) as caught:
            if line:
                line.with_user(self.technician).write(vals)
            else:
                self.env["account.analytic.line"].with_user(self.technician).create(
                    {"name": "Work", "service_fsm_order_id": order.id, **vals}
                )
            self.env.flush_all()
        self.assertIn(message, str(caught.exception))
        order.invalidate_recordset()
        self.assertEqual(
            order.service_timesheet_ids.read(["unit_amount", "date"]), before
        )

    def test_wrong_durations_are_refused_and_change_nothing(self):
        order = self.activity()
        day = T0.date()
        self.assert_refused("negative", order, {"date": day, "unit_amount": -1})
        self.assert_refused("no duration", order, {"date": day, "unit_amount": 0})
        self.assert_refused("24 hours", order, {"date": day, "unit_amount": 25})
        self.assert_refused(
            "in the future", order, {"date": day + timedelta(days=1), "unit_amount": 1}
        )
        self.assert_refused(
            "before it starts",
            order,
            {
                "service_fsm_start": T0 - timedelta(hours=1),
                "service_fsm_stop": T0 - timedelta(hours=2),
            },
        )
        self.assert_refused(
            "in the future", order, {"service_fsm_start": T0 + timedelta(hours=2)}
        )
        self.assert_refused(
            "24 hours",
            order,
            {"service_fsm_start": T0 - timedelta(hours=26), "service_fsm_stop": T0},
        )
        self.assertFalse(order.service_timesheet_ids)

    def test_wrong_corrections_of_a_measured_entry_are_refused(self):
        order = self.activity()
        with freeze_time(T0 - timedelta(hours=2)):
            self.as_technician(order).action_service_start()
        with freeze_time(T0 - timedelta(hours=1)):
            self.as_technician(order).action_service_stop()
        line = order.service_timesheet_ids
        self.assert_refused(
            "before it starts",
            order,
            {"service_fsm_stop": T0 - timedelta(hours=3)},
            line,
        )
        self.assert_refused("negative", order, {"unit_amount": -0.5}, line)
        self.assert_refused("24 hours", order, {"unit_amount": 30}, line)
        with freeze_time(T0):
            line.with_user(self.technician).unit_amount = 0.5
        self.assertEqual(line.service_fsm_stop, T0 - timedelta(hours=1, minutes=30))
        self.assertEqual(order.service_hours, 0.5)

    def test_a_forgotten_clock_is_corrected_before_it_stops(self):
        order = self.activity()
        with freeze_time(T0):
            self.as_technician(order).action_service_start()
        with freeze_time(T0 + timedelta(hours=26)):
            with self.assertRaises(ValidationError) as caught:
                self.as_technician(order).action_service_stop()
                self.env.flush_all()
            self.assertIn("24 hours", str(caught.exception))
            line = order.service_timesheet_ids
            line.with_user(self.technician).service_fsm_start = T0 + timedelta(hours=24)
            self.as_technician(order).action_service_stop()
        self.assertEqual(order.service_hours, 2)

    def test_no_time_on_a_signed_activity(self):
        order = self.activity(service_state="done")
        with self.assertRaisesRegex(UserError, "no more time"):
            self.as_technician(order).action_service_start()

    def test_an_activity_with_time_on_site_is_not_deleted(self):
        order = self.activity()
        with freeze_time(T0):
            self.as_technician(order).write(
                {
                    "service_timesheet_ids": [
                        Command.create(
                            {"name": "Repair", "date": T0.date(), "unit_amount": 1}
                        )
                    ]
                }
            )
        with self.assertRaises(UserError):
            order.with_user(self.manager).unlink()
        self.assertTrue(order.exists())
        self.assertEqual(order.service_timesheet_ids.unit_amount, 1)
        # without its time, a mistaken activity goes
        order.service_timesheet_ids.unlink()
        order.with_user(self.manager).unlink()
        self.assertFalse(order.exists())
