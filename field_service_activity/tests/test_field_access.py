from odoo.exceptions import AccessError

from odoo.addons.service_contract_quota.tests.common import ServiceCase


class TestFieldAccess(ServiceCase):
    def test_service_roles_work_field_orders(self):
        self.assertTrue(self.technician.has_group("fieldservice.group_fsm_user"))
        self.assertTrue(self.manager.has_group("fieldservice.group_fsm_manager"))
        self.assertIn(
            "field_service_activity.service_field_order_menu",
            self.visible_menu_xmlids(self.technician),
        )
        self.assertNotIn(
            "field_service_activity.service_field_order_menu",
            self.visible_menu_xmlids(self.employee),
        )

    def test_manager_plans_an_order_at_the_customer(self):
        location = (
            self.env["fsm.location"]
            .with_user(self.manager)
            .create({"name": "Head office", "owner_id": self.partner.id})
        )
        order = (
            self.env["fsm.order"]
            .with_user(self.manager)
            .create({"location_id": location.id})
        )
        self.assertEqual(
            order.with_user(self.technician).location_id.owner_id, self.partner
        )

    def test_plain_employee_sees_no_orders(self):
        with self.assertRaises(AccessError):
            self.env["fsm.order"].with_user(self.employee).search([])
