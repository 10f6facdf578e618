from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestQuotaRenewalTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        minute = cls.env.ref("service_contract_quota.uom_minute")
        cls.remote = cls.env["product.product"].create(
            {
                "name": "Renewal remote minute",
                "type": "service",
                "list_price": 1.5,
                "uom_id": minute.id,
                "uom_po_id": minute.id,
                "taxes_id": [Command.clear()],
            }
        )
        package = cls.env["product.product"].create(
            {
                "name": "Renewal top-up package",
                "type": "service",
                "list_price": 390.0,
                "taxes_id": [Command.clear()],
            }
        )

        def customer(tag):
            company = cls.env["res.partner"].create(
                {"name": f"{tag} Ltd", "is_company": True}
            )
            contact = cls.env["res.partner"].create(
                {
                    "name": f"{tag} Contact",
                    "parent_id": company.id,
                    "email": f"{tag.lower()}@x.example",
                }
            )
            user = new_test_user(
                cls.env,
                f"sbs-{tag.lower()}-portal",
                password=f"sbs-{tag.lower()}-portal",
                groups="base.group_portal",
                partner_id=contact.id,
            )
            return company, contact, user

        cls.company, cls.contact, cls.portal_user = customer("Renewal")
        _other, _contact, cls.other_user = customer("Other")
        contract = cls.env["contract.contract"].create(
            {
                "name": "Renewal contract",
                "partner_id": cls.company.id,
                "date_start": "2020-01-01",
                "line_recurrence": True,
            }
        )
        cls.quota = cls.env["service.quota"].create(
            {
                "name": "Renewal tour quota",
                "contract_id": contract.id,
                "allowance": 600,
                "product_ids": [Command.set(cls.remote.ids)],
                "renewal_product_id": package.id,
                "renewal_quantity": 300,
                "renewal_price": 390.0,
            }
        )
        action = cls.quota.action_service_renew()
        cls.order = cls.env["sale.order"].browse(action["res_id"])
        # as Send by e-mail does: the quotation is sent to the contact
        cls.order.write(
            {
                "partner_id": cls.contact.id,
                "name": "Renewal tour quote",
                "state": "sent",
            }
        )
        cls.order.message_subscribe(cls.contact.ids)

    def test_customer_signs_the_renewal_on_the_portal(self):
        allowance = self.quota.period_allowance
        self.start_tour(
            "/my/quotes",
            "service_quota_renewal_portal_sign",
            login=self.portal_user.login,
        )
        self.env.invalidate_all()
        self.assertEqual(self.order.state, "sale")
        self.assertTrue(self.order.signature)
        topups = self.quota.move_ids.filtered(lambda m: m.move_type == "topup")
        self.assertEqual(topups.mapped("quantity"), [300.0])
        self.assertEqual(topups.sale_line_id, self.order.order_line)
        self.assertEqual(self.quota.period_allowance, allowance + 300)
        # confirming again changes nothing
        self.order.order_line._service_book_topup()
        self.assertEqual(len(self.quota.move_ids), 1)

    def test_another_customer_sees_nothing_of_it(self):
        self.authenticate(self.other_user.login, self.other_user.login)
        response = self.url_open(f"/my/orders/{self.order.id}")
        self.assertNotIn(self.order.name, response.text)
        self.assertNotIn("Top-up of 300", response.text)
        quotes = self.url_open("/my/quotes")
        self.assertNotIn(self.order.name, quotes.text)
