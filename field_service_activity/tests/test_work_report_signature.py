import base64
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .work_report_common import WorkReportCase

T0 = datetime(2026, 3, 16, 8, 0)
REPORT = "field_service_activity.fsm_work_order_report_action"
# A 1x1 PNG: what the signature pad sends, smaller.
SIGNATURE = base64.b64encode(
    base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
        "60e6kgAAAABJRU5ErkJggg=="
    )
)


class SignedCase(WorkReportCase):
    @classmethod
    def default_env_context(cls):
        return {"no_reset_password": True}  # mail on: the customer is e-mailed

    def worked(self, hours=1.5):
        """An activity with ``hours`` on the clock, parts used and notes."""
        order = self.activity()
        mine = self.as_technician(order)
        with freeze_time(T0):
            mine.action_service_start()
        with freeze_time(T0 + timedelta(hours=hours)):
            mine.action_service_stop()
        mine.write(
            {
                "service_km": 37,
                "resolution": "<p>Replaced the burner filter</p>",
                "service_defects_found": "<p>Nozzle worn out</p>",
                "service_reading_ids": [
                    Command.create(
                        {
                            "equipment_id": self.equipment.id,
                            "meter": "Burner hours",
                            "unit": "h",
                            "value": 5120,
                        }
                    )
                ],
            }
        )
        return order

    def sign(self, order, name="Alice Baker", user=None, signature=SIGNATURE, **ctx):
        wizard = (
            self.env["fsm.order.sign.wizard"]
            .with_context(**ctx)
            .with_user(user or self.technician)
            .with_context(active_id=order.id)
            .create({"order_id": order.id, "signed_by": name, "signature": signature})
        )
        with freeze_time(T0 + timedelta(hours=2)):
            return wizard.action_sign()


class TestWorkReportSignature(SignedCase):
    def test_signing_closes_the_activity_and_mails_the_signed_pdf(self):
        order = self.worked()
        self.sign(order)
        self.assertEqual(order.service_state, "done")
        self.assertEqual(order.signed_by, "Alice Baker")
        self.assertEqual(order.signed_on, T0 + timedelta(hours=2))
        self.assertEqual(order.date_end, T0 + timedelta(hours=2))
        self.assertEqual(
            order.stage_id, self.env.ref("fieldservice.fsm_stage_completed")
        )
        pdf = order.service_work_order_id
        self.assertEqual((pdf.res_model, pdf.res_id), ("fsm.order", order.id))
        self.assertIn(order.name.replace("/", "-"), pdf.name)
        messages = self.env["mail.message"].search(
            [
                ("model", "=", "fsm.order"),
                ("res_id", "=", order.id),
                ("attachment_ids", "in", pdf.ids),
            ]
        )
        self.assertEqual(len(messages), 1, "the completion notice, once")
        self.assertIn(self.partner, messages.partner_ids)
        self.assertIn("Alice Baker", str(messages.body))
        mail = self.env["mail.mail"].search([("mail_message_id", "=", messages.id)])
        self.assertIn(self.partner, mail.recipient_ids)
        self.assertEqual(mail.attachment_ids, pdf)

    def test_the_work_order_holds_signer_parts_hours_and_readings(self):
        order = self.worked(hours=1.5)
        self.sign(order)
        html = self.env["ir.actions.report"]._render_qweb_html(REPORT, order.ids)[0]
        html = html.decode()
        for text in (
            "Alice Baker",
            "Burner filter",
            "Gasket set",
            "1:30",
            "CB24-0042",
            "Replaced the burner filter",
            "Nozzle worn out",
            "Burner hours",
            "5,120",
            "37.0",
            "data:image/png;base64",
        ):
            self.assertIn(text, html)
        parts = html[html.index("o_fsa_parts") :]
        self.assertIn("2.00", parts[: parts.index("Gasket set") + 200])

    def test_the_attached_work_order_is_a_pdf(self):
        order = self.worked()
        # outside tests Odoo renders reports with wkhtmltopdf; here on demand
        self.sign(order, force_report_rendering=True)
        attachment = order.service_work_order_id
        self.assertTrue(attachment.raw.startswith(b"%PDF"))
        self.assertEqual(attachment.mimetype, "application/pdf")
        # printing it again gives the document the customer signed
        printed = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, order.ids)[0]
        )
        self.assertEqual(printed, attachment.raw)

    def test_bad_signatures_are_refused_and_change_nothing(self):
        order = self.worked()
        with self.assertRaisesRegex(UserError, "name"):
            self.sign(order, name="  ")
        with self.assertRaisesRegex(UserError, "draw the signature"):
            self.sign(order, signature=False)
        self.assertEqual(order.service_state, "in_progress")
        self.assertFalse(order.signature or order.service_work_order_id)
        self.sign(order)
        with self.assertRaisesRegex(UserError, "already signed"):
            self.sign(order, name="Bob Other", user=self.manager)
        self.assertEqual(order.signed_by, "Alice Baker")
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [
                    ("res_model", "=", "fsm.order"),
                    ("res_id", "=", order.id),
                    ("mimetype", "=", "application/pdf"),
                ]
            ),
            1,
        )

    def test_no_signature_without_time_on_site(self):
        order = self.activity()
        with self.assertRaisesRegex(UserError, "No time on site"):
            self.sign(order)
        self.assertEqual(order.service_state, "planned")

    def test_signing_stops_every_clock_on_the_visit(self):
        order = self.activity()
        with freeze_time(T0):
            self.as_technician(order).action_service_start()
            self.as_technician(order, self.technician_2).action_service_start()
        self.sign(order)
        self.assertFalse(order.service_timesheet_ids.filtered("service_fsm_running"))
        self.assertEqual(order.service_hours, 4)  # 2 h each


class TestWorkReportLock(SignedCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.photo = cls.env["ir.attachment"].create(
            {"name": "nozzle.png", "datas": SIGNATURE, "res_model": "fsm.order"}
        )

    def report_changes(self, order):
        """One change of each field of the work report, as a technician sends it."""
        return {
            "service_km": 99,
            "service_defects_found": "<p>none</p>",
            "resolution": "<p>other</p>",
            "service_line_ids": [
                Command.create({"product_id": self.filter.id, "used_qty": 5})
            ],
            "service_timesheet_ids": [
                Command.create({"name": "More", "date": T0.date(), "unit_amount": 1})
            ],
            "service_reading_ids": [
                Command.create(
                    {"equipment_id": self.equipment.id, "meter": "x", "value": 1}
                )
            ],
            "service_photo_ids": [Command.link(self.photo.id)],
            "date_start": T0 - timedelta(days=1),
            "date_end": T0,
            "signature": SIGNATURE,
            "signed_by": "Mallory",
            "signed_on": T0,
            "service_state": "in_progress",
            "service_work_order_id": False,
        }

    def test_a_technician_can_no_longer_change_the_signed_report(self):
        order = self.worked()
        self.sign(order)
        mine = self.as_technician(order)
        before = order.read(list(self.report_changes(order)))
        for field, value in self.report_changes(order).items():
            with (
                self.subTest(field=field),
                self.assertRaisesRegex(UserError, "signed by Alice"),
            ):
                mine.write({field: value})
        self.assertEqual(order.read(list(self.report_changes(order))), before)
        line, entry, reading = (
            order.service_line_ids[:1],
            order.service_timesheet_ids[:1],
            order.service_reading_ids[:1],
        )
        tech = self.technician
        refused = {
            "used quantity": lambda: line.with_user(tech).write({"used_qty": 9}),
            "a new part": lambda: line.with_user(tech).create(
                {"order_id": order.id, "product_id": self.gasket.id, "used_qty": 1}
            ),
            "a part removed": lambda: line.with_user(tech).unlink(),
            "hours": lambda: entry.with_user(tech).write({"unit_amount": 3}),
            "new time": lambda: entry.with_user(tech).create(
                {
                    "name": "x",
                    "service_fsm_order_id": order.id,
                    "date": T0.date(),
                    "unit_amount": 1,
                }
            ),
            "time removed": lambda: entry.with_user(tech).unlink(),
            "a new reading": lambda: reading.with_user(tech).create(
                {
                    "equipment_id": self.equipment.id,
                    "fsm_order_id": order.id,
                    "meter": "x",
                    "value": 1,
                }
            ),
            "a reading removed": lambda: reading.with_user(tech).unlink(),
            "the signed PDF removed": lambda: order.service_work_order_id.with_user(
                tech
            ).unlink(),
            "start on the signed visit": lambda: mine.action_service_start(),
            "sign again": lambda: mine.action_service_sign(),
        }
        for what, change in refused.items():
            with self.subTest(what=what), self.assertRaises(UserError):
                change()
        self.assertEqual(line.used_qty, 2)
        self.assertEqual(order.service_hours, 1.5)
        self.assertEqual(len(order.service_reading_ids), 1)

    def test_a_manager_still_corrects_the_signed_report(self):
        order = self.worked()
        self.sign(order)
        theirs = order.with_user(self.manager)
        theirs.write({"service_km": 40, "resolution": "<p>Corrected</p>"})
        order.service_line_ids[:1].with_user(self.manager).used_qty = 1
        order.service_timesheet_ids[:1].with_user(self.manager).unit_amount = 1
        self.assertEqual(order.service_km, 40)
        self.assertEqual(order.service_line_ids[:1].approved_qty, 1)
        self.assertEqual(order.service_hours, 1)
        self.assertEqual(order.signed_by, "Alice Baker", "the signature stays")

    def test_a_technician_still_edits_before_signature(self):
        order = self.worked()
        self.as_technician(order).write(
            self.report_changes(order)
            | {
                "signature": False,
                "signed_by": False,
                "signed_on": False,
            }
        )
        self.assertEqual(order.service_km, 99)


@tagged("post_install", "-at_install")
class TestWorkOrderPortal(HttpCase, SignedCase):
    """The signed PDF on the portal: the activity's customer only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        contact_a = cls.env["res.partner"].create(
            {"name": "Alma Contact", "parent_id": cls.partner.id}
        )
        customer_b = cls.env["res.partner"].create(
            {"name": "Customer B", "is_company": True}
        )
        contact_b = cls.env["res.partner"].create(
            {"name": "Bruno Contact", "parent_id": customer_b.id}
        )
        new_test_user(
            cls.env,
            "sbs-portal-alma",
            groups="base.group_portal",
            partner_id=contact_a.id,
        )
        new_test_user(
            cls.env,
            "sbs-portal-bruno",
            groups="base.group_portal",
            partner_id=contact_b.id,
        )

    def test_only_the_customer_gets_the_signed_pdf(self):
        order = self.worked()
        self.sign(order)
        pdf = order.service_work_order_id.raw
        url = f"/my/field-activities/{order.id}/work-order"
        self.authenticate("sbs-portal-alma", "sbs-portal-alma")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertEqual(response.content, pdf)
        self.authenticate("sbs-portal-bruno", "sbs-portal-bruno")
        for target in (url, f"/my/field-activities/{order.id + 10_000}/work-order"):
            response = self.url_open(target)
            self.assertEqual(response.status_code, 404)
            self.assertNotIn(pdf[:200], response.content)
            self.assertNotIn(b"Alice Baker", response.content)
        self.authenticate(None, None)
        response = self.url_open(url, allow_redirects=False)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(pdf[:200], response.content)

    def test_no_pdf_before_signature(self):
        order = self.worked()
        self.authenticate("sbs-portal-alma", "sbs-portal-alma")
        self.assertEqual(
            self.url_open(f"/my/field-activities/{order.id}/work-order").status_code,
            404,
        )
