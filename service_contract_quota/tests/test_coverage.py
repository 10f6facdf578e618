from datetime import date

from odoo.exceptions import UserError, ValidationError

from .common import QuotaCase


class TestCoverage(QuotaCase):
    """The contract that covers, saying why it does not, and balances that
    only the ledger moves."""

    def test_a_contract_ended_earlier_covers_nothing_after_its_new_end(self):
        self.contract.date_end = date(2026, 3, 10)
        self.assertEqual(self.quota.date_end, date(2026, 12, 31))  # its own, kept
        lines = self.bill_lines(self.remote, 15)
        self.assertEqual(lines.discount, 0)
        self.assertFalse(self.quota.move_ids)
        self.assertIn("ended on 2026-03-10", lines.name)
        # work done before the new end is still covered
        lines = self.bill_lines(
            self.remote, 15, source=self.sources[1], day=date(2026, 3, 9)
        )
        self.assertEqual(lines.discount, 100)

    def test_the_first_quota_that_covers_the_day_and_product_is_used(self):
        # a second quota of the same contract, first by sequence, ending in March
        spring = self._quota(
            self.contract,
            allowance=30,
            products=self.remote,
            sequence=0,
            date_end=date(2026, 3, 31),
        )
        services = self.env["product.category"].create({"name": "Services"})
        self.other.categ_id = services
        by_category = self._quota(
            self._contract(self.partner, date(2026, 1, 1)),
            allowance=50,
            products=self.env["product.product"],
            categ_ids=services.ids,
        )
        items = [
            {
                "partner_id": self.partner.id,
                "product_id": product.id,
                "quantity": 10,
                "source": self.sources[n],
                "date": day,
            }
            for n, (product, day) in enumerate(
                [
                    (self.remote, date(2026, 3, 2)),
                    (self.remote, date(2026, 4, 2)),
                    (self.other, date(2026, 4, 2)),
                ]
            )
        ]
        lines = self.env["service.billing"].bill(items)
        self.assertEqual(
            [line.service_quota_id for line in lines.sorted("id")],
            [spring, self.quota, by_category],
        )
        # one item alone finds the same quota as in a batch
        lines = self.bill_lines(
            self.remote, 5, source=self.sources[3], day=date(2026, 3, 3)
        )
        self.assertEqual(lines.service_quota_id, spring)

    def test_full_price_says_why_in_the_customers_language(self):
        cases = {
            "archived": lambda: self.contract.write({"active": False}),
            "starts on 2026-04-01": lambda: self.contract.write(
                {"date_start": date(2026, 4, 1)}
            ),
            "does not include Not covered": lambda: None,
        }
        for n, (reason, change) in enumerate(cases.items()):
            with self.subTest(reason=reason):
                savepoint = self.env.cr.savepoint()
                change()
                product = self.other if "include" in reason else self.remote
                lines = self.bill_lines(product, 10, source=self.sources[n])
                self.assertEqual(lines.discount, 0)
                self.assertIn(reason, lines.name)
                self.assertIn(self.contract.name, lines.name)
                savepoint.rollback()
        # in the customer's language
        self.env["res.lang"]._activate_lang("fr_FR")
        self.partner.lang = "fr_FR"
        self.contract.active = False
        lines = self.bill_lines(self.remote, 10, source=self.sources[9])
        self.assertIn("Not covered", lines.name)  # no French catalogue shipped
        self.assertEqual(lines.order_id.partner_id.lang, "fr_FR")
        # a customer without any contract gets no note
        lines = self.bill_lines(
            self.remote, 10, partner=self.partner_b, source=self.sources[10]
        )
        self.assertNotIn("Not covered", lines.name)

    def test_another_companys_contract_is_named(self):
        other = self.env["res.company"].create({"name": "Sister Co"})
        self.contract.write({"company_id": other.id})
        self.quota.invalidate_recordset()
        lines = self.bill_lines(self.remote, 10)
        self.assertIn("belongs to Sister Co", lines.name)

    def test_balances_cannot_be_forged_over_rpc(self):
        before = self.quota.read(["period_used", "period_allowance", "remaining"])[0]
        forged = {
            "period_used": 0,
            "period_allowance": 10000,
            "remaining": 10000,
            "balance_state": "ok",
        }
        for field, value in forged.items():
            for user in (self.manager, self.technician):
                with self.subTest(field=field, user=user.login):
                    with self.assertRaises(UserError):
                        self.quota.with_user(user).write({field: value})
        self.assertEqual(
            self.quota.read(["period_used", "period_allowance", "remaining"])[0], before
        )

    def test_bad_quota_amounts_are_refused_with_a_message(self):
        for field, value in (
            ("allowance", -1),
            ("rollover_cap", -1),
            ("allowance", float("nan")),
            ("allowance", "5"),
            ("allowance", True),
        ):
            with self.subTest(field=field, value=value):
                with self.assertRaises(ValidationError) as caught:
                    self.quota.with_user(self.manager).write({field: value})
                self.assertIn("quota", str(caught.exception))
        self.assertEqual(self.quota.allowance, 600)
