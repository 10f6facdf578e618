from odoo import Command, fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestWorkReportPhoneTour(HttpCase):
    browser_size = "390x844"

    def test_a_technician_reports_and_the_customer_signs_on_a_phone(self):
        technician = self.env.ref("service_contract_quota.user_technician_demo")
        self.env["account.analytic.line"].search(
            [("user_id", "=", technician.id), ("service_fsm_running", "=", True)]
        ).sudo().write({"service_fsm_stop": fields.Datetime.now()})
        boiler = self.env.ref("field_service_activity.fsm_equipment_boiler_acme_demo")
        order = self.env["fsm.order"].create(
            {
                "name": "WO-PHONE-TOUR",
                "location_id": boiler.location_id.id,
                "service_equipment_id": boiler.id,
                "person_id": self.env.ref(
                    "field_service_activity.fsm_person_technician_demo"
                ).id,
                "scheduled_date_start": fields.Datetime.now(),
                "service_line_ids": [
                    Command.create(
                        {
                            "product_id": self.env.ref(
                                "field_service_activity.product_fsm_filter_demo"
                            ).id,
                            "planned_qty": 2,
                        }
                    )
                ],
            }
        )
        self.start_tour(
            "/odoo/action-field_service_activity.fsm_order_action_my_activities",
            "field_service_activity_work_report_phone",
            login="technician",
        )
        self.assertEqual(order.service_state, "done")
        self.assertEqual(order.signed_by, "Alice Baker")
        self.assertTrue(order.signature)
        self.assertGreater(order.service_hours, 0)
        self.assertFalse(order.service_timesheet_ids.filtered("service_fsm_running"))
        self.assertEqual(order.service_km, 37)
        used = {
            line.product_id.default_code: line.used_qty
            for line in order.service_line_ids
        }
        self.assertEqual(used, {"FSM-FILTER": 2, "FSM-GASKET": 1})
        self.assertTrue(order.service_work_order_id)
