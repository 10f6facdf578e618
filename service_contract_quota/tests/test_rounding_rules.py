from odoo.exceptions import ValidationError

from .common import QuotaCase


class TestRoundingRules(QuotaCase):
    """Rules read as they are written (README: minimum, step, false start)."""

    def rule(self, **vals):
        return self.env["service.rounding.rule"].create(
            dict({"name": "Test rule"}, **vals)
        )

    def test_a_minimum_off_the_step_counts_steps_from_it(self):
        self.quota.rounding_rule_id = self.rule(minimum_minutes=5, step_minutes=15)
        got = [
            self.bill_lines(
                self.remote, seconds=minutes * 60, source=self.sources[n]
            ).product_uom_qty
            for n, minutes in enumerate([3, 6, 20, 21])
        ]
        self.assertEqual(got, [5, 20, 20, 35])

    def test_time_entries_are_rounded_each_or_in_total_as_the_rule_says(self):
        rule = self.rule(minimum_minutes=10, step_minutes=5)
        self.quota.rounding_rule_id = rule
        entries = [120, 420, 720]  # 2, 7 and 12 minutes logged on one ticket
        lines = self.bill_lines(self.remote, seconds=entries)
        self.assertEqual(lines.product_uom_qty, 25)  # total: 21 min -> 25
        self.assertIn("21 min worked, 25 min billed", lines.name)
        rule.apply_to = "entry"
        lines = self.bill_lines(self.remote, seconds=entries, source=self.sources[1])
        self.assertEqual(lines.product_uom_qty, 35)  # 10 + 10 + 15
        self.assertIn(
            "21 min worked in 3 entries, 35 min billed: each entry rounded", lines.name
        )
        self.assertEqual(self.quota.period_used, 60)
        for bad in ([], [60, -1], [60, "5"]):
            with self.assertRaises(ValidationError):
                self.bill_lines(self.remote, seconds=bad, source=self.sources[2])
        self.assertEqual(self.quota.period_used, 60)

    def test_one_unit_per_piece_of_work_whatever_its_length(self):
        unit_rule = self.env.ref("service_contract_quota.service_rounding_rule_unit")
        self.incident.service_rounding_rule_id = unit_rule
        for n, seconds in enumerate([20, 60, 37 * 60]):
            lines = self.bill_lines(
                self.incident,
                seconds=seconds,
                partner=self.partner_b,
                source=self.sources[n],
            )
            self.assertEqual(lines.product_uom_qty, 1)

    def test_nothing_to_bill_makes_no_document(self):
        orders = self.env["sale.order"].search_count([])
        with self.assertRaises(ValidationError):
            self.bill(self.remote, 0)
        with self.assertRaises(ValidationError):
            self.bill(self.remote, seconds=0, source=self.sources[1])
        self.assertEqual(self.env["sale.order"].search_count([]), orders)
        self.assertFalse(self.quota.move_ids)

    def test_a_per_unit_rule_on_a_product_sold_by_time_is_refused(self):
        unit_rule = self.env.ref("service_contract_quota.service_rounding_rule_unit")
        with self.assertRaises(ValidationError):
            self.remote.product_tmpl_id.service_rounding_rule_id = unit_rule
        with self.assertRaises(ValidationError):
            self.quota.rounding_rule_id = unit_rule
        # the company default cannot be checked per product: billing refuses
        self.env.company.service_rounding_rule_id = unit_rule
        with self.assertRaises(ValidationError) as caught:
            self.bill(self.other, seconds=37 * 60)
        self.assertIn("sold by time", str(caught.exception))

    def test_the_bound_of_minimum_and_step_is_a_company_setting(self):
        with self.assertRaises(ValidationError):
            self.rule(minimum_minutes=1200)
        self.env.company.service_rounding_max_minutes = 1440
        rule = self.rule(minimum_minutes=1200, step_minutes=60)
        self.assertEqual(rule.billable_quantity(1201 * 60), 1260)
        self.env.company.service_rounding_max_minutes = 60
        with self.assertRaises(ValidationError):
            self.rule(step_minutes=61)

    def test_archived_products_are_not_billed(self):
        self.other.active = False
        with self.assertRaises(ValidationError):
            self.bill(self.other, 10)
