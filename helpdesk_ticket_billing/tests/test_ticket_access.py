from odoo.exceptions import AccessError

from odoo.addons.service_contract_quota.tests.common import ServiceCase


class TestTicketAccess(ServiceCase):
    def test_service_roles_work_the_helpdesk(self):
        self.assertTrue(self.technician.has_group("helpdesk_mgmt.group_helpdesk_user"))
        self.assertTrue(self.manager.has_group("helpdesk_mgmt.group_helpdesk_manager"))
        self.assertIn(
            "helpdesk_ticket_billing.service_ticket_menu",
            self.visible_menu_xmlids(self.technician),
        )
        self.assertNotIn(
            "helpdesk_ticket_billing.service_ticket_menu",
            self.visible_menu_xmlids(self.employee),
        )

    def test_technician_opens_ticket_for_customer(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.technician)
            .create(
                {
                    "name": "Mail not syncing",
                    "description": "<p>Since Monday</p>",
                    "partner_id": self.partner.id,
                }
            )
        )
        self.assertTrue(ticket.number)
        self.assertEqual(ticket.partner_id, self.partner)

    def test_plain_employee_has_no_helpdesk(self):
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket"].with_user(self.employee).create(
                {"name": "x", "description": "<p>x</p>"}
            )
