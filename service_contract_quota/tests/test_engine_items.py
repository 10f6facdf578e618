from datetime import date

from odoo import Command
from odoo.exceptions import UserError, ValidationError

from .common import QuotaCase


class TestEngineItems(QuotaCase):
    """The item contract of ``service.billing.bill`` (see its docstring)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        unit = cls.env.ref("uom.product_uom_unit")
        km = cls.env.ref("uom.product_uom_km")
        cls.part = cls.env["product.product"].create(
            dict(cls._service("Spare fan", unit, 24.0), type="consu")
        )
        cls.mileage = cls.env["product.product"].create(
            dict(cls._service("Mileage", km, 0.5), type="service")
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Jane Caller", "parent_id": cls.partner.id, "type": "contact"}
        )
        cls.engine = cls.env["service.billing"]

    def item(self, product, quantity, source, **values):
        return dict(
            {
                "partner_id": self.partner.id,
                "product_id": product.id,
                "quantity": quantity,
                "date": self.TODAY,
                "source": source,
            },
            **values,
        )

    def test_labour_parts_and_mileage_of_one_visit_are_all_billed(self):
        visit = self.sources[0]
        lines = self.engine.bill(
            [
                self.item(self.onsite, 1.5, visit, description="Labour"),
                self.item(self.part, 2, visit, description="Fan"),
                self.item(self.mileage, 42, visit, description="Drive"),
            ]
        )
        self.assertEqual(len(lines.order_id), 1)
        got = [(line.product_id, line.product_uom_qty, line.discount) for line in lines]
        self.assertEqual(
            got, [(self.onsite, 1.5, 100), (self.part, 2, 0), (self.mileage, 42, 0)]
        )
        self.assertAlmostEqual(lines.order_id.amount_untaxed, 2 * 24.0 + 42 * 0.5)
        self.assertEqual(self.quota.period_used, 90)  # only the labour is covered
        claim = self.env["service.billed.source"].search(
            [("source_model", "=", "res.partner"), ("source_id", "=", visit.id)]
        )
        self.assertEqual(claim.sale_line_ids, lines)
        # the same call again returns the same lines and bills nothing
        again = self.engine.bill([self.item(self.part, 2, visit)])
        self.assertEqual(again, lines)
        self.assertEqual(self.quota.period_used, 90)
        self.assertEqual(len(self.quota.move_ids), 1)

    def test_warranty_work_is_free_and_consumes_no_quota(self):
        lines = self.engine.bill(
            [
                self.item(
                    self.onsite,
                    2,
                    self.sources[0],
                    no_quota=True,
                    line_vals={"discount": 100},
                )
            ]
        )
        self.assertEqual((lines.discount, lines.price_unit), (100, 90.0))
        self.assertNotIn("cover", lines.name.lower())  # no "not covered" note
        self.assertEqual(lines.order_id.amount_untaxed, 0)
        self.assertFalse(lines.service_quota_id)
        self.assertFalse(self.quota.move_ids)
        self.assertEqual(self.quota.remaining, 600)

    def test_goods_bill_at_their_price_and_a_quota_never_covers_them(self):
        support = self.env["product.category"].create({"name": "Everything"})
        self.part.categ_id = support
        self.quota.write({"product_ids": [Command.clear()], "categ_ids": support.ids})
        lines = self.engine.bill([self.item(self.part, 3, self.sources[0])])
        self.assertEqual((lines.product_uom_qty, lines.discount), (3, 0))
        self.assertAlmostEqual(lines.price_subtotal, 72.0)
        self.assertFalse(self.quota.move_ids)

    def test_order_goes_to_the_customer_and_names_the_contact(self):
        lines = self.engine.bill(
            [self.item(self.remote, 15, self.sources[0], partner_id=self.contact.id)]
        )
        order = lines.order_id
        self.assertEqual(order.partner_id, self.partner)
        self.assertEqual(order.client_order_ref, "Jane Caller")
        self.assertEqual(self.quota.period_used, 15)  # the customer's quota

    def test_items_of_two_companies_make_one_order_each(self):
        other = self.env["res.company"].create({"name": "Service Two"})
        self.env["account.chart.template"].try_loading(
            "generic_coa", other, install_demo=False
        )
        self.env.user.company_ids |= other
        source_two = self.env["res.partner"].create(
            {"name": "Work of company two", "company_id": other.id}
        )
        lines = self.engine.bill(
            [
                self.item(self.remote, 10, self.sources[0]),
                self.item(self.remote, 20, source_two),
                self.item(self.other, 5, self.sources[1], company_id=other.id),
            ]
        )
        orders = lines.order_id
        self.assertEqual(len(orders), 2)
        self.assertEqual(orders.company_id, self.env.company | other)
        two = orders.filtered(lambda o: o.company_id == other)
        self.assertEqual(len(two.order_line), 2)
        self.assertEqual(two.partner_id, self.partner)
        # company two has no contract with the customer: list price there
        self.assertEqual(two.order_line.mapped("discount"), [0, 0])
        self.assertEqual(self.quota.period_used, 10)
        orders.action_confirm()
        for order in orders:
            invoice = order._create_invoices()
            self.assertEqual(invoice.company_id, order.company_id)
            self.assertEqual(invoice.journal_id.company_id, order.company_id)
            self.assertEqual(invoice.journal_id.type, "sale")

    def test_items_of_one_call_cover_what_separate_calls_would(self):
        """Today's and back-dated work on one quota in one call: 2 x 400 min
        against 600 left cover 600 and bill 200, in both periods."""
        february = date(2026, 2, 10)
        lines = self.engine.bill(
            [
                self.item(self.remote, 400, self.sources[0]),
                self.item(self.remote, 400, self.sources[1]),
                self.item(self.remote, 400, self.sources[2], date=february),
                self.item(self.remote, 400, self.sources[3], date=february),
            ]
        )
        covered = sum(lines.filtered("service_covered").mapped("product_uom_qty"))
        billed = sum(
            lines.filtered(lambda line: not line.service_covered).mapped(
                "product_uom_qty"
            )
        )
        self.assertEqual((covered, billed), (1200, 400))
        self.assertEqual((self.quota.period_used, self.quota.remaining), (600, 0))
        moves = self.quota.move_ids
        self.assertEqual(sum(moves.mapped("quantity")), 1200)
        self.assertEqual(sum(moves.mapped("overage_quantity")), 400)
        february_moves = moves.filtered(lambda m: m.date == february)
        self.assertEqual(sum(february_moves.mapped("quantity")), 600)
        totals = self.quota.period_total_ids
        self.assertEqual(
            sorted((t.period_start, t.covered, t.overage) for t in totals),
            [(date(2026, 2, 1), 600, 200), (date(2026, 3, 1), 600, 200)],
        )

    def test_one_item_bills_a_record_and_its_parts_as_one_line(self):
        """A ticket and its timesheet lines: one line, every record claimed."""
        ticket, timesheets = self.sources[0], self.sources[1:4]
        lines = self.engine.bill(
            [self.item(self.remote, 45, [ticket, timesheets], description="Ticket")]
        )
        self.assertEqual(len(lines), 1)
        claims = self.env["service.billed.source"].search(
            [("sale_line_ids", "in", lines.ids)]
        )
        self.assertEqual(
            sorted(claims.mapped("source_id")), sorted(self.sources[:4].ids)
        )
        self.assertEqual(
            (lines.service_source_model, lines.service_source_id),
            ("res.partner", ticket.id),
        )
        # a timesheet line billed on its own later returns the ticket's line
        self.assertEqual(
            self.engine.bill([self.item(self.remote, 5, timesheets[0])]), lines
        )

    def test_work_partly_billed_before_is_refused(self):
        self.engine.bill([self.item(self.remote, 10, self.sources[0])])
        orders_before = self.env["sale.order"].search_count([])
        with self.assertRaises(UserError) as caught:
            self.engine.bill(
                [self.item(self.remote, 10, [self.sources[0], self.sources[1]])]
            )
        self.assertIn("Work 0", str(caught.exception))
        self.assertEqual(self.env["sale.order"].search_count([]), orders_before)
        self.assertFalse(
            self.env["service.billed.source"].search(
                [
                    ("source_model", "=", "res.partner"),
                    ("source_id", "=", self.sources[1].id),
                ]
            )
        )

    def test_items_disagreeing_about_a_source_are_refused(self):
        with self.assertRaises(ValidationError):
            self.engine.bill(
                [
                    self.item(self.remote, 10, self.sources[0]),
                    self.item(
                        self.remote, 10, self.sources[0], partner_id=self.partner_b.id
                    ),
                ]
            )
        self.assertFalse(self.quota.move_ids)

    def test_bad_items_are_refused_before_anything_is_written(self):
        bad = [
            {"quantity": "5"},
            {"quantity": float("nan")},
            {"quantity": float("inf")},
            {"quantity": True},
            {"line_vals": {"discount": 120}},
            {"line_vals": {"price_unit": 0.0}},
            {"source": "Work 0"},
        ]
        for values in bad:
            with self.subTest(values=values), self.assertRaises(ValidationError):
                item = self.item(self.remote, 10, self.sources[0])
                item.update(values)
                self.engine.bill([item])
        claims = self.env["service.billed.source"].search(
            [
                ("source_model", "=", "res.partner"),
                ("source_id", "=", self.sources[0].id),
            ]
        )
        self.assertFalse(claims)
        self.assertFalse(self.quota.move_ids)

    def test_preview_is_what_is_billed_at_a_tier_boundary_and_exhaustion(self):
        hours = self._quota(
            self._contract(self.partner_b, date(2026, 1, 1)),
            allowance=2,
            products=self.onsite,
            unit="hour",
            tier_ids=[
                Command.create({"from_quantity": 0, "to_quantity": 3, "price": 50}),
                Command.create({"from_quantity": 3, "to_quantity": 0, "price": 70}),
            ],
        )
        for n, quantity in enumerate([1.5, 2.25, 4.0]):
            item = self.item(
                self.onsite, quantity, self.sources[n], partner_id=self.partner_b.id
            )
            preview = self.engine._preview(dict(item, source=None))
            lines = self.engine.bill([item])
            self.assertEqual(
                [
                    (float(p.quantity), float(p.price), float(p.discount))
                    for p in preview["lines"]
                ],
                [
                    (line.product_uom_qty, line.price_unit, line.discount)
                    for line in lines
                ],
            )
            self.assertAlmostEqual(preview["amount"], lines.order_id.amount_untaxed)
            self.assertAlmostEqual(
                preview["covered"],
                sum(lines.filtered("service_covered").mapped("product_uom_qty")),
            )
            self.assertAlmostEqual(preview["remaining"], hours.remaining)
        # 1.5 covered; 0.5 covered + 1.75 at 50; 1.25 at 50 (boundary) + 2.75 at 70
        self.assertEqual((hours.period_used, hours.period_overage), (2, 5.75))
