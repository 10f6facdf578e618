from datetime import date, datetime

from lxml import html

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.service_contract_quota.tests.common import QuotaCase


@tagged("post_install", "-at_install")
class TestTicketPortal(HttpCase, QuotaCase):
    """A customer sees its tickets' time and billing, and nothing of another's."""

    freeze_time = None  # the browser's session runs on the real clock

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env["project.project"].create(
            {"name": "Portal desk", "allow_timesheets": True}
        )
        team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Portal support",
                "allow_timesheet": True,
                "default_project_id": cls.project.id,
                "service_product_id": cls.remote.id,
            }
        )
        employee = cls.env["hr.employee"].create({"name": "Tech"})
        cls.contact_a = cls.env["res.partner"].create(
            {"name": "Alma Caller", "parent_id": cls.partner.id}
        )
        cls.contact_b = cls.env["res.partner"].create(
            {"name": "Bruno Caller", "parent_id": cls.partner_b.id}
        )
        new_test_user(
            cls.env,
            "sbs-portal-alma",
            groups="base.group_portal",
            partner_id=cls.contact_a.id,
        )
        new_test_user(
            cls.env,
            "sbs-portal-bruno",
            groups="base.group_portal",
            partner_id=cls.contact_b.id,
        )
        cls.contract.date_start = date(2020, 1, 1)
        cls.contract.date_end = False
        cls.quota.date_end = False
        cls.ticket_a = cls.env["helpdesk.ticket"].create(
            {
                "name": "Alma's scanner jams",
                "description": "<p>Jams</p>",
                "partner_id": cls.contact_a.id,
                "team_id": team.id,
                "project_id": cls.project.id,
            }
        )
        cls.env["account.analytic.line"].create(
            {
                "name": "Cleaned rollers",
                "ticket_id": cls.ticket_a.id,
                "project_id": cls.project.id,
                "employee_id": employee.id,
                "unit_amount": 0.75,
                "date_time": datetime(2026, 3, 1, 9),
            }
        )
        cls.ticket_a.stage_id = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.ticket_a.action_service_bill()

    def test_the_customer_sees_time_billed_and_covered(self):
        self.authenticate("sbs-portal-alma", "sbs-portal-alma")
        page = self.url_open(f"/my/ticket/{self.ticket_a.id}")
        self.assertEqual(page.status_code, 200)
        block = html.fromstring(page.text).xpath(
            "//div[hasclass('o_service_ticket_billing')]"
        )
        text = " ".join(block[0].text_content().split())
        self.assertIn("Time spent 00:45 h", text)
        self.assertIn("Billed 45 Minutes (45 covered by your contract)", text)
        self.assertRegex(text, r"Amount \S* ?0\.00")

    def test_another_customer_gets_nothing_of_it(self):
        self.authenticate("sbs-portal-bruno", "sbs-portal-bruno")
        page = self.url_open(f"/my/ticket/{self.ticket_a.id}", allow_redirects=False)
        self.assertNotEqual(page.status_code, 200)
        self.assertNotIn("scanner", page.text)
        listing = self.url_open("/my/tickets")
        self.assertNotIn("scanner", listing.text)
