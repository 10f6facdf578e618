from datetime import datetime

from lxml import html

from odoo import Command, http
from odoo.tests import HttpCase, new_test_user, tagged

from .activity_common import ActivityCase


@tagged("post_install", "-at_install")
class TestActivityPortal(HttpCase, ActivityCase):
    """A customer sees its service visits and answers their estimates; another
    customer gets nothing of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact_a = cls.env["res.partner"].create(
            {"name": "Alma Caller", "parent_id": cls.partner.id}
        )
        cls.customer_b = cls.env["res.partner"].create(
            {"name": "Customer B", "is_company": True}
        )
        cls.contact_b = cls.env["res.partner"].create(
            {"name": "Bruno Caller", "parent_id": cls.customer_b.id}
        )
        new_test_user(
            cls.env,
            "sbs-fsm-alma",
            groups="base.group_portal",
            partner_id=cls.contact_a.id,
        )
        new_test_user(
            cls.env,
            "sbs-fsm-bruno",
            groups="base.group_portal",
            partner_id=cls.contact_b.id,
        )
        cls.printer.serial_number = "SECRET-SERIAL-A"
        cls.order = cls.activity(
            service_equipment_id=cls.printer.id,
            person_id=cls.worker.id,
            scheduled_date_start=datetime(2026, 3, 2, 9, 0),
            service_line_ids=[
                Command.create(
                    {
                        "line_kind": "part",
                        "product_id": cls.gasket.id,
                        "name": "Gasket for printer A",
                        "planned_qty": 2,
                    }
                )
            ],
        )
        cls.order.with_user(cls.manager).action_service_send_estimate()
        cls.other = cls.env["fsm.order"].create(
            {
                "location_id": cls.env["fsm.location"]
                .create({"name": "B's site", "owner_id": cls.customer_b.id})
                .id,
                "service_partner_id": cls.customer_b.id,
            }
        )

    def _answer(self, answer, signer="Alma Caller", **extra):
        return self.url_open(
            f"/my/field-activities/{self.order.id}/estimate",
            data={
                "answer": answer,
                "signer": signer,
                "csrf_token": self.csrf_token(),
                **extra,
            },
            allow_redirects=False,
        )

    def csrf_token(self):
        return http.Request.csrf_token(self)

    def test_the_customer_sees_its_visit_and_accepts_the_estimate(self):
        self.authenticate("sbs-fsm-alma", "sbs-fsm-alma")
        listing = self.url_open("/my/field-activities")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(self.order.name, listing.text)
        self.assertNotIn(self.other.name, listing.text)
        page = self.url_open(f"/my/field-activities/{self.order.id}")
        self.assertEqual(page.status_code, 200)
        text = " ".join(html.fromstring(page.text).text_content().split())
        self.assertIn("SECRET-SERIAL-A", text)
        self.assertIn("Gasket for printer A", text)
        self.assertIn(self.technician.partner_id.name, text)
        self.assertIn("25.00", text)
        self.assertIn("Accept the estimate", text)
        self.assertNotIn("Signed work order", text, "not signed yet")
        answer = self._answer("accept")
        self.assertEqual(answer.status_code, 303)
        self.order.invalidate_recordset()
        self.assertEqual(self.order.service_estimate_state, "accepted")
        self.assertEqual(self.order.service_estimate_by, "Alma Caller")
        page = self.url_open(answer.headers["Location"])
        text = " ".join(html.fromstring(page.text).text_content().split())
        self.assertIn("you accepted the estimate", text)
        self.assertIn("Accepted by Alma Caller", text)
        # answering again changes nothing
        self._answer("refuse")
        self.order.invalidate_recordset()
        self.assertEqual(self.order.service_estimate_state, "accepted")

    def test_a_signed_visit_links_its_work_order(self):
        self.order.sudo().service_state = "done"
        self.authenticate("sbs-fsm-alma", "sbs-fsm-alma")
        page = self.url_open(f"/my/field-activities/{self.order.id}")
        links = html.fromstring(page.text).xpath(
            "//a[hasclass('o_field_activity_work_order')]/@href"
        )
        self.assertEqual(links, [f"/my/field-activities/{self.order.id}/work-order"])

    def test_the_estimate_link_of_the_email_opens_without_login(self):
        self.order.invalidate_recordset()
        url = self.order.get_portal_url()
        self.assertIn("access_token=", url)
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Gasket for printer A", page.text)
        wrong = self.url_open(
            f"/my/field-activities/{self.order.id}?access_token=nope",
            allow_redirects=False,
        )
        self.assertNotEqual(wrong.status_code, 200)
        self.assertNotIn("Gasket", wrong.text)

    def test_another_customer_gets_nothing_and_cannot_answer(self):
        self.authenticate("sbs-fsm-bruno", "sbs-fsm-bruno")
        page = self.url_open(
            f"/my/field-activities/{self.order.id}", allow_redirects=False
        )
        self.assertNotEqual(page.status_code, 200)
        self.assertNotIn("SECRET-SERIAL-A", page.text)
        self.assertNotIn("Gasket", page.text)
        listing = self.url_open("/my/field-activities")
        self.assertNotIn(self.order.name, listing.text)
        self.assertIn(self.other.name, listing.text)
        answer = self._answer("refuse", signer="Bruno")
        self.assertNotEqual(answer.status_code, 200)
        self.assertNotIn("Gasket", answer.text)
        self.order.invalidate_recordset()
        self.assertEqual(self.order.service_estimate_state, "sent")
        self.assertFalse(self.order.service_estimate_by)

    def test_another_customer_reads_nothing_over_rpc(self):
        self.authenticate("sbs-fsm-bruno", "sbs-fsm-bruno")
        result = self.make_jsonrpc_request(
            "/web/dataset/call_kw/fsm.order/search_read",
            {
                "model": "fsm.order",
                "method": "search_read",
                "args": [[]],
                "kwargs": {"fields": ["name", "service_partner_id"]},
            },
        )
        self.assertEqual([row["id"] for row in result], [self.other.id])
