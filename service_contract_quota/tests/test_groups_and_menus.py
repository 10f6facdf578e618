from odoo.exceptions import AccessError

from .common import MANAGER, TECHNICIAN, ServiceCase


class TestGroupsAndMenus(ServiceCase):
    def test_manager_implies_technician(self):
        self.assertTrue(self.manager.has_group(TECHNICIAN))
        self.assertTrue(self.manager.has_group(MANAGER))
        self.assertTrue(self.technician.has_group(TECHNICIAN))
        self.assertFalse(self.technician.has_group(MANAGER))

    def test_technician_can_log_time_and_sell(self):
        """Technicians log timesheets and produce sale orders: they need both."""
        self.assertTrue(
            self.technician.has_group("hr_timesheet.group_hr_timesheet_user")
        )
        self.assertTrue(self.technician.has_group("sales_team.group_sale_salesman"))

    def test_service_menu_visible_to_service_roles_only(self):
        root = "service_contract_quota.service_menu_root"
        config = "service_contract_quota.service_config_menu"
        technician_menus = self.visible_menu_xmlids(self.technician)
        manager_menus = self.visible_menu_xmlids(self.manager)
        employee_menus = self.visible_menu_xmlids(self.employee)
        self.assertIn(root, technician_menus)
        self.assertIn("service_contract_quota.service_contract_menu", technician_menus)
        self.assertNotIn(config, technician_menus)
        self.assertIn(config, manager_menus)
        self.assertNotIn(root, employee_menus)

    def test_technician_reads_contracts_but_cannot_change_them(self):
        contract = self.contract.with_user(self.technician)
        self.assertEqual(contract.name, "Support for Test Customer")
        self.assertEqual(contract.contract_line_ids.price_unit, 100.0)
        with self.assertRaises(AccessError):
            contract.write({"name": "Changed by a technician"})
        with self.assertRaises(AccessError):
            contract.contract_line_ids.write({"price_unit": 1.0})
        self.assertEqual(self.contract.name, "Support for Test Customer")

    def test_manager_configures_contracts(self):
        contract = self.contract.with_user(self.manager)
        contract.write({"name": "Renamed by the manager"})
        self.assertEqual(self.contract.name, "Renamed by the manager")

    def test_plain_employee_cannot_read_contracts(self):
        with self.assertRaises(AccessError):
            self.contract.with_user(self.employee).read(["name"])

    def test_minutes_convert_to_hours(self):
        minute = self.env.ref("service_contract_quota.uom_minute")
        hour = self.env.ref("uom.product_uom_hour")
        self.assertAlmostEqual(minute._compute_quantity(90, hour), 1.5)
        self.assertAlmostEqual(hour._compute_quantity(2, minute), 120)
