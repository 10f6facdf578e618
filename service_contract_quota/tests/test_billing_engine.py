from datetime import date

from odoo import Command
from odoo.exceptions import UserError, ValidationError

from .common import QuotaCase


class TestBillingEngine(QuotaCase):
    def assertLines(self, order, expected):
        """expected: [(quantity, discount, price_unit)] in line order."""
        got = [
            (line.product_uom_qty, line.discount, line.price_unit)
            for line in order.order_line
        ]
        self.assertEqual(len(got), len(expected), got)
        for (qty, disc, price), (e_qty, e_disc, e_price) in zip(
            got, expected, strict=True
        ):
            self.assertAlmostEqual(qty, e_qty, places=4)
            self.assertAlmostEqual(disc, e_disc, places=2)
            self.assertAlmostEqual(price, e_price, places=4)

    def assertInvoiced(self, order, amount):
        """Invoice ``order``: same lines, discounts and total, in the sales journal."""
        order.action_confirm()
        invoice = order._create_invoices()
        got = [
            (line.quantity, line.discount, line.price_unit)
            for line in invoice.invoice_line_ids
        ]
        want = [
            (line.product_uom_qty, line.discount, line.price_unit)
            for line in order.order_line
        ]
        self.assertEqual(got, [w for w in want if w[0]])
        self.assertAlmostEqual(invoice.amount_untaxed, amount)
        self.assertEqual(invoice.journal_id.type, "sale")
        return invoice

    def test_covered_work_is_sold_at_full_discount_and_deducted(self):
        order = self.bill(self.remote, 30)
        self.assertEqual(order.partner_id, self.partner)
        self.assertLines(order, [(30, 100, 1.5)])
        self.assertEqual(order.amount_untaxed, 0.0)
        line = order.order_line
        self.assertTrue(line.service_covered)
        self.assertEqual(line.service_quota_id, self.quota)
        self.assertIn(self.contract.name, line.name)
        self.assertIn("570", line.name)
        self.assertEqual(self.quota.period_used, 30)
        self.assertEqual(self.quota.remaining, 570)
        move = self.quota.move_ids
        self.assertEqual(
            (move.quantity, move.overage_quantity, move.sale_line_id), (30, 0, line)
        )
        self.assertEqual(
            (move.source_model, move.source_id), ("res.partner", self.sources[0].id)
        )
        self.assertEqual(move.period_start, date(2026, 3, 1))
        self.assertEqual(self.contract.service_remaining, "570 minutes")
        self.assertInvoiced(order, 0.0)

    def test_partly_covered_work_bills_the_rest_at_the_normal_price(self):
        self.quota.allowance = 60
        order = self.bill(self.remote, 90)
        self.assertLines(order, [(60, 100, 1.5), (30, 0, 1.5)])
        self.assertAlmostEqual(order.amount_untaxed, 45.0)
        self.assertEqual(self.quota.remaining, 0)
        self.assertEqual(self.quota.balance_state, "exhausted")
        self.assertEqual(
            (self.quota.move_ids.quantity, self.quota.move_ids.overage_quantity),
            (60, 30),
        )
        self.assertInvoiced(order, 45.0)

    def test_category_quota_covers_the_services_of_its_category(self):
        support = self.env["product.category"].create({"name": "Support"})
        remote_support = self.env["product.category"].create(
            {"name": "Remote", "parent_id": support.id}
        )
        self.other.categ_id = remote_support
        contract = self._contract(self.partner_b, date(2026, 1, 1))
        quota = self._quota(
            contract, allowance=100, products=self.env["product.product"]
        )
        quota.categ_ids = support
        order = self.bill(self.other, 10, partner=self.partner_b)
        self.assertLines(order, [(10, 100, 2.0)])
        self.assertEqual(quota.period_used, 10)
        order = self.bill(
            self.remote, 10, partner=self.partner_b, source=self.sources[1]
        )
        self.assertLines(order, [(10, 0, 1.5)])  # another category: not covered

    def test_customer_without_contract_pays_the_normal_price(self):
        order = self.bill(self.remote, 20, partner=self.partner_b)
        self.assertLines(order, [(20, 0, 1.5)])
        self.assertAlmostEqual(order.amount_untaxed, 30.0)
        self.assertFalse(order.order_line.service_quota_id)
        self.assertInvoiced(order, 30.0)

    def test_prices_follow_the_customers_pricelist(self):
        self.env["product.pricelist.item"].create(
            {
                "pricelist_id": self.pricelist.id,
                "applied_on": "0_product_variant",
                "product_id": self.remote.id,
                "compute_price": "fixed",
                "fixed_price": 1.2,
            }
        )
        self.quota.allowance = 10
        order = self.bill(self.remote, 25)
        self.assertEqual(order.pricelist_id, self.pricelist)
        self.assertLines(order, [(10, 100, 1.2), (15, 0, 1.2)])
        self.assertAlmostEqual(order.amount_untaxed, 18.0)

    def test_service_outside_the_quota_is_not_covered(self):
        order = self.bill(self.other, 10)
        self.assertLines(order, [(10, 0, 2.0)])
        self.assertEqual(self.quota.period_used, 0)

    def test_ended_contract_covers_nothing(self):
        old = self._contract(self.partner_b, date(2025, 1, 1), date(2026, 2, 28))
        quota = self._quota(old, allowance=600, products=self.remote)
        order = self.bill(self.remote, 15, partner=self.partner_b)
        self.assertLines(order, [(15, 0, 1.5)])
        self.assertFalse(quota.move_ids)
        self.assertInvoiced(order, 22.5)

    def test_contract_not_yet_started_covers_nothing(self):
        future = self._contract(self.partner_b, date(2026, 4, 1))
        quota = self._quota(future, allowance=600, products=self.remote)
        order = self.bill(self.remote, 15, partner=self.partner_b)
        self.assertLines(order, [(15, 0, 1.5)])
        self.assertFalse(quota.move_ids)
        # the same work done in April is covered
        order = self.bill(
            self.remote,
            15,
            partner=self.partner_b,
            day=date(2026, 4, 2),
            source=self.sources[1],
        )
        self.assertLines(order, [(15, 100, 1.5)])

    def test_sessions_quota_counts_each_incident_once(self):
        contract = self._contract(self.partner_b, date(2026, 1, 1))
        quota = self._quota(
            contract, allowance=2, products=self.incident, unit="session"
        )
        orders = [
            self.bill(self.incident, 1, partner=self.partner_b, source=source)
            for source in self.sources[:3]
        ]
        self.assertLines(orders[0], [(1, 100, 45.0)])
        self.assertLines(orders[1], [(1, 100, 45.0)])
        self.assertLines(orders[2], [(1, 0, 45.0)])
        self.assertInvoiced(orders[2], 45.0)
        self.assertEqual((quota.period_used, quota.remaining), (2, 0))

    def test_hour_product_consumes_a_minute_quota(self):
        self.quota.allowance = 120
        order = self.bill(self.onsite, 1.5)
        self.assertLines(order, [(1.5, 100, 90.0)])
        self.assertEqual(self.quota.period_used, 90)
        order = self.bill(self.onsite, 1.0, source=self.sources[1])
        self.assertLines(order, [(0.5, 100, 90.0), (0.5, 0, 90.0)])
        self.assertAlmostEqual(order.amount_untaxed, 45.0)
        self.assertEqual(self.quota.remaining, 0)
        self.assertInvoiced(order, 45.0)

    def test_unused_allowance_rolls_over_up_to_the_cap(self):
        self.quota.write({"allowance": 100, "rollover_cap": 50})
        self.bill(self.remote, 30, day=date(2026, 2, 10))  # February: 70 unused
        self.quota._recompute_balances()
        self.assertEqual(self.quota.period_start, date(2026, 3, 1))
        self.assertEqual(self.quota.period_allowance, 150)  # 100 + min(70, 50)
        order = self.bill(self.remote, 160, source=self.sources[1])
        self.assertLines(order, [(150, 100, 1.5), (10, 0, 1.5)])
        self.assertInvoiced(order, 15.0)

    def test_overage_tiers_price_the_bands_exactly(self):
        hours = self._quota(
            self._contract(self.partner_b, date(2026, 1, 1)),
            allowance=2,
            products=self.onsite,
            unit="hour",
            tier_ids=[
                Command.create({"from_quantity": 0, "to_quantity": 8, "price": 50}),
                Command.create({"from_quantity": 8, "to_quantity": 0, "price": 70}),
            ],
        )
        order = self.bill(self.onsite, 6, partner=self.partner_b)
        self.assertLines(order, [(2, 100, 90.0), (4, 0, 50.0)])
        # the next 6 h cross the tier boundary at 8 h of overage
        order = self.bill(
            self.onsite, 6, partner=self.partner_b, source=self.sources[1]
        )
        self.assertLines(order, [(4, 0, 50.0), (2, 0, 70.0)])
        self.assertAlmostEqual(order.amount_untaxed, 340.0)
        self.assertEqual(hours.period_overage, 10)
        self.assertInvoiced(order, 340.0)

    def test_timed_work_is_rounded_by_the_quota_rule(self):
        self.quota.rounding_rule_id = self.env.ref(
            "service_contract_quota.service_rounding_rule_10_5"
        )
        order = self.bill(self.remote, seconds=61)
        self.assertLines(order, [(10, 100, 1.5)])
        order = self.bill(self.remote, seconds=11 * 60 + 1, source=self.sources[1])
        self.assertLines(order, [(15, 100, 1.5)])
        with self.assertRaises(ValidationError) as caught:  # a false start
            self.bill(self.remote, seconds=30, source=self.sources[2])
        self.assertIn("Nothing to bill", str(caught.exception))
        self.assertEqual(self.quota.period_used, 25)
        claims = self.env["service.billed.source"].search(
            [
                ("source_model", "=", "res.partner"),
                ("source_id", "=", self.sources[2].id),
            ]
        )
        self.assertFalse(claims)

    def test_seconds_on_an_hour_product_become_whole_minutes(self):
        order = self.bill(self.onsite, seconds=90 * 60, partner=self.partner_b)
        self.assertLines(order, [(90, 0, 1.5)])  # 90.00/h = 1.50/min
        self.assertEqual(
            order.order_line.product_uom,
            self.env.ref("service_contract_quota.uom_minute"),
        )
        self.assertAlmostEqual(order.amount_untaxed, 135.0)

    def test_billing_one_source_twice_returns_the_same_order(self):
        first = self.bill(self.remote, 30)
        second = self.bill(self.remote, 45)
        self.assertEqual(first, second)
        self.assertEqual(len(first.order_line), 1)
        self.assertEqual(len(self.quota.move_ids), 1)
        self.assertEqual(self.quota.period_used, 30)

    def test_several_items_of_one_call_share_the_quota_exactly(self):
        self.quota.allowance = 50
        items = [
            {
                "partner_id": self.partner.id,
                "product_id": self.remote.id,
                "quantity": 30,
                "source": s,
            }
            for s in self.sources[:3]
        ]
        order = self.env["service.billing"].bill(items).order_id
        self.assertEqual(len(order), 1)
        self.assertLines(
            order, [(30, 100, 1.5), (20, 100, 1.5), (10, 0, 1.5), (30, 0, 1.5)]
        )
        self.assertEqual(self.quota.remaining, 0)

    def test_cancelling_gives_the_quota_back_once(self):
        order = self.bill(self.remote, 20)
        self.assertEqual(self.quota.remaining, 580)
        order._action_cancel()
        self.assertEqual(self.quota.remaining, 600)
        order._action_cancel()
        self.assertEqual(self.quota.remaining, 600)
        reversal = self.quota.move_ids.filtered(lambda m: m.move_type == "reversal")
        self.assertEqual(len(reversal), 1)
        self.assertEqual(reversal.quantity, -20)
        # released: the work can be billed again
        again = self.bill(self.remote, 20)
        self.assertNotEqual(again, order)
        self.assertEqual(self.quota.remaining, 580)

    def test_top_up_adds_to_the_current_period(self):
        self.quota._top_up(120)
        self.assertEqual(self.quota.period_allowance, 720)
        self.bill(self.remote, 45)
        self.assertEqual(self.quota.remaining, 675)
        with self.assertRaises(ValidationError):
            self.quota._top_up(-5)

    def test_manager_tops_up_through_the_wizard(self):
        wizard = (
            self.env["service.quota.topup"]
            .with_user(self.manager)
            .create({"quota_id": self.quota.id, "quantity": 60, "reason": "Extra hour"})
        )
        wizard.action_confirm()
        self.assertEqual(self.quota.remaining, 660)
        topup = self.quota.move_ids.filtered(lambda m: m.move_type == "topup")
        self.assertEqual(
            (topup.quantity, topup.name, topup.user_id),
            (60, "Extra hour", self.manager),
        )
        self.assertIn("topped up", self.contract.message_ids[0].body)

    def test_company_can_invoice_billed_work_at_once(self):
        self.env.company.service_auto_invoice = True
        self.quota.allowance = 60
        order = self.bill(self.remote, 90)
        self.assertEqual(order.state, "sale")
        invoice = order.invoice_ids
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.journal_id.type, "sale")
        covered = invoice.invoice_line_ids.filtered(lambda line: line.discount == 100)
        self.assertEqual(covered.quantity, 60)
        self.assertAlmostEqual(invoice.amount_untaxed, 45.0)

    def test_low_balance_and_exhaustion_notify_once_per_period(self):
        self.contract.user_id = self.manager
        self.bill(self.remote, 500)  # 100 left of 600: under 20 %
        activities = self.contract.activity_ids
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.manager)
        self.assertEqual(activities.summary, "Offer an extension")
        self.env["service.quota"]._cron_send_notices()
        low_mails = self.env["mail.mail"].search(
            [("model", "=", "service.quota"), ("res_id", "=", self.quota.id)]
        )
        self.assertEqual(len(low_mails), 1)
        self.assertIn(self.partner, low_mails.recipient_ids)
        self.bill(
            self.remote, 10, source=self.sources[1]
        )  # still low: no second notice
        self.assertEqual(len(self.contract.activity_ids), 1)
        self.bill(self.remote, 200, source=self.sources[2])  # exhausted
        self.assertEqual(len(self.contract.activity_ids), 2)
        self.env["service.quota"]._cron_send_notices()
        mails = self.env["mail.mail"].search(
            [("model", "=", "service.quota"), ("res_id", "=", self.quota.id)]
        )
        self.assertEqual(len(mails), 2)

    def test_ledger_rows_cannot_be_changed_or_deleted(self):
        self.bill(self.remote, 10)
        move = self.quota.move_ids
        with self.assertRaises(UserError):
            move.write({"quantity": 1})
        with self.assertRaises(UserError):
            move.unlink()

    def test_balances_always_equal_the_ledger(self):
        self.quota.write({"allowance": 100})
        for n, qty in enumerate([30, 50, 40, 10]):
            self.bill(self.remote, qty, source=self.sources[n])
        ledger = self.quota.move_ids
        self.assertEqual(self.quota.period_used, sum(ledger.mapped("quantity")))
        self.assertEqual(
            self.quota.period_overage, sum(ledger.mapped("overage_quantity"))
        )
        stored = (
            self.quota.period_allowance,
            self.quota.period_used,
            self.quota.period_overage,
        )
        self.quota._recompute_balances()
        self.assertEqual(
            stored,
            (
                self.quota.period_allowance,
                self.quota.period_used,
                self.quota.period_overage,
            ),
        )
