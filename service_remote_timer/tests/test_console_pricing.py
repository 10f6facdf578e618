from datetime import date
from decimal import Decimal

from odoo import Command

from odoo.addons.service_contract_quota.lib.plan import (
    PlanItem,
    QuotaState,
    plan_item,
)
from odoo.addons.service_contract_quota.lib.quota import Tier
from odoo.addons.service_contract_quota.lib.rounding import (
    RoundingRule,
    billable_quantity,
)

from .common import RemoteCase


class TestConsolePricing(RemoteCase):
    """What the console says the customer pays when the customer is chosen
    (banner), and the plan with which it computes the running bill."""

    def banner(self, session):
        session.invalidate_recordset(["price_banner", "price_banner_level"])
        return session.price_banner or "", session.price_banner_level

    def test_no_contract_says_the_list_price_per_minute(self):
        session = self.new_session(partner_id=self.partner_b.id)
        text, level = self.banner(session)
        self.assertEqual(level, "info")
        self.assertIn("No contract of Customer B covers Remote minute", text)
        self.assertIn("billed at list price", text)
        self.assertIn("1.50", text)
        self.assertTrue(text.endswith("per minute."), text)

    def test_a_quota_with_plenty_left_needs_no_banner(self):
        text, level = self.banner(self.new_session())
        self.assertEqual((text, level), ("", False))

    def test_low_quota_says_what_is_left_and_the_price_beyond(self):
        self.bill(self.remote, 500)  # 100 of 600 left: 17 %, alert at 20 %
        text, level = self.banner(self.new_session())
        self.assertEqual(level, "warning")
        self.assertIn("is low: 100 of 600 left (alert at 20 %)", text)
        self.assertIn("Beyond it:", text)
        self.assertIn("1.50", text)

    def test_exhausted_quota_says_the_overage_price(self):
        self.quota.tier_ids = [
            Command.create({"from_quantity": 0, "to_quantity": 60, "price": 1.2}),
            Command.create({"from_quantity": 60, "to_quantity": 0, "price": 1.0}),
        ]
        self.bill(self.remote, 600, source=self.sources[0])
        text, level = self.banner(self.new_session())
        self.assertEqual(level, "danger")
        self.assertIn("is used up until 2026-03-31", text)
        self.assertIn("billed at the overage price", text)
        self.assertIn("1.20", text)
        # past the first tier, the next tier's price
        self.bill(self.remote, 60, source=self.sources[1])
        text, _level = self.banner(self.new_session())
        self.assertIn("1.00", text)
        self.assertNotIn("1.20", text)

    def test_exhausted_quota_without_tiers_says_the_list_price(self):
        self.bill(self.remote, 600)
        text, level = self.banner(self.new_session())
        self.assertEqual(level, "danger")
        self.assertIn("used up until 2026-03-31: billed at list price", text)
        self.assertIn("1.50", text)

    def test_ended_contract_says_when_it_ended_and_the_list_price(self):
        contract = self._contract(self.partner_b, date(2025, 1, 1), date(2026, 2, 28))
        self._quota(contract, allowance=100, products=self.remote)
        text, level = self.banner(self.new_session(partner_id=self.partner_b.id))
        self.assertEqual(level, "danger")
        self.assertIn("ended on 2026-02-28", text)
        self.assertIn("valid from 2025-01-01 to 2026-02-28", text)
        self.assertIn("Billed at list price", text)
        self.assertIn("1.50", text)

    def test_contract_not_started_says_when_it_starts(self):
        contract = self._contract(self.partner_b, date(2026, 4, 1))
        self._quota(contract, allowance=100, products=self.remote)
        text, level = self.banner(self.new_session(partner_id=self.partner_b.id))
        self.assertEqual(level, "warning")
        self.assertIn("starts on 2026-04-01", text)
        self.assertIn("valid from 2026-04-01.", text)
        self.assertIn("1.50", text)

    def test_work_billing_would_refuse_is_said_before_the_clock_runs(self):
        """An incident (sold per unit) under the company's timed rule: Finish
        would refuse it; the console says so when the service is chosen."""
        session = self.new_session(partner_id=self.partner_b.id)
        session.product_id = self.incident
        text, level = self.banner(session)
        self.assertEqual(level, "danger")
        self.assertIn("not by time", text)
        self.assertFalse(session.live_plan)

    def test_the_banner_follows_the_customer_chosen_in_the_form(self):
        """The console's form computes the banner as soon as the customer is
        picked, before the session is saved."""
        session = self.Session.with_user(self.technician).new(
            {"partner_id": self.partner_b.id}
        )
        self.assertIn("No contract of Customer B", session.price_banner)
        session.partner_id = self.partner
        self.assertFalse(session.price_banner)

    def test_billed_and_cancelled_sessions_say_nothing(self):
        session = self.new_session(partner_id=self.partner_b.id)
        with self.at("10:00"):
            session.action_start()
        with self.at("10:05"):
            session.action_finish()
        self.assertEqual(self.banner(session), ("", False))
        self.assertFalse(session.live_plan)

    # ------------------------------------------------------------ live plan
    def replay(self, plan, seconds):
        """Bill ``seconds`` with the live plan's parameters only, as the
        console does (lib.rounding and lib.plan here, their JS twin there)."""
        rule = plan["rule"]
        quantity = billable_quantity(
            seconds,
            RoundingRule(
                minimum=rule["minimum"],
                step=rule["step"],
                mode=rule["mode"],
                grace_seconds=rule["grace_seconds"],
            ),
        )
        quota, state = plan["quota"], None
        factor = None
        if quota:
            state = QuotaState(
                Decimal(quota["remaining"]),
                Decimal(quota["overage_used"]),
                tuple(
                    Tier(Decimal(a), None if b is None else Decimal(b), Decimal(p))
                    for a, b, p in quota["tiers"]
                ),
            )
            if quota["per_quota_unit"] is not None:
                factor = Decimal(quota["per_quota_unit"])
        result, _after = plan_item(
            PlanItem(
                Decimal(quantity),
                Decimal(plan["price"]),
                Decimal(plan["discount"]),
                quota="q" if quota else None,
                per_quota_unit=factor,
            ),
            state,
            Decimal(plan["quantity_step"]),
            Decimal(plan["money_step"]),
        )
        return (
            float(result.quantity),
            float(result.covered_quantity),
            float(result.amount),
        )

    def test_the_live_plan_gives_what_pause_shows(self):
        """Quota of 10 minutes left, then a 1.20 tier for 5 minutes, then the
        list price: at every pause the plan the console got gives the figures
        the server shows."""
        self.quota.tier_ids = [
            Command.create({"from_quantity": 0, "to_quantity": 5, "price": 1.2}),
        ]
        self.bill(self.remote, 590)
        session = self.new_session()
        runs = [("10:00", "10:07:10"), ("10:12", "10:21:40")]  # 16 min 50 s
        for index, (start, stop) in enumerate(runs):
            with self.at(start):
                (session.action_resume if index else session.action_start)()
            with self.at(stop):
                plan = session.live_plan
                session.action_pause()
            shown = (
                session.preview_quantity,
                session.preview_covered,
                session.preview_amount,
            )
            self.assertEqual(self.replay(plan, session.closed_seconds), shown)
        self.assertEqual(session.preview_quantity, 17)
        self.assertEqual(session.preview_covered, 10)
        self.assertEqual(session.preview_amount, 5 * 1.2 + 2 * 1.5)
        self.assertEqual(Decimal(plan["quota"]["remaining"]), 10)
        self.assertEqual(plan["rule"]["step"], 1)

    def test_the_live_plan_of_an_hour_quota_and_a_coarse_rule(self):
        """A quota counted in hours, a rule of 15 then 5-minute steps rounded to
        the nearest."""
        self.quota.write(
            {
                "unit": "hour",
                "allowance": 1,
                "rounding_rule_id": self.env["service.rounding.rule"]
                .create(
                    {
                        "name": "15 then 5 nearest",
                        "minimum_minutes": 15,
                        "step_minutes": 5,
                        "mode": "nearest",
                    }
                )
                .id,
            }
        )
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        for stop in ("10:03", "10:47:29", "10:47:31", "11:12:40"):
            with self.at(stop):
                plan = session.live_plan
                expected = self.replay(plan, self.elapsed(session))
                session.invalidate_recordset()
                shown = (
                    session.preview_quantity,
                    session.preview_covered,
                    session.preview_amount,
                )
            self.assertEqual(expected, shown, stop)
        self.assertEqual(plan["quota"]["per_quota_unit"][:6], "0.0166")
        self.assertEqual(shown, (75.0, 60.0, 22.5))
