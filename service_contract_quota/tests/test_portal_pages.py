from datetime import timedelta

from lxml import html

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from .portal_common import CustomerFixture


@tagged("post_install", "-at_install")
class TestPortalQuotaPages(CustomerFixture, HttpCase):
    """What a customer reads of their quotas on the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls._service_product()
        today = fields.Date.today()
        cls.month_start = today.replace(day=1)
        last_month = (cls.month_start - timedelta(days=1)).replace(day=1)
        cls.company = cls.env["res.partner"].create(
            {"name": "Rollover Ltd", "is_company": True}
        )
        contact = cls.env["res.partner"].create(
            {"name": "Rita Rollover", "parent_id": cls.company.id, "email": "r@x.ex"}
        )
        new_test_user(
            cls.env, "sbs-rollover", groups="base.group_portal", partner_id=contact.id
        )
        cls.contract = cls.env["contract.contract"].create(
            {
                "name": "Rollover support",
                "partner_id": cls.company.id,
                "date_start": last_month,
                "line_recurrence": True,
            }
        )
        cls.quota = cls.env["service.quota"].create(
            {
                "name": "Remote minutes",
                "contract_id": cls.contract.id,
                "allowance": 600,
                "rollover_cap": 120,
                "period_kind": "month",
                "product_ids": [Command.set(cls.product.ids)],
            }
        )
        # ended: its last month left 4 hours unused
        ended = cls.env["contract.contract"].create(
            {
                "name": "Old on-site contract",
                "partner_id": cls.company.id,
                "date_start": last_month - timedelta(days=400),
                "date_end": last_month - timedelta(days=1),
                "line_recurrence": True,
            }
        )
        cls.ended = cls.env["service.quota"].create(
            {
                "name": "Old on-site hours",
                "contract_id": ended.id,
                "allowance": 4,
                "unit": "session",
                "period_kind": "month",
                "product_ids": [Command.set(cls.product.ids)],
            }
        )
        cls.contact = contact

    def page(self, url):
        self.authenticate("sbs-rollover", "sbs-rollover")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return html.fromstring(response.text)

    @staticmethod
    def text(node):
        return " ".join(node.text_content().split())

    def bill(self, minutes, source):
        return self.env["service.billing"].bill(
            [
                {
                    "partner_id": self.contact.id,
                    "product_id": self.product.id,
                    "quantity": minutes,
                    "source": source,
                    "date": fields.Date.today(),
                }
            ]
        )

    def test_home_cards_have_icons(self):
        self.env.flush_all()
        home = self.page("/my")
        [card] = home.xpath("//a[@href='/my/quotas']")
        [icon] = card.xpath(".//div[hasclass('o_portal_icon')]/img")
        self.assertEqual(
            icon.get("src"), "/service_contract_quota/static/src/img/portal_quota.svg"
        )
        self.assertEqual(self.url_open(icon.get("src")).status_code, 200)

    def test_the_allowance_is_explained(self):
        self.bill(30, self.contract)
        self.env.flush_all()
        page = self.page(f"/my/quotas/{self.quota.id}")
        [table] = page.xpath("//table[hasclass('o_service_quota_allowance')]")
        rows = [self.text(row) for row in table.xpath(".//tr")]
        self.assertEqual(
            rows,
            [
                "Allowance per period 600 minutes",
                "+ Rolled over from the previous period 120 minutes",
                "= Available this period 720 minutes",
                "- Used 30 minutes",
                "= Remaining 690 minutes",
            ],
        )
        [badge] = page.xpath("//span[hasclass('o_service_quota_state')]")
        self.assertEqual(self.text(badge), "Available")

    def test_an_ended_quota_reads_expired_without_a_remainder(self):
        self.env.flush_all()
        listing = self.page("/my/quotas")
        rows = {
            self.text(row.xpath("./td[2]")[0]): row
            for row in listing.xpath("//tbody/tr")
        }
        ended = rows["Old on-site hours"]
        self.assertEqual(
            self.text(ended.xpath(".//span[hasclass('o_service_quota_state')]")[0]),
            "Expired",
        )
        self.assertEqual(
            self.text(ended.xpath("./td[hasclass('o_service_quota_remaining')]")[0]),
            "",
        )
        running = rows["Remote minutes"]
        self.assertIn(
            "720",
            self.text(running.xpath("./td[hasclass('o_service_quota_remaining')]")[0]),
        )
        page = self.page(f"/my/quotas/{self.ended.id}")
        self.assertTrue(page.xpath("//p[hasclass('o_service_quota_expired')]"))
        self.assertNotIn("= Remaining", self.text(page))

    def test_work_of_a_cancelled_or_deleted_order_is_not_shown_as_used(self):
        sources = self.env["res.partner"].create(
            [{"name": f"Work {n}"} for n in range(3)]
        )
        kept, cancelled, deleted = (
            self.bill(minutes, source).order_id
            for minutes, source in zip((10, 20, 40), sources, strict=True)
        )
        cancelled.with_context(disable_cancel_warning=True).action_cancel()
        deleted.unlink()
        self.env.flush_all()
        page = self.page(f"/my/quotas/{self.quota.id}")
        rows = page.xpath("//table[hasclass('o_service_quota_moves')]/tbody/tr")
        self.assertEqual(len(rows), 1, [self.text(row) for row in rows])
        self.assertIn("10 minutes", self.text(rows[0]))
        [link] = rows[0].xpath(".//a")
        self.assertEqual(link.text, kept.name)
        self.assertTrue(link.get("href").startswith(f"/my/orders/{kept.id}?"))
        self.assertEqual(self.url_open(link.get("href")).status_code, 200)
        allowance = self.text(
            page.xpath("//table[hasclass('o_service_quota_allowance')]")[0]
        )
        self.assertIn("- Used 10 minutes", allowance)
