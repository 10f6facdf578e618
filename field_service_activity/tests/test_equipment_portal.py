import base64
import io
from datetime import datetime

from lxml import html
from PIL import Image

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.service_contract_quota.tests.common import ServiceCase


@tagged("post_install", "-at_install")
class TestEquipmentPortal(HttpCase, ServiceCase):
    """A customer's contacts see its equipment on the portal; another customer
    gets nothing of it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner.write({"name": "Alpha Mills", "is_company": True})
        cls.partner_b = cls.env["res.partner"].create(
            {"name": "Beta Bakery", "is_company": True}
        )
        cls.contact_a = cls.env["res.partner"].create(
            {"name": "Anna Alpha", "parent_id": cls.partner.id}
        )
        cls.contact_a2 = cls.env["res.partner"].create(
            {"name": "Arno Alpha", "parent_id": cls.partner.id}
        )
        cls.contact_b = cls.env["res.partner"].create(
            {"name": "Bert Beta", "parent_id": cls.partner_b.id}
        )
        for login, contact in (
            ("sbs-portal-anna", cls.contact_a),
            ("sbs-portal-arno", cls.contact_a2),
            ("sbs-portal-bert", cls.contact_b),
        ):
            new_test_user(
                cls.env, login, groups="base.group_portal", partner_id=contact.id
            )
        location = cls.env["fsm.location"].create(
            {"name": "Alpha mill", "owner_id": cls.partner.id}
        )
        cls.mill = cls.env["fsm.equipment"].create(
            {
                "name": "Grain mill M-9",
                "location_id": location.id,
                "serial_number": "SECRET-MILL-991",
                "warranty_end": "2099-12-31",
                "image_1920": cls._photo(),
            }
        )
        cls.env["fsm.equipment.reading"].create(
            {
                "equipment_id": cls.mill.id,
                "meter": "Operating hours",
                "unit": "h",
                "date": datetime(2026, 1, 5, 9),
                "value": 4321,
            }
        )
        cls.activity = cls.env["fsm.order"].create(
            {
                "location_id": location.id,
                "service_equipment_id": cls.mill.id,
                "scheduled_date_start": datetime(2026, 2, 2, 8),
            }
        )
        cls.oven = cls.env["fsm.equipment"].create(
            {
                "name": "Deck oven",
                "service_partner_id": cls.partner_b.id,
                "serial_number": "OVEN-B-1",
            }
        )

    @staticmethod
    def _photo():
        buffer = io.BytesIO()
        Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
        return base64.b64encode(buffer.getvalue())

    def test_a_contact_sees_the_customer_equipment(self):
        self.authenticate("sbs-portal-arno", "sbs-portal-arno")
        listing = self.url_open("/my/equipment")
        self.assertEqual(listing.status_code, 200)
        rows = html.fromstring(listing.text).xpath(
            "//tr[hasclass('o_service_equipment_row')]"
        )
        self.assertEqual(len(rows), 1)
        self.assertIn("Grain mill M-9", rows[0].text_content())
        self.assertNotIn("Deck oven", listing.text)

        page = self.url_open(f"/my/equipment/{self.mill.id}")
        self.assertEqual(page.status_code, 200)
        doc = html.fromstring(page.text)
        card = " ".join(
            doc.xpath("//div[hasclass('o_service_equipment_portal')]")[0]
            .text_content()
            .split()
        )
        self.assertIn("SECRET-MILL-991", card)
        self.assertTrue(doc.xpath("//img[starts-with(@src, 'data:image/png;base64,')]"))
        self.assertIn("Under warranty", card)
        self.assertIn("At the customer", card)
        self.assertIn("4,321", card)
        self.assertIn(self.activity.name, card)
        self.assertIn("Planned", card)
        links = doc.xpath(
            "//table[hasclass('o_service_equipment_activities')]//a/@href"
        )
        self.assertEqual(links, [f"/my/field-activities/{self.activity.id}"])

    def test_the_home_page_counts_the_equipment(self):
        self.authenticate("sbs-portal-anna", "sbs-portal-anna")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["service_equipment_count"]}
        )
        self.assertEqual(counters["service_equipment_count"], 1)
        home = self.url_open("/my")
        self.assertIn("/my/equipment", home.text)

    def test_another_customer_gets_nothing_of_it(self):
        self.authenticate("sbs-portal-bert", "sbs-portal-bert")
        page = self.url_open(f"/my/equipment/{self.mill.id}", allow_redirects=False)
        self.assertNotEqual(page.status_code, 200)
        self.assertNotIn("SECRET-MILL-991", page.text)
        self.assertNotIn("Grain mill", page.text)
        listing = self.url_open("/my/equipment")
        self.assertEqual(listing.status_code, 200)
        self.assertIn("Deck oven", listing.text)
        self.assertNotIn("Grain mill", listing.text)
        image = self.url_open(
            f"/web/image/fsm.equipment/{self.mill.id}/image_128", allow_redirects=False
        )
        # Odoo answers a placeholder picture, never the equipment's photo
        self.assertNotEqual(image.content, base64.b64decode(self.mill.image_128))
        # over RPC, too: neither the equipment nor its readings
        for model, domain in (
            ("fsm.equipment", []),
            ("fsm.equipment.reading", []),
        ):
            rows = self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": model,
                    "method": "search_read",
                    "args": [domain],
                    "kwargs": {"fields": ["display_name"]},
                },
            )
            self.assertNotIn("Grain mill", str(rows))
            self.assertNotIn("Operating hours", str(rows))
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["service_equipment_count"]}
        )
        self.assertEqual(counters["service_equipment_count"], 1)

    def test_the_owner_gets_the_photo(self):
        self.authenticate("sbs-portal-anna", "sbs-portal-anna")
        image = self.url_open(f"/web/image/fsm.equipment/{self.mill.id}/image_128")
        self.assertEqual(image.content, base64.b64decode(self.mill.image_128))

    def test_an_unknown_equipment_is_not_found(self):
        self.authenticate("sbs-portal-anna", "sbs-portal-anna")
        page = self.url_open("/my/equipment/999999", allow_redirects=False)
        self.assertNotEqual(page.status_code, 200)
