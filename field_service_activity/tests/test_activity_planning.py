from datetime import datetime, timedelta

from lxml import etree
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .activity_common import ActivityCase


class TestActivityPlanning(ActivityCase):
    # -- creating under customer > equipment ---------------------------------

    def test_choosing_the_equipment_fills_customer_and_site(self):
        form = Form(self.env["fsm.order"].with_user(self.manager))
        form.service_equipment_id = self.printer
        self.assertEqual(form.service_partner_id, self.partner)
        self.assertEqual(form.location_id, self.site)
        order = form.save()
        self.assertIn(self.printer, order.equipment_ids)
        # over RPC too: the site comes from the equipment
        order = (
            self.env["fsm.order"]
            .with_user(self.manager)
            .create({"service_equipment_id": self.printer.id})
        )
        self.assertEqual(order.location_id, self.site)
        self.assertEqual(order.service_partner_id, self.partner)

    def test_warranty_is_proposed_up_to_the_warranty_end_day(self):
        last_day = datetime(2026, 6, 30, 14, 0)  # 16:00 in Berlin, on the last day
        form = Form(self.env["fsm.order"].with_user(self.manager))
        form.service_equipment_id = self.boiler
        form.scheduled_date_start = last_day
        self.assertEqual(form.service_kind, "warranty")
        form.scheduled_date_start = last_day + timedelta(days=1)
        self.assertEqual(form.service_kind, "one_off", "the day after: no warranty")
        form.scheduled_date_start = last_day
        self.assertEqual(form.service_kind, "warranty")
        # proposed, not forced: the manager may choose otherwise
        form.service_kind = "one_off"
        self.assertEqual(form.save().service_kind, "one_off")

    def test_warranty_boundary_is_the_local_day(self):
        """22:30 UTC on the last day is already the next day in Berlin."""
        late = self.activity(
            service_equipment_id=self.boiler.id,
            scheduled_date_start=datetime(2026, 6, 30, 22, 30),
        )
        self.assertEqual(late.service_kind, "one_off")
        in_time = self.activity(
            service_equipment_id=self.boiler.id,
            scheduled_date_start=datetime(2026, 6, 30, 21, 30),
        )
        self.assertEqual(in_time.service_kind, "warranty")
        chosen = self.activity(
            service_equipment_id=self.boiler.id,
            scheduled_date_start=datetime(2026, 6, 30, 9, 0),
            service_kind="one_off",
        )
        self.assertEqual(chosen.service_kind, "one_off", "an explicit kind is kept")

    def test_out_of_warranty_equipment_proposes_nothing(self):
        form = Form(self.env["fsm.order"].with_user(self.manager))
        form.service_equipment_id = self.printer
        form.scheduled_date_start = datetime(2026, 3, 2, 9, 0)
        self.assertEqual(form.service_kind, "one_off")

    def test_a_schedule_makes_an_activity_recurring(self):
        order = self.activity(
            service_equipment_id=self.printer.id,
            service_recurrence_unit="yearly",
            service_recurrence_until=datetime(2030, 1, 1).date(),
        )
        self.assertEqual(order.service_kind, "recurring")

    # -- what only managers decide -------------------------------------------

    def test_only_managers_change_kind_customer_and_quota(self):
        order = self.activity(
            service_equipment_id=self.printer.id,
            person_id=self.worker.id,
            scheduled_date_start=datetime(2026, 3, 2, 9, 0),
        )
        other = self.env["res.partner"].create({"name": "Someone else"})
        as_technician = order.with_user(self.technician)
        for vals in (
            {"service_kind": "warranty"},
            {"service_partner_id": other.id},
            {"service_quota_manual": True},
        ):
            with self.assertRaises(UserError):
                as_technician.write(vals)
        self.assertEqual(order.service_kind, "one_off")
        self.assertEqual(order.service_partner_id, self.partner)
        # the same values written back (as a form does) pass, and other fields too
        as_technician.write(
            {"service_kind": "one_off", "description": "<p>Seen on site</p>"}
        )
        order.with_user(self.manager).write(
            {"service_kind": "warranty", "service_partner_id": other.id}
        )
        self.assertEqual(order.service_partner_id, other)

    def test_a_quota_chosen_by_a_manager_is_kept(self):
        order = self.activity(service_equipment_id=self.printer.id)
        quota = self.env["service.quota"].create(
            {
                "name": "10 hours",
                "contract_id": self.contract.id,
                "allowance": 10,
                "product_ids": [Command.set(self.hour.ids)],
            }
        )
        with self.assertRaises(UserError):
            order.with_user(self.technician).sudo(False).write(
                {"service_quota_id": quota.id}
            )
        order.with_user(self.manager).service_quota_id = quota
        self.assertTrue(order.service_quota_manual)
        self.assertEqual(order.service_contract_id, self.contract)

    # -- planning ------------------------------------------------------------

    def _to_plan_domain(self):
        arch = self.env["fsm.order"].get_views([(False, "search")])["views"]["search"][
            "arch"
        ]
        node = etree.fromstring(arch).xpath("//filter[@name='service_to_plan']")[0]
        return safe_eval(node.get("domain"))

    def test_unplanned_filter_lists_activities_without_technician_or_date(self):
        no_one = self.activity(scheduled_date_start=datetime(2026, 3, 2, 9, 0))
        no_date = self.activity(person_id=self.worker.id)
        planned = self.activity(
            person_id=self.worker.id, scheduled_date_start=datetime(2026, 3, 2, 9, 0)
        )
        done = self.activity()
        done.sudo().service_state = "done"
        found = (
            self.env["fsm.order"].with_user(self.manager).search(self._to_plan_domain())
        )
        self.assertIn(no_one, found)
        self.assertIn(no_date, found)
        self.assertNotIn(planned, found)
        self.assertNotIn(done, found)
        no_one.with_user(self.manager).person_id = self.other_worker
        self.assertNotIn(
            no_one,
            self.env["fsm.order"].search(self._to_plan_domain()),
            "assigned and dated: planned",
        )

    def test_planning_a_technician_twice_at_once_is_warned(self):
        first = self.activity(
            person_id=self.worker.id,
            scheduled_date_start=datetime(2026, 3, 2, 8, 0),
            scheduled_duration=2,
        )
        second = self.activity(
            person_id=self.worker.id,
            scheduled_date_start=datetime(2026, 3, 2, 9, 0),
            scheduled_duration=2,
        )
        self.assertIn(first.name, second.service_overlap_warning)
        self.assertIn(second.name, first.service_overlap_warning)
        after = self.activity(
            person_id=self.worker.id,
            scheduled_date_start=datetime(2026, 3, 2, 11, 0),
            scheduled_duration=1,
        )
        self.assertFalse(after.service_overlap_warning, "back to back is fine")
        elsewhere = self.activity(
            person_id=self.other_worker.id,
            scheduled_date_start=datetime(2026, 3, 2, 9, 0),
            scheduled_duration=2,
        )
        self.assertFalse(elsewhere.service_overlap_warning)
        # while planning in the form, before saving
        form = Form(self.env["fsm.order"].with_user(self.manager))
        form.service_equipment_id = self.printer
        form.person_id = self.worker
        form.scheduled_date_start = datetime(2026, 3, 2, 9, 30)
        form.scheduled_duration = 1
        self.assertIn(first.name, form.service_overlap_warning)
        form.scheduled_date_start = datetime(2026, 3, 2, 13, 0)
        self.assertFalse(form.service_overlap_warning)
        # a warning, not a refusal
        self.assertTrue(second.exists())

    def _planning_mails(self, order):
        template = self.env.ref("field_service_activity.mail_template_activity_planned")
        subject = template._render_field("subject", order.ids)[order.id]
        return self.env["mail.message"].search(
            [
                ("model", "=", "fsm.order"),
                ("res_id", "=", order.id),
                ("subject", "=", subject),
                ("partner_ids", "in", self.partner.ids),
            ]
        )

    def _all_planning_mails(self, order):
        return self.env["mail.message"].search(
            [
                ("model", "=", "fsm.order"),
                ("res_id", "=", order.id),
                ("message_type", "=", "comment"),
                ("partner_ids", "in", self.partner.ids),
            ]
        )

    def test_the_customer_gets_one_planning_email_per_change(self):
        order = self.activity(service_equipment_id=self.printer.id)
        self.assertFalse(self._all_planning_mails(order), "not planned yet")
        manager_order = order.with_user(self.manager)
        manager_order.write(
            {
                "person_id": self.worker.id,
                "scheduled_date_start": datetime(2026, 3, 2, 9, 0),
                "scheduled_duration": 2,
            }
        )
        mails = self._all_planning_mails(order)
        self.assertEqual(len(mails), 1)
        self.assertIn(self.technician.partner_id.name, mails.body)
        self.assertIn("10:00", mails.body, "the time in the customer's zone")
        self.assertIn("10:00", mails.subject)
        self.assertTrue(
            self.env["mail.mail"].search([("mail_message_id", "=", mails.id)]),
            "an e-mail goes out",
        )
        # other writes, or the same plan written again: nothing more
        manager_order.write({"description": "<p>Bring a ladder</p>"})
        manager_order.write(
            {
                "person_id": self.worker.id,
                "scheduled_date_start": datetime(2026, 3, 2, 9, 0),
            }
        )
        self.assertEqual(len(self._all_planning_mails(order)), 1)
        # moved in the calendar (start and end), then another technician
        manager_order.write(
            {
                "scheduled_date_start": datetime(2026, 3, 3, 9, 0),
                "scheduled_date_end": datetime(2026, 3, 3, 11, 0),
            }
        )
        self.assertEqual(len(self._all_planning_mails(order)), 2)
        manager_order.person_id = self.other_worker
        mails = self._all_planning_mails(order)
        self.assertEqual(len(mails), 3)
        self.assertIn(self.other_technician.partner_id.name, mails[0].body)

    # -- recurrence ----------------------------------------------------------

    def _recurring(self, start, unit="monthly", **vals):
        vals.setdefault("service_recurrence_interval", 1)
        return self.activity(
            service_equipment_id=self.printer.id,
            service_kind="recurring",
            service_recurrence_unit=unit,
            person_id=self.worker.id,
            scheduled_date_start=start,
            scheduled_duration=2,
            service_line_ids=[
                Command.create(
                    {
                        "line_kind": "part",
                        "product_id": self.gasket.id,
                        "planned_qty": 2,
                        "used_qty": 3,
                    }
                ),
                Command.create(
                    {"line_kind": "part", "product_id": self.hour.id, "used_qty": 1}
                ),
            ],
            **vals,
        )

    def test_done_recurring_activity_plans_the_next_once_on_the_right_day(self):
        # 31 January 10:00 in Berlin
        first = self._recurring(datetime(2026, 1, 31, 9, 0))
        first.sudo().service_state = "done"
        second = first.service_next_id
        self.assertTrue(second)
        self.assertEqual(second.service_previous_id, first)
        self.assertEqual(
            second.scheduled_date_start,
            datetime(2026, 2, 28, 9, 0),
            "the month's last day, same local time",
        )
        self.assertEqual(second.scheduled_date_end, datetime(2026, 2, 28, 11, 0))
        self.assertEqual(second.service_kind, "recurring")
        self.assertEqual(second.service_equipment_id, self.printer)
        self.assertEqual(second.service_state, "planned")
        self.assertFalse(second.person_id, "a manager assigns whoever is free")
        self.assertTrue(second.service_to_plan)
        self.assertEqual(
            [
                (line.product_id, line.planned_qty, line.used_qty)
                for line in second.service_line_ids
            ],
            [(self.gasket, 2, 0)],
            "planned lines only, nothing used yet",
        )
        # again, from the job, or when approved: nothing more
        first._service_plan_next_occurrence()
        self.env["fsm.order"]._cron_service_plan_next_occurrences()
        # (as approval's own hook sets it)
        first.sudo().with_context(service_billing=True).service_state = "approved"
        self.assertEqual(
            self.env["fsm.order"].search_count(
                [("service_previous_id", "=", first.id)]
            ),
            1,
        )
        # the series keeps its anchor: 31 March, not 28 March
        second.sudo().service_state = "done"
        self.assertEqual(
            second.service_next_id.scheduled_date_start,
            datetime(2026, 3, 31, 8, 0),
            "10:00 in Berlin, summer time",
        )

    def test_the_daily_job_catches_up_and_the_series_ends(self):
        first = self._recurring(
            datetime(2026, 1, 15, 9, 0),
            service_recurrence_until=datetime(2026, 2, 20).date(),
        )
        # finished by a path that did not plan the next occurrence
        self.env.cr.execute(
            "UPDATE fsm_order SET service_state = 'done' WHERE id = %s", [first.id]
        )
        first.invalidate_recordset()
        created = self.env["fsm.order"]._cron_service_plan_next_occurrences()
        self.assertEqual(created, first.service_next_id)
        self.assertEqual(created.scheduled_date_start, datetime(2026, 2, 15, 9, 0))
        created.sudo().service_state = "done"
        self.assertFalse(created.service_next_id, "15 March is after the end")
        self.assertTrue(created.service_recurrence_ended)
        self.assertFalse(self.env["fsm.order"]._cron_service_plan_next_occurrences())

    def test_a_second_next_occurrence_is_refused_by_the_database(self):
        first = self._recurring(datetime(2026, 1, 15, 9, 0))
        first.sudo().service_state = "done"
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.activity(service_previous_id=first.id)
            self.env.flush_all()

    def test_broken_schedules_are_refused(self):
        with self.assertRaises(ValidationError):
            self._recurring(datetime(2026, 1, 15, 9, 0), service_recurrence_interval=0)
        with self.assertRaises(ValidationError):
            self._recurring(
                datetime(2026, 1, 15, 9, 0),
                service_recurrence_until=datetime(2026, 1, 1).date(),
            )
