from datetime import datetime

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestActivityTour(HttpCase):
    def test_manager_creates_and_plans_an_activity(self):
        """Demo manager: a visit for Acme's printer, a part, Tess on a free slot."""
        printer = self.env.ref("field_service_activity.fsm_equipment_printer_acme_demo")
        acme = self.env.ref("service_contract_quota.partner_acme_demo")
        before = self.env["fsm.order"].search([])
        self.start_tour(
            "/odoo/action-fieldservice.action_fsm_operation_order/new",
            "field_service_activity_planning",
            login="manager",
        )
        order = self.env["fsm.order"].search([]) - before
        self.assertEqual(len(order), 1)
        self.assertEqual(order.service_equipment_id, printer)
        self.assertEqual(order.service_partner_id, acme)
        self.assertEqual(order.location_id, printer.location_id)
        self.assertEqual(order.service_kind, "one_off")
        self.assertEqual(
            order.person_id,
            self.env.ref("field_service_activity.fsm_person_technician_demo"),
        )
        self.assertTrue(order.scheduled_date_start)
        self.assertGreater(order.scheduled_date_start, datetime(2030, 3, 14))
        self.assertEqual(order.scheduled_duration, 2)
        self.assertEqual(order.service_line_ids.planned_qty, 2)
        self.assertFalse(order.service_to_plan)
        planned = order.message_ids.filtered(
            lambda m: m.message_type == "comment" and acme in m.partner_ids
        )
        self.assertEqual(len(planned), 1, "the customer hears of the visit once")

    def test_customer_accepts_an_estimate_on_the_portal(self):
        """Acme's contact, a portal user, accepts the demo estimate."""
        alice = self.env.ref("service_contract_quota.partner_acme_contact_demo")
        new_test_user(
            self.env,
            "acme-portal-tour",
            groups="base.group_portal",
            partner_id=alice.id,
            name=alice.name,
        )
        order = self.env.ref("field_service_activity.fsm_order_printer_estimate_demo")
        self.assertEqual(order.service_estimate_state, "sent")
        self.start_tour(
            "/my", "field_service_activity_estimate_portal", login="acme-portal-tour"
        )
        self.assertEqual(order.service_estimate_state, "accepted")
        self.assertEqual(order.service_estimate_by, "Alice Acme")
