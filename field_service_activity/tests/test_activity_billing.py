from odoo import Command

from .activity_billing_common import ActivityBillingCase


class TestActivityBilling(ActivityBillingCase):
    """Approval bills a signed activity through the engine, per kind, to the cent."""

    def approve(self, activity):
        activity.with_user(self.manager).action_service_approve()
        return activity.service_sale_order_id

    def test_contract_covered_one_off_to_the_cent_under_both_tax_roundings(self):
        tax = self.env["account.tax"].create(
            {"name": "VAT 19 field", "amount": 19.0, "type_tax_use": "sale"}
        )
        (self.labour | self.mileage | self.gasket | self.filter).taxes_id = [
            Command.set(tax.ids)
        ]
        expected = {  # tax per line 4.28 + 7.13 + 4.73 + 3.16; in total 19.2945
            "round_per_line": (19.30, 120.85),
            "round_globally": (19.29, 120.84),
        }
        used = 0
        for mode, (amount_tax, amount_total) in expected.items():
            with self.subTest(mode=mode):
                self.env.company.tax_calculation_rounding_method = mode
                self.field_quota.allowance = used + 60  # 60 min left each time
                activity = self.signed()
                self.assertEqual(activity.service_quota_id, self.field_quota)
                order = self.approve(activity)
                used += 60
                self.assertEqual(activity.service_state, "approved")
                self.assertEqual(activity.service_approved_by, self.manager)
                self.assertEqual(order.partner_id, self.customer)
                self.assertEqual(
                    self.lines_of(order),
                    [  # 75 min: 60 covered by the quota, 15 at 1.50 a minute
                        (self.labour, 60, 1.5, 100, 0.0),
                        (self.labour, 15, 1.5, 0, 22.5),
                        (self.gasket, 3, 12.5, 0, 37.5),
                        (self.filter, 1, 24.9, 0, 24.9),
                        (self.mileage, 37, 0.45, 0, 16.65),
                    ],
                )
                self.assertIn("Covered by contract", order.order_line[0].name)
                self.assertIn(activity.name, order.order_line[0].name)
                self.assertAlmostEqual(order.amount_untaxed, 101.55, places=2)
                self.assertAlmostEqual(order.amount_tax, amount_tax, places=2)
                self.assertAlmostEqual(order.amount_total, amount_total, places=2)
                self.assertAlmostEqual(activity.service_amount, 101.55, places=2)
                move = self.field_quota.move_ids.filtered(
                    lambda m, a=activity: m.source_id == a.id
                )
                self.assertEqual(move.source_model, "fsm.order")
                self.assertEqual((move.quantity, move.overage_quantity), (60, 15))
                self.assertEqual(self.field_quota.period_used, used)
                self.assertEqual(self.field_quota.remaining, 0)
                activity.with_user(self.manager).action_service_invoice()
                invoice = activity.service_invoice_id
                self.assertEqual(invoice.state, "posted")
                self.assertAlmostEqual(invoice.amount_untaxed, 101.55, places=2)
                self.assertAlmostEqual(invoice.amount_tax, amount_tax, places=2)
                self.assertAlmostEqual(invoice.amount_total, amount_total, places=2)
                self.assertEqual(activity.service_state, "invoiced")

    def test_warranty_is_free_and_uses_no_quota(self):
        activity = self.signed(kind="warranty")
        self.assertFalse(activity.service_quota_id)
        order = self.approve(activity)
        self.assertEqual(
            self.lines_of(order),
            [
                (self.labour, 75, 1.5, 100, 0.0),
                (self.gasket, 3, 12.5, 100, 0.0),
                (self.filter, 1, 24.9, 100, 0.0),
                (self.mileage, 37, 0.45, 100, 0.0),
            ],
        )
        self.assertEqual(order.amount_total, 0.0)
        self.assertFalse(order.order_line.service_quota_id)
        self.assertNotIn("covered", " ".join(order.order_line.mapped("name")).lower())
        self.assertEqual(self.field_quota.period_used, 0)
        self.assertFalse(self.field_quota.move_ids)
        activity.with_user(self.manager).action_service_invoice()
        self.assertEqual(activity.service_state, "invoiced")
        self.assertEqual(activity.service_invoice_id.amount_total, 0.0)

    def test_a_customer_without_contract_pays_everything(self):
        activity = self.signed(partner=self.partner_b)
        self.assertFalse(activity.service_quota_id)
        order = self.approve(activity)
        self.assertEqual(order.partner_id, self.partner_b)
        self.assertEqual(
            self.lines_of(order),
            [
                (self.labour, 75, 1.5, 0, 112.5),
                (self.gasket, 3, 12.5, 0, 37.5),
                (self.filter, 1, 24.9, 0, 24.9),
                (self.mileage, 37, 0.45, 0, 16.65),
            ],
        )
        self.assertAlmostEqual(order.amount_untaxed, 191.55, places=2)
        self.assertEqual(self.field_quota.period_used, 0)

    def test_recurring_is_billed_like_one_off(self):
        one_off = self.approve(self.signed(partner=self.partner_b))
        recurring = self.approve(self.signed(partner=self.partner_b, kind="recurring"))
        self.assertEqual(self.lines_of(recurring), self.lines_of(one_off))
        self.field_quota.allowance = 200
        covered = self.approve(self.signed(kind="recurring", km=0))
        self.assertEqual(
            [(line[0], line[1], line[3]) for line in self.lines_of(covered)],
            [(self.labour, 75, 100), (self.gasket, 3, 0), (self.filter, 1, 0)],
        )
        self.assertEqual(self.field_quota.period_used, 75)

    def test_rounding_rule_per_entry_or_in_total(self):
        rule = self.env["service.rounding.rule"].create(
            {"name": "Quarter hours", "minimum_minutes": 15, "step_minutes": 15}
        )
        self.field_quota.rounding_rule_id = rule
        self.field_quota.allowance = 600
        total = self.signed(minutes=(10, 10), parts=[], km=0)
        self.approve(total)
        self.assertEqual(total.service_quantity, 30)  # 20 min in total: 30
        rule.apply_to = "entry"
        each = self.signed(minutes=(10, 10), parts=[], km=0)
        self.approve(each)
        self.assertEqual(each.service_quantity, 30)  # 15 + 15
        each = self.signed(minutes=(20, 5), parts=[], km=0)
        self.approve(each)
        self.assertEqual(each.service_quantity, 45)  # 30 + 15

    def test_a_manager_adjusts_quantities_and_time_before_approving(self):
        activity = self.signed(partner=self.partner_b)
        gasket = activity.service_line_ids.filtered(
            lambda line: line.product_id == self.gasket
        )
        gasket.with_user(self.manager).approved_qty = 2
        activity.with_user(self.manager).write(
            {"service_labour_adjusted": True, "service_approved_hours": 1.0}
        )
        order = self.approve(activity)
        self.assertEqual(
            [(line[0], line[1]) for line in self.lines_of(order)],
            [(self.labour, 60), (self.gasket, 2), (self.filter, 1), (self.mileage, 37)],
        )
        self.assertEqual(gasket.used_qty, 3)  # what was used stays on record

    def test_approving_many_is_one_engine_call_and_one_order_per_customer(self):
        self.field_quota.allowance = 600
        activities = (
            self.signed()
            | self.signed(kind="recurring")
            | self.signed(partner=self.partner_b)
        )
        engine = type(self.env["service.billing"])
        calls = []
        original = engine.bill

        def counting(model, items):
            calls.append(len(items))
            return original(model, items)

        with self.patch_engine(engine, counting):
            activities.with_user(self.manager).action_service_approve()
        self.assertEqual(calls, [12])
        self.assertEqual(set(activities.mapped("service_state")), {"approved"})
        orders = activities.service_sale_order_id
        self.assertEqual(len(orders), 2)
        self.assertEqual(orders.partner_id, self.customer | self.partner_b)
        self.assertEqual(self.field_quota.period_used, 150)

    def patch_engine(self, engine, replacement):
        from unittest.mock import patch

        return patch.object(engine, "bill", replacement)
