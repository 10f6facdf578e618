from datetime import date

from freezegun import freeze_time

from .common import QuotaCase


class TestQuotaState(QuotaCase):
    """A quota whose contract ended reads Expired, not "Available" with what was
    left; one that starts later reads Not started. Today is 2026-03-15."""

    def states(self, quota):
        """The state of the quota, its contract and its customer (as a technician)."""
        self.env.invalidate_all()
        partner = quota.partner_id.with_user(self.technician)
        return (
            quota.balance_state,
            quota.contract_id.service_balance_state,
            partner.service_balance_state,
        )

    def test_a_quota_whose_contract_ended_is_expired_everywhere(self):
        customer = self.env["res.partner"].create({"name": "Ended Ltd"})
        contract = self._contract(customer, date(2025, 1, 1), date(2026, 2, 28))
        quota = self._quota(contract, 4, self.onsite, unit="hour", period_kind="month")
        self.assertEqual(quota.remaining, 4)  # what was left of its last month
        self.assertEqual(self.states(quota), ("expired", "expired", "expired"))
        self.assertFalse(contract.service_remaining, "no quantity offered as left")
        self.assertFalse(customer.with_user(self.technician).service_contract_id)
        expired = self.env["service.quota"].search([("balance_state", "=", "expired")])
        self.assertIn(quota, expired)
        # The running customer is unaffected.
        self.assertEqual(self.states(self.quota), ("ok", "ok", "ok"))
        self.assertEqual(self.contract.service_remaining, "600 minutes")

    def test_the_daily_job_expires_a_quota_once_its_end_has_passed(self):
        customer = self.env["res.partner"].create({"name": "Ending Ltd"})
        contract = self._contract(customer, date(2026, 1, 1), date(2026, 3, 31))
        quota = self._quota(contract, 600, self.remote, period_kind="month")
        self.bill(self.remote, 30, partner=customer)
        self.assertEqual(self.states(quota), ("ok", "ok", "ok"))
        self.assertEqual(contract.service_remaining, "570 minutes")
        cron = self.env.ref("service_contract_quota.ir_cron_service_quota_roll_periods")
        with freeze_time("2026-03-31 20:00:00"):
            cron.method_direct_trigger()
            self.assertEqual(self.states(quota), ("ok", "ok", "ok"))
        with freeze_time("2026-04-01 02:00:00"):
            cron.method_direct_trigger()
            self.assertEqual(self.states(quota), ("expired", "expired", "expired"))
            self.assertFalse(contract.service_remaining)
            # the running quota moved to April and stays available
            self.assertEqual(self.states(self.quota), ("ok", "ok", "ok"))
            self.assertEqual(self.quota.period_start, date(2026, 4, 1))

    def test_a_quota_not_started_yet_starts_with_the_daily_job(self):
        customer = self.env["res.partner"].create({"name": "Future Ltd"})
        contract = self._contract(customer, date(2026, 4, 1))
        quota = self._quota(contract, 600, self.remote)
        self.assertEqual(
            self.states(quota), ("not_started", "not_started", "not_started")
        )
        self.assertEqual(contract.service_remaining, "600 minutes")
        with freeze_time("2026-04-01 02:00:00"):
            self.env["service.quota"]._cron_roll_periods()
            self.assertEqual(self.states(quota), ("ok", "ok", "ok"))
            partner = customer.with_user(self.technician)
            self.assertEqual(partner.service_contract_id, contract)

    def test_the_state_follows_changed_dates(self):
        self.contract.date_end = date(2026, 3, 10)
        self.assertEqual(self.states(self.quota), ("expired", "expired", "expired"))
        self.contract.date_end = date(2026, 12, 31)
        self.assertEqual(self.states(self.quota), ("ok", "ok", "ok"))
        self.quota.date_start = date(2026, 3, 20)
        self.assertEqual(self.states(self.quota)[:2], ("not_started", "not_started"))

    def test_an_expired_quota_beside_a_running_one_leaves_the_contract_running(self):
        self._quota(
            self.contract,
            10,
            self.incident,
            unit="session",
            date_start=date(2026, 1, 1),
            date_end=date(2026, 2, 28),
        )
        quotas = self.contract.service_quota_ids
        self.assertEqual(
            sorted(quotas.mapped("balance_state")), ["expired", "ok"], quotas
        )
        self.assertEqual(self.contract.service_balance_state, "ok")
        self.assertEqual(self.contract.service_remaining, "600 minutes")
