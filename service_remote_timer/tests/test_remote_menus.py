from odoo.addons.service_contract_quota.tests.common import ServiceCase


class TestRemoteMenus(ServiceCase):
    def test_technician_finds_remote_support_and_timesheets(self):
        menus = self.visible_menu_xmlids(self.technician)
        self.assertIn("service_remote_timer.service_remote_menu", menus)
        self.assertIn("service_remote_timer.service_remote_timesheet_menu", menus)
        self.assertNotIn(
            "service_remote_timer.service_remote_menu",
            self.visible_menu_xmlids(self.employee),
        )

    def test_technician_logs_remote_support_time(self):
        """Every minute of remote support is a timesheet line of the technician."""
        project = self.env["project.project"].create({"name": "Remote support"})
        self.env["hr.employee"].create({"name": "Tech", "user_id": self.technician.id})
        line = (
            self.env["account.analytic.line"]
            .with_user(self.technician)
            .create(
                {
                    "name": "Printer driver",
                    "project_id": project.id,
                    "unit_amount": 0.25,
                }
            )
        )
        self.assertEqual(line.employee_id.user_id, self.technician)
        self.assertEqual(line.unit_amount, 0.25)
