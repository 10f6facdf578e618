from datetime import datetime

from odoo import Command
from odoo.exceptions import UserError

from .activity_common import ActivityCase


class TestActivityEstimate(ActivityCase):
    def setUp(self):
        super().setUp()
        self.order = self.activity(
            service_equipment_id=self.printer.id,
            scheduled_date_start=datetime(2026, 3, 2, 9, 0),
            service_line_ids=[
                Command.create(
                    {
                        "line_kind": "labour",
                        "product_id": self.hour.id,
                        "planned_qty": 1.5,
                    }
                ),
                Command.create(
                    {
                        "line_kind": "part",
                        "product_id": self.gasket.id,
                        "planned_qty": 2,
                    }
                ),
            ],
        )

    def _estimate_mails(self):
        return self.env["mail.message"].search(
            [
                ("model", "=", "fsm.order"),
                ("res_id", "=", self.order.id),
                ("message_type", "=", "comment"),
                ("partner_ids", "in", self.partner.ids),
                ("subject", "ilike", "cost estimate"),
            ]
        )

    def test_the_estimate_totals_the_planned_lines(self):
        self.assertEqual(self.order.service_estimate_total, 1.5 * 80 + 2 * 12.5)

    def test_sending_emails_a_portal_link_and_the_answer_is_recorded_once(self):
        self.order.with_user(self.manager).action_service_send_estimate()
        self.assertEqual(self.order.service_estimate_state, "sent")
        mail = self._estimate_mails()
        self.assertEqual(len(mail), 1)
        self.assertIn(f"/my/field-activities/{self.order.id}?access_token=", mail.body)
        self.assertIn("145.00", mail.body)
        self.order._service_answer_estimate(True, "Alma Buyer")
        self.assertEqual(self.order.service_estimate_state, "accepted")
        self.assertEqual(self.order.service_estimate_by, "Alma Buyer")
        self.assertTrue(self.order.service_estimate_on)
        self.assertIn("accepted by Alma Buyer", self.order.message_ids[0].body)
        with self.assertRaises(UserError):
            self.order._service_answer_estimate(False, "Someone Else")
        self.assertEqual(self.order.service_estimate_state, "accepted")
        self.assertEqual(self.order.service_estimate_by, "Alma Buyer")
        with self.assertRaises(UserError):
            self.order.with_user(self.manager).action_service_send_estimate()

    def test_an_answer_needs_a_name_and_a_sent_estimate(self):
        with self.assertRaises(UserError):
            self.order._service_answer_estimate(True, "Alma")
        self.order.with_user(self.manager).action_service_send_estimate()
        with self.assertRaises(UserError):
            self.order._service_answer_estimate(True, "  ")
        self.assertEqual(self.order.service_estimate_state, "sent")

    def test_changed_lines_after_acceptance_send_the_estimate_again(self):
        self.order.with_user(self.manager).action_service_send_estimate()
        self.order._service_answer_estimate(True, "Alma Buyer")
        # what the technician uses does not touch the estimate
        self.order.service_line_ids[1].with_user(self.manager).used_qty = 3
        self.assertEqual(self.order.service_estimate_state, "accepted")
        self.order.with_user(self.manager).write(
            {
                "service_line_ids": [
                    Command.update(
                        self.order.service_line_ids[1].id, {"planned_qty": 4}
                    )
                ]
            }
        )
        self.assertEqual(self.order.service_estimate_state, "sent")
        self.assertFalse(self.order.service_estimate_by)
        self.assertEqual(len(self._estimate_mails()), 2, "the customer hears of it")
        self.assertTrue(
            self.order.message_ids.filtered(
                lambda m: "changed after Alma Buyer accepted" in (m.body or "")
            )
        )

    def test_a_refused_estimate_can_be_sent_again(self):
        self.order.with_user(self.manager).action_service_send_estimate()
        self.order._service_answer_estimate(False, "Alma Buyer")
        self.assertEqual(self.order.service_estimate_state, "refused")
        self.order.with_user(self.manager).action_service_send_estimate()
        self.assertEqual(self.order.service_estimate_state, "sent")

    def test_nothing_to_estimate_is_refused(self):
        empty = self.activity()
        with self.assertRaises(UserError):
            empty.with_user(self.manager).action_service_send_estimate()
        self.assertEqual(empty.service_estimate_state, "none")
