from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import QuotaCase


class TestBadInput(QuotaCase):
    def assertNothingBilled(self):
        self.assertFalse(
            self.env["sale.order"].search([("partner_id", "=", self.partner.id)])
        )
        self.assertFalse(self.quota.move_ids)
        claims = self.env["service.billed.source"].search(
            [
                ("source_model", "=", "res.partner"),
                ("source_id", "in", self.sources.ids),
            ]
        )
        self.assertFalse(claims)
        self.assertEqual(self.quota.period_used, 0)

    def test_negative_quantity_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.bill(self.remote, -5)
        self.assertIn("cannot be negative", str(caught.exception))
        self.assertNothingBilled()

    def test_negative_duration_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.bill(self.remote, seconds=-60)
        self.assertIn("cannot be negative", str(caught.exception))
        self.assertNothingBilled()

    def test_one_bad_item_stops_the_whole_call(self):
        items = [
            {
                "partner_id": self.partner.id,
                "product_id": self.remote.id,
                "quantity": 10,
                "source": self.sources[0],
            },
            {
                "partner_id": self.partner.id,
                "product_id": self.remote.id,
                "quantity": -1,
                "source": self.sources[1],
            },
        ]
        with self.assertRaises(ValidationError):
            self.env["service.billing"].bill(items)
        self.assertNothingBilled()

    def test_missing_customer_product_or_source(self):
        with self.assertRaises(ValidationError):
            self.env["service.billing"].bill(
                [
                    {
                        "product_id": self.remote.id,
                        "quantity": 1,
                        "source": self.sources[0],
                    }
                ]
            )
        with self.assertRaises(ValidationError):
            self.env["service.billing"].bill(
                [
                    {
                        "partner_id": self.partner.id,
                        "quantity": 1,
                        "source": self.sources[0],
                    }
                ]
            )
        with self.assertRaises(ValidationError):
            self.env["service.billing"].bill(
                [
                    {
                        "partner_id": self.partner.id,
                        "product_id": self.remote.id,
                        "quantity": 1,
                    }
                ]
            )
        self.assertNothingBilled()

    def test_rounding_rule_ranges(self):
        rules = self.env["service.rounding.rule"]
        for vals in (
            {"minimum_minutes": 1000},
            {"step_minutes": -1},
            {"grace_seconds": -1},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaises(ValidationError),
                mute_logger("odoo.sql_db"),
            ):
                rules.create({"name": "bad", **vals})
        self.assertFalse(rules.search([("name", "=", "bad")]))

    def test_overlapping_or_gapped_tiers_are_refused(self):
        for bands in (
            [(0, 10, 50), (5, 0, 70)],  # overlap
            [(0, 10, 50), (12, 0, 70)],  # gap
            [(2, 10, 50)],  # does not start at 0
            [(0, 0, 50), (0, 10, 70)],  # open-ended tier before the last
        ):
            with self.subTest(bands=bands), self.assertRaises(ValidationError):
                self.quota.write(
                    {
                        "tier_ids": [
                            Command.create(
                                {"from_quantity": a, "to_quantity": b, "price": p}
                            )
                            for a, b, p in bands
                        ]
                    }
                )
            self.assertFalse(self.quota.tier_ids)

    def test_whole_term_quota_needs_an_end_date(self):
        open_ended = self._contract(self.partner_b, self.TODAY)
        with self.assertRaises(ValidationError) as caught:
            self._quota(
                open_ended, allowance=10, products=self.remote, period_kind="once"
            )
        self.assertIn("end date", str(caught.exception))
        self.assertFalse(
            self.env["service.quota"].search([("contract_id", "=", open_ended.id)])
        )

    def test_minute_quota_refuses_a_product_sold_per_unit(self):
        with self.assertRaises(ValidationError) as caught:
            self.quota.product_ids = [Command.link(self.incident.id)]
        self.assertIn("converts", str(caught.exception))

    def test_timed_work_on_a_unit_product_needs_a_unit_rule(self):
        with self.assertRaises(ValidationError) as caught:
            self.bill(self.incident, seconds=600, partner=self.partner_b)
        self.assertIn("not by time", str(caught.exception))
