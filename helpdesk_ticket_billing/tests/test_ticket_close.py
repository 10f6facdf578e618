from lxml import html

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTicketClose(HttpCase):
    """helpdesk_mgmt's /ticket/close closed any customer's ticket with a GET
    (OCA/helpdesk #1089): now POST only, on a ticket the user may read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.rejected = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_rejected")
        cls.ticket_a = cls._customer_ticket("Alpha")
        cls.ticket_b = cls._customer_ticket("Bravo")
        cls.new_stage = cls.ticket_a.stage_id
        assert cls.done.close_from_portal and not cls.rejected.close_from_portal
        assert not cls.new_stage.closed

    @classmethod
    def _customer_ticket(cls, tag):
        company = cls.env["res.partner"].create(
            {"name": f"{tag} Tickets Ltd", "is_company": True}
        )
        contact = cls.env["res.partner"].create(
            {"name": f"{tag} Caller", "parent_id": company.id}
        )
        login = f"sbs-ticket-{tag.lower()}"
        new_test_user(cls.env, login, groups="base.group_portal", partner_id=contact.id)
        return cls.env["helpdesk.ticket"].create(
            {
                "name": f"{tag} printer is down",
                "description": "<p>Blank pages</p>",
                "partner_id": contact.id,
            }
        )

    def _post_close(self, ticket, stage):
        return self.url_open(
            "/ticket/close",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "ticket_id": ticket.id,
                "stage_id": stage.id,
            },
            allow_redirects=False,
        )

    def assertOpen(self, ticket):
        ticket.invalidate_recordset()
        self.assertEqual(ticket.stage_id, self.new_stage)
        self.assertFalse(ticket.closed_date)

    def test_customer_cannot_close_another_customers_ticket(self):
        self.authenticate("sbs-ticket-bravo", "sbs-ticket-bravo")
        query = f"ticket_id={self.ticket_a.id}&stage_id={self.done.id}"
        response = self.url_open(f"/ticket/close?{query}", allow_redirects=False)
        self.assertNotEqual(response.status_code // 100, 2)
        self.assertOpen(self.ticket_a)
        response = self._post_close(self.ticket_a, self.done)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Alpha", response.text)
        self.assertOpen(self.ticket_a)
        # Their own ticket, they can close.
        response = self._post_close(self.ticket_b, self.done)
        self.assertEqual(response.status_code, 302)
        self.ticket_b.invalidate_recordset()
        self.assertEqual(self.ticket_b.stage_id, self.done)

    def test_customer_closes_own_ticket_with_the_portal_button(self):
        self.authenticate("sbs-ticket-alpha", "sbs-ticket-alpha")
        page = self.url_open(f"/my/ticket/{self.ticket_a.id}")
        self.assertEqual(page.status_code, 200)
        forms = {
            int(form.xpath(".//input[@name='stage_id']/@value")[0]): form
            for form in html.fromstring(page.text).xpath(
                "//form[@action='/ticket/close']"
            )
        }
        self.assertIn(self.done.id, forms)
        self.assertNotIn(self.rejected.id, forms)
        form = forms[self.done.id]
        self.assertEqual(form.method, "POST")
        response = self.url_open(
            "/ticket/close", data=dict(form.form_values()), allow_redirects=False
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(
            response.headers["Location"].endswith(f"/my/ticket/{self.ticket_a.id}")
        )
        self.ticket_a.invalidate_recordset()
        self.assertEqual(self.ticket_a.stage_id, self.done)
        self.assertTrue(self.ticket_a.closed_date)

    def test_close_needs_post_and_a_stage_offered_on_the_portal(self):
        self.authenticate("sbs-ticket-alpha", "sbs-ticket-alpha")
        query = f"ticket_id={self.ticket_a.id}&stage_id={self.done.id}"
        response = self.url_open(f"/ticket/close?{query}", allow_redirects=False)
        self.assertEqual(response.status_code, 405)
        self.assertOpen(self.ticket_a)
        self._post_close(self.ticket_a, self.rejected)
        self.assertOpen(self.ticket_a)
        response = self.url_open(
            "/ticket/close",
            data={"ticket_id": self.ticket_a.id, "stage_id": self.done.id},
            allow_redirects=False,
        )
        self.assertNotEqual(response.status_code // 100, 3)
        self.assertOpen(self.ticket_a)
