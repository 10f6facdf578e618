from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from .equipment_common import EquipmentCase


class TestWorkshop(EquipmentCase):
    def setUp(self):
        super().setUp()
        self.repairer = self.env["res.partner"].create(
            {"name": "Burner Repairs Ltd", "is_company": True}
        )

    def receive(self, user=None, **values):
        equipment = self.equipment.with_user(user or self.technician)
        action = equipment.action_service_receive()
        form = Form(
            self.env[action["res_model"]]
            .with_user(user or self.technician)
            .with_context(**action["context"])
        )
        form.fault = values.get("fault", "Burner does not ignite")
        form.accessories = values.get("accessories", "Remote control")
        return form.save().action_receive()

    def send(self, user=None):
        equipment = self.equipment.with_user(user or self.technician)
        action = equipment.action_service_send()
        form = Form(
            self.env[action["res_model"]]
            .with_user(user or self.technician)
            .with_context(**action["context"])
        )
        form.partner_id = self.repairer
        form.note = "Replace the ignition module"
        return form.save().action_send()

    def test_a_round_trip_is_recorded_on_the_equipment(self):
        report = self.receive()
        self.assertEqual(self.equipment.service_status, "workshop")
        self.assertEqual(report["type"], "ir.actions.report")
        self.assertEqual(
            report["report_name"],
            "field_service_activity.fsm_equipment_intake_document",
        )
        self.send()
        self.assertEqual(self.equipment.service_status, "repairer")
        self.assertEqual(self.equipment.service_repairer_id, self.repairer)
        self.equipment.with_user(self.second_technician).action_service_back()
        self.assertEqual(self.equipment.service_status, "workshop")
        self.equipment.with_user(self.technician).action_service_return()
        self.assertEqual(self.equipment.service_status, "returned")

        moves = self.equipment.service_move_ids.sorted("id")
        self.assertEqual(
            [(m.from_status, m.to_status) for m in moves],
            [
                ("customer", "workshop"),
                ("workshop", "repairer"),
                ("repairer", "workshop"),
                ("workshop", "returned"),
            ],
        )
        self.assertEqual(
            moves.mapped("user_id"),
            self.technician | self.second_technician | self.technician,
        )
        self.assertEqual(moves[0].fault, "Burner does not ignite")
        self.assertEqual(moves[0].accessories, "Remote control")
        self.assertEqual(moves[1].partner_id, self.repairer)
        self.assertEqual(moves[1].note, "Replace the ignition module")
        self.assertEqual(self.equipment.service_intake_id, moves[0])
        bodies = self.equipment.message_ids.mapped("body")
        self.assertTrue(any("Sent to Burner Repairs Ltd" in b for b in bodies))
        self.assertTrue(any("Received in the workshop" in b for b in bodies))
        self.assertTrue(any("Back from the external repairer" in b for b in bodies))
        self.assertTrue(any("Returned to the customer" in b for b in bodies))
        # back at the customer, it can come in again
        self.receive()
        self.assertEqual(self.equipment.service_status, "workshop")

    def test_a_move_that_does_not_start_here_changes_nothing(self):
        with self.assertRaisesText(UserError, "at the customer: receive it"):
            self.equipment.with_user(self.technician).action_service_return()
        with self.assertRaises(UserError):
            self.equipment.with_user(self.technician)._service_move("send")
        self.receive()
        with self.assertRaisesText(UserError, "in our workshop: send it"):
            self.equipment.with_user(self.technician)._service_move("receive")
        self.assertEqual(self.equipment.service_status, "workshop")
        self.assertEqual(len(self.equipment.service_move_ids), 1)

    def test_a_technician_cannot_write_the_status_directly(self):
        equipment = self.equipment.with_user(self.technician)
        for status in ("workshop", "repairer", "returned"):
            with self.assertRaises(AccessError):
                equipment.write({"service_status": status})
        with self.assertRaises(AccessError):
            self.env["fsm.equipment.move"].with_user(self.technician).create(
                {"equipment_id": self.equipment.id, "to_status": "workshop"}
            )
        self.assertEqual(self.equipment.service_status, "customer")
        self.assertFalse(self.equipment.service_move_ids)

    def test_a_user_with_equipment_write_but_no_manager_role_cannot_either(self):
        """OCA's field service manager may edit equipment; where it is still
        moves through the workshop actions, or a service manager's correction."""
        fsm_manager = self.env["res.users"].create(
            {
                "name": "FSM-only manager",
                "login": "sbs-fsm-only",
                "groups_id": [
                    Command.set([self.env.ref("fieldservice.group_fsm_manager").id])
                ],
            }
        )
        with self.assertRaisesText(AccessError, "workshop actions"):
            self.equipment.with_user(fsm_manager).write({"service_status": "workshop"})
        with self.assertRaisesText(AccessError, "Only technicians"):
            self.equipment.with_user(fsm_manager).action_service_return()
        with self.assertRaises(AccessError):
            self.equipment.with_user(self.employee).action_service_receive()
        self.assertEqual(self.equipment.service_status, "customer")

    def test_the_history_cannot_be_rewritten(self):
        self.receive()
        move = self.equipment.service_move_ids
        with self.assertRaises(AccessError):
            move.with_user(self.technician).write({"note": "Nothing happened"})
        for values in (
            {"to_status": "repairer"},
            {"date": datetime(2020, 1, 1)},
            {"user_id": self.manager.id},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                move.with_user(self.manager).write(values)
        with self.assertRaises(AccessError):
            move.with_user(self.manager).unlink()
        move.with_user(self.manager).write({"note": "Customer called: urgent"})
        self.assertEqual(
            (move.to_status, move.user_id, move.note),
            ("workshop", self.technician, "Customer called: urgent"),
        )

    def test_a_manager_corrects_the_status_with_a_trace(self):
        self.equipment.with_user(self.manager).write({"service_status": "repairer"})
        self.assertEqual(self.equipment.service_status, "repairer")
        move = self.equipment.service_move_ids
        self.assertEqual(len(move), 1)
        self.assertEqual(
            (move.from_status, move.to_status, move.user_id, move.note),
            ("customer", "repairer", self.manager, "Corrected by hand"),
        )
        note = self.equipment.message_ids[:1]
        self.assertIn("corrected where the equipment is", note.body)
        self.assertEqual(note.author_id, self.manager.partner_id)

    def test_the_intake_receipt_holds_customer_serial_and_date(self):
        self.receive(fault="Leaks at the pump", accessories="Two hoses")
        intake = self.equipment.service_intake_id
        intake.date = datetime(2026, 3, 14, 9, 30)
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "field_service_activity.fsm_equipment_intake_report", intake.ids
            )[0]
        )
        self.assertIn(self.partner.name, html)
        self.assertIn("TB-0001", html)
        self.assertIn("03/14/2026", html)
        self.assertIn("Leaks at the pump", html)
        self.assertIn("Two hoses", html)
        self.assertIn(self.technician.name, html)
        self.assertIn("signature", html)
        # the equipment form reprints the last one
        action = self.equipment.with_user(self.technician).action_service_print_intake()
        self.assertEqual(action["context"]["active_ids"], intake.ids)
