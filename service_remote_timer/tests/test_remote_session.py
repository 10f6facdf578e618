import json
from datetime import datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import api
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user
from odoo.tools import mute_logger

from .common import RemoteCase


class TestRemoteSession(RemoteCase):
    def test_start_pause_resume_accumulates_on_one_session(self):
        session = self.new_session()
        self.assertEqual(session.product_id, self.remote, "default service")
        self.assertEqual(session.quota_id, self.quota)
        with self.at("10:00"):
            session.action_start()
        self.assertEqual(session.state, "running")
        with self.at("10:12"):
            self.assertEqual(self.elapsed(session), 720)
            session.action_pause()
        self.assertEqual(session.state, "paused")
        # Pause shows minutes, price and what the contract covers; no document.
        self.assertEqual(session.preview_quantity, 12)
        self.assertEqual(session.preview_covered, 12)
        self.assertEqual(session.preview_amount, 0.0)
        self.assertEqual(session.preview_remaining, 588)
        self.assertFalse(session.service_sale_order_id)
        with self.at("10:20"):
            session.action_resume()
        with self.at("10:25:30"):
            self.assertEqual(self.elapsed(session), 720 + 330)
            session.action_pause()
        self.assertEqual(len(session.interval_ids), 2)
        self.assertEqual(self.elapsed(session), 1050)
        self.assertEqual(session.preview_quantity, 18, "17.5 min, every started minute")

    def test_pause_and_start_are_idempotent(self):
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
            session.action_start()  # a second click, a second tab
        with self.at("10:05"):
            session.action_pause()
            session.action_pause()
        self.assertEqual(len(session.interval_ids), 1)
        self.assertEqual(self.elapsed(session), 300)

    def test_second_tool_keeps_one_clock(self):
        session = self.new_session()
        with self.at("10:00"):
            action = (
                self.access_anydesk.with_user(self.technician)
                .with_context(service_session_id=session.id)
                .action_connect()
            )
        self.assertEqual(action["tag"], "service_remote_timer.open_url")
        # the ID as typed to read it ("123 456 789"), bare in the link
        self.assertEqual(action["params"]["url"], "anydesk:123456789")
        with self.at("10:05"):
            action = session.with_user(self.technician).action_connect(
                self.access_rdp.id
            )
        self.assertEqual(
            action["params"]["url"], "rdp://full%20address=s:srv.example:3389"
        )
        self.assertEqual(session.state, "running")
        self.assertEqual(len(session.interval_ids), 1, "one clock for both tools")
        self.assertEqual(session.interval_ids.tool_id, self.anydesk)
        with self.at("10:09"):
            self.assertEqual(self.elapsed(session), 540)

    def test_connect_refuses_another_customers_id(self):
        other = self.env["service.remote.access"].create(
            {
                "partner_id": self.partner_b.id,
                "tool_id": self.anydesk.id,
                "remote_id": "9",
            }
        )
        session = self.new_session()
        with self.assertRaises(UserError):
            session.with_user(self.technician).action_connect(other.id)
        self.assertEqual(session.state, "draft")
        self.assertFalse(session.interval_ids)

    def test_reset_clears_a_false_start_and_logs_it(self):
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.at("10:00:40"):
            session.with_user(self.technician).action_reset()
        self.assertEqual(session.state, "draft")
        self.assertFalse(session.interval_ids)
        self.assertEqual(self.elapsed(session), 0)
        self.assertIn("Reset by", session.message_ids[0].body)
        self.assertIn("0:00:40", session.message_ids[0].body)

    def test_only_managers_reset_a_paused_session(self):
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.at("10:10"):
            session.action_pause()
        with self.assertRaises(UserError):
            session.with_user(self.technician).action_reset()
        self.assertEqual(len(session.interval_ids), 1, "nothing cleared")
        session.with_user(self.manager).action_reset()
        self.assertEqual(session.state, "draft")
        self.assertFalse(session.interval_ids)

    def test_finish_bills_through_the_engine_and_logs_the_timesheet(self):
        session = self.new_session(description="Printer driver")
        with self.at("10:00"):
            session.action_start()
        with self.at("10:30"):
            action = session.with_user(self.technician).action_finish()
        order = session.service_sale_order_id
        self.assertEqual(session.state, "done")
        self.assertEqual(action["res_model"], "sale.order")
        self.assertEqual(action["res_id"], order.id)
        line = order.order_line
        self.assertEqual(len(line), 1)
        self.assertEqual(line.product_uom_qty, 30)
        self.assertEqual(line.discount, 100.0)
        self.assertTrue(line.service_covered)
        self.assertIn("Printer driver", line.name)
        self.assertEqual(order.partner_id, self.partner)
        self.assertEqual(self.quota.remaining, 570)
        self.assertEqual(session.service_covered_quantity, 30)
        self.assertEqual(session.service_amount, 0.0)
        timesheet = session.timesheet_ids
        self.assertEqual(len(timesheet), 1)
        self.assertEqual(timesheet.project_id, self.project)
        self.assertEqual(timesheet.employee_id, self.tech_employee)
        self.assertAlmostEqual(timesheet.unit_amount, 0.5)
        # A second click opens the same order and bills nothing more.
        again = session.with_user(self.technician).action_finish()
        self.assertEqual(again["res_id"], order.id)
        self.assertEqual(
            self.env["sale.order"].search_count([("partner_id", "=", self.partner.id)]),
            1,
        )
        self.assertEqual(self.quota.remaining, 570)

    def test_finish_of_a_paused_session_bills_its_closed_time(self):
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.at("10:07:10"):
            session.action_pause()
        with self.at("11:00"):  # paused time is not billed
            session.action_finish()
        self.assertEqual(session.service_sale_order_id.order_line.product_uom_qty, 8)

    def test_cancel(self):
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.at("10:03"):
            # recorded time is cancelled with a reason: first, the form asks
            action = session.with_user(self.technician).action_cancel()
            self.assertEqual(action["res_model"], "service.remote.session.cancel")
            self.assertEqual(session.state, "running")
            wizard = (
                self.env[action["res_model"]]
                .with_user(self.technician)
                .with_context(**action["context"])
                .create({"reason": "Customer not reachable"})
            )
            wizard.action_confirm()
        self.assertEqual(session.state, "cancelled")
        note = session.message_ids[0].body
        self.assertIn("Customer not reachable", note)
        self.assertIn("0:03:00", note)
        self.assertEqual(self.elapsed(session), 180)
        self.assertFalse(session.service_sale_order_id)
        with self.assertRaises(UserError):
            session.action_finish()
        with self.assertRaises(UserError):
            session.action_start()
        self.assertFalse(
            self.env["sale.order"].search([("partner_id", "=", self.partner.id)])
        )

    def test_a_billed_session_cannot_be_cancelled_changed_or_deleted(self):
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.at("10:10"):
            session.action_finish()
        with self.assertRaises(UserError):
            session.action_cancel()
        with self.assertRaises(UserError):
            session.write({"partner_id": self.partner_b.id})
        with self.assertRaises(UserError):
            session.interval_ids.write({"stop": datetime(2026, 3, 15, 10, 40)})
        with self.assertRaises(UserError):
            session.unlink()
        self.assertEqual(session.interval_ids.seconds, 600)

    def test_per_unit_product_bills_one_unit(self):
        self.incident.service_rounding_rule_id = self.env.ref(
            "service_contract_quota.service_rounding_rule_unit"
        )
        session = self.new_session(product_id=self.incident.id)
        self.assertFalse(session.quota_id, "the quota covers minutes of remote work")
        with self.at("10:00"):
            session.action_start()
        with self.at("10:42"):
            session.action_pause()
        self.assertEqual(session.preview_quantity, 1)
        self.assertEqual(session.preview_amount, 45.0)
        session.action_finish()
        line = session.service_sale_order_id.order_line
        self.assertEqual(
            (line.product_uom_qty, line.price_unit, line.discount), (1, 45, 0)
        )

    def test_customer_without_contract_pays_the_list_price(self):
        session = self.new_session(partner_id=self.partner_b.id)
        self.assertFalse(session.quota_id)
        self.assertFalse(session.contract_id)
        with self.at("10:00"):
            session.action_start()
        with self.at("10:20"):
            session.action_finish()
        line = session.service_sale_order_id.order_line
        self.assertEqual(
            (line.product_uom_qty, line.price_unit, line.discount), (20, 1.5, 0)
        )
        self.assertEqual(session.service_amount, 30.0)
        self.assertEqual(session.service_covered_quantity, 0)

    def test_session_crossing_the_end_of_the_quota_is_part_covered_part_billed(self):
        self.bill(self.remote, 590)  # 10 min left this month
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.at("10:25"):
            session.action_pause()
        self.assertEqual(session.preview_covered, 10)
        self.assertEqual(session.preview_billed, 15)
        self.assertEqual(session.preview_amount, 22.5)
        self.assertEqual(session.preview_remaining, 0)
        session.action_finish()
        lines = session.service_sale_order_id.order_line.sorted("sequence")
        self.assertEqual(
            [(line.product_uom_qty, line.discount) for line in lines],
            [(10, 100.0), (15, 0.0)],
        )
        self.assertEqual(session.service_sale_order_id.amount_untaxed, 22.5)
        self.assertEqual(self.quota.remaining, 0)
        self.assertEqual(
            (session.service_covered_quantity, session.service_quantity), (10, 25)
        )

    def test_a_running_session_survives_a_restart(self):
        """Nothing lives in memory: a new environment reads the stored clock."""
        session = self.new_session()
        with self.at("10:00"):
            session.with_user(self.technician).action_start()
        self.env.flush_all()
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        with self.at("10:45:15"):
            fresh = api.Environment(self.cr, self.technician.id, {})
            reread = fresh["service.remote.session"].browse(session.id)
            self.assertEqual(reread.state, "running")
            self.assertEqual(reread.elapsed_seconds, 45 * 60 + 15)
            state = fresh["service.remote.session"].get_timer_state()
            self.assertEqual(state["id"], session.id)
            self.assertEqual(state["elapsed_seconds"], 2715)
            self.assertTrue(state["running"])

    def test_one_running_session_per_technician_starting_another_pauses_it(self):
        first = self.new_session()
        second = self.new_session(partner_id=self.partner_b.id)
        with self.at("10:00"):
            first.action_start()
        with self.at("10:10"):
            second.action_start()
        self.assertEqual(first.state, "paused")
        self.assertEqual(self.elapsed(first), 600)
        self.assertEqual(second.state, "running")
        self.assertIn("Paused", first.message_ids[0].body)
        # Another technician's clock is not touched.
        other = self.new_session(user=self.tech2)
        with self.at("10:11"):
            other.action_start()
        self.assertEqual(second.state, "running")
        # The database refuses two running sessions of one technician.
        with (
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
            mute_logger("odoo.sql_db"),
        ):
            first.sudo().write({"state": "running"})
            first.flush_recordset()

    def test_manager_chooses_another_quota(self):
        second_quota = self._quota(self.contract, allowance=60, products=self.remote)
        session = self.new_session()
        self.assertEqual(session.quota_id, self.quota)
        with self.assertRaises(AccessError):
            session.with_user(self.technician).write({"quota_id": second_quota.id})
        session.with_user(self.manager).write({"quota_id": second_quota.id})
        with self.at("10:00"):
            session.action_start()
        with self.at("10:15"):
            session.action_finish()
        self.assertEqual(
            session.service_sale_order_id.order_line.service_quota_id, second_quota
        )
        self.assertEqual(second_quota.remaining, 45)
        self.assertEqual(self.quota.remaining, 600)

    def test_timer_state_for_the_systray(self):
        self.assertEqual(
            self.Session.with_user(self.technician).get_timer_state(),
            {"id": False, "paused": []},
        )
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.at("10:01:05"):
            state = self.Session.with_user(self.technician).get_timer_state()
        self.assertEqual(state["partner"], self.partner.display_name)
        self.assertEqual(state["elapsed_seconds"], 65)
        with self.at("10:02"):
            session.action_pause()
            state = self.Session.with_user(self.technician).get_timer_state()
        self.assertEqual((state["id"], state["running"]), (session.id, False))

    def test_console_opens_the_current_session_or_a_new_one(self):
        Session = self.Session.with_user(self.technician)
        action = Session.action_open_console()
        self.assertEqual(action["res_model"], "service.remote.session")
        self.assertFalse(action.get("res_id"))
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        self.assertEqual(Session.action_open_console()["res_id"], session.id)

    def test_clock_changes_reach_other_tabs_over_the_bus(self):
        """The systray of every tab follows the clock through a bus notification."""
        Bus = self.env["bus.bus"].sudo()
        before = Bus.search([]).ids
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        self.env.cr.precommit.run()  # the bus writes at commit: nothing on rollback
        sent = Bus.search([("id", "not in", before)]).filtered(
            lambda n: "service_remote_timer/timer" in n.message
        )
        self.assertEqual(len(sent), 1)
        payload = json.loads(sent.message)["payload"]
        self.assertEqual((payload["id"], payload["running"]), (session.id, True))

    def test_cli_start_resumes_the_open_session_with_the_service_named(self):
        Session = self.Session.with_user(self.technician)
        self.other.default_code = "OTHER-MIN"
        self.partner.name = "Cli Unique Customer"
        with self.at("10:00"):
            first = Session.cli_start(self.partner.name, tool="anydesk")
        self.assertEqual(
            (first["status"], first["url"]), ("created", "anydesk:123456789")
        )
        with self.at("10:05"):
            Session.cli_pause()
        with self.at("10:07"):
            again = Session.cli_start(self.partner.name, product="other-min")
        self.assertEqual((again["id"], again["status"]), (first["id"], "resumed"))
        session = Session.browse(first["id"])
        self.assertEqual(session.product_id, self.other)
        self.assertEqual(len(session.interval_ids), 2)

    def test_a_technician_resets_only_the_false_start_of_this_run(self):
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.at("10:20"):
            session.action_pause()
        with self.at("10:30"):
            session.action_resume()
        with self.at("10:30:20"):
            session.with_user(self.technician).action_reset()
        self.assertEqual(session.state, "paused", "the first 20 minutes stay")
        self.assertEqual(self.elapsed(session), 1200)
        self.assertIn("0:00:20", session.message_ids[0].body)
        session.with_user(self.manager).action_reset()
        self.assertEqual(session.state, "draft")
        self.assertFalse(session.interval_ids)

    def test_the_quota_is_found_on_the_day_of_the_work(self):
        """A contract sold during the call covers the session."""
        session = self.new_session(partner_id=self.partner_b.id)
        self.assertFalse(session.quota_id)
        with self.at("10:00"):
            session.action_start()
        contract = self._contract(self.partner_b, self.TODAY.replace(day=1))
        quota = self._quota(contract, allowance=100, products=self.remote)
        with self.at("10:10"):
            session.action_finish()
        line = session.service_sale_order_id.order_line
        self.assertEqual((line.discount, line.service_quota_id), (100.0, quota))
        self.assertEqual(session.quota_id, quota)
        self.assertEqual(quota.remaining, 90)

    def test_a_cancelled_order_gives_the_session_back_to_bill_again(self):
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.at("10:10"):
            session.action_finish()
        first = session.service_sale_order_id
        first.with_user(self.manager)._action_cancel()
        self.assertEqual(session.state, "paused")
        self.assertFalse(session.service_sale_order_id)
        self.assertEqual(self.quota.remaining, 600, "the quota is given back")
        self.assertIn(first.name, session.message_ids[0].body)
        with self.at("10:20"):
            session.action_finish()
        self.assertEqual(session.state, "done")
        self.assertNotEqual(session.service_sale_order_id, first)
        self.assertEqual(session.service_sale_order_id.order_line.product_uom_qty, 10)
        self.assertEqual(self.quota.remaining, 590)
        self.assertEqual(len(session.timesheet_ids), 1, "the timesheet is updated")

    def test_an_employee_created_after_the_session_is_used(self):
        late = new_test_user(
            self.env,
            "sbs-remote-late",
            groups="service_contract_quota.group_service_technician",
        )
        session = self.new_session(user=late)
        with self.at("10:00"):
            session.action_start()
        with self.at("10:05"), self.assertRaises(UserError):
            session.action_finish()
        employee = self.env["hr.employee"].create({"name": "Late", "user_id": late.id})
        with self.at("10:06"):
            session.action_finish()
        self.assertEqual(session.timesheet_ids.employee_id, employee)

    def test_the_billing_day_is_the_technicians(self):
        """00:30 in Berlin on 1 April is 22:30 UTC on 31 March: billed on 1 April."""
        self.technician.tz = "Europe/Berlin"
        session = self.new_session()
        with freeze_time("2026-03-31 22:30:00"):
            session.action_start()
        with freeze_time("2026-03-31 22:40:00"):
            session.with_user(self.manager).action_finish()
        self.assertEqual(session.timesheet_ids.date.isoformat(), "2026-04-01")
        move = self.quota.move_ids.filtered(lambda m: m.move_type == "consumption")
        self.assertEqual(move.period_start.isoformat(), "2026-04-01")

    def test_settings_set_the_default_service_and_the_timesheet_project(self):
        project = self.env["project.project"].create(
            {"name": "Other remote project", "allow_timesheets": True}
        )
        settings = self.env["res.config.settings"].create(
            {
                "service_remote_product_id": self.onsite.id,
                "service_remote_project_id": project.id,
            }
        )
        settings.execute()
        self.assertEqual(self.env.company.service_remote_product_id, self.onsite)
        session = self.new_session()
        self.assertEqual(session.product_id, self.onsite)
        with self.at("10:00"):
            session.action_start()
        with self.at("10:30"):
            session.action_finish()
        self.assertEqual(session.timesheet_ids.project_id, project)
