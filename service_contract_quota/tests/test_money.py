from odoo import Command

from .common import QuotaCase


class TestMoney(QuotaCase):
    """Rate x billed time, rounded once by the currency; the preview is the
    document; taxes under both rounding modes (README: money to the cent)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        hour = cls.env.ref("uom.product_uom_hour")
        minute = cls.env.ref("service_contract_quota.uom_minute")
        product = cls.env["product.product"]
        cls.at_60 = product.create(cls._service("Consulting 60/h", hour, 60.0))
        cls.at_100 = product.create(cls._service("Expert 100/h", hour, 100.0))
        cls.per_minute = product.create(
            cls._service("Expert by the minute", minute, 100.0 / 60)
        )
        cls.tax = cls.env["account.tax"].create(
            {"name": "VAT 25", "amount": 25.0, "type_tax_use": "sale"}
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Money customer", "property_product_pricelist": cls.pricelist.id}
        )

    def bill_minutes(self, product, minutes_list, taxes=False):
        if taxes:
            product.taxes_id = [Command.set(self.tax.ids)]
        items = [
            {
                "partner_id": self.customer.id,
                "product_id": product.id,
                "seconds": minutes * 60,
                "date": self.TODAY,
                "source": self.sources[n],
            }
            for n, minutes in enumerate(minutes_list)
        ]
        previews = [
            self.env["service.billing"]._preview(dict(item, source=None))
            for item in items
        ]
        lines = self.env["service.billing"].bill(items)
        return lines.order_id, previews

    def test_hourly_rates_bill_to_the_cent(self):
        cases = [
            (self.at_60, [7, 7, 7], 21.00),
            (self.at_100, [60], 100.00),
            (self.at_100, [10], 16.67),
            (self.at_100, [25], 41.67),
            (self.per_minute, [60], 100.00),
            (self.per_minute, [600], 1000.00),
        ]
        for n, (product, minutes, total) in enumerate(cases):
            with self.subTest(product=product.name, minutes=minutes):
                self.sources = self.env["res.partner"].create(
                    [{"name": f"Money work {n}-{m}"} for m in range(len(minutes))]
                )
                order, previews = self.bill_minutes(product, minutes)
                self.assertAlmostEqual(order.amount_untaxed, total, places=2)
                self.assertAlmostEqual(sum(p["amount"] for p in previews), total, 2)
                order.action_confirm()
                invoice = order._create_invoices()
                self.assertAlmostEqual(invoice.amount_untaxed, total, places=2)
                self.assertEqual(order.invoice_status, "invoiced")

    def test_taxes_under_both_rounding_modes(self):
        for n, mode in enumerate(("round_per_line", "round_globally")):
            with self.subTest(mode=mode):
                self.env.company.tax_calculation_rounding_method = mode
                self.sources = self.env["res.partner"].create(
                    [{"name": f"Taxed work {n}-{m}"} for m in range(3)]
                )
                order, _previews = self.bill_minutes(self.at_60, [7, 7, 7], taxes=True)
                # 3 x 7 min at 60.00/h = 21.00; 25 % tax = 5.25
                self.assertAlmostEqual(order.amount_untaxed, 21.00, places=2)
                self.assertAlmostEqual(order.amount_tax, 5.25, places=2)
                self.assertAlmostEqual(order.amount_total, 26.25, places=2)
                order.action_confirm()
                invoice = order._create_invoices()
                invoice.action_post()
                self.assertAlmostEqual(invoice.amount_total, 26.25, places=2)
                self.assertAlmostEqual(invoice.amount_tax, 5.25, places=2)

    def test_quotas_in_hours_consume_the_minutes_billed(self):
        hours = self._quota(
            self._contract(self.customer, self.TODAY.replace(month=1, day=1)),
            allowance=10,
            products=self.at_60,
            unit="hour",
        )
        self.bill_minutes(self.at_60, [7, 7, 7])
        self.assertAlmostEqual(hours.period_used, 21 / 60, places=6)
        self.assertAlmostEqual(sum(hours.move_ids.mapped("quantity")), 0.35, places=6)
        self.assertAlmostEqual(hours.remaining, 10 - 0.35, places=6)
