"""The quota notice job against billing, with real committed transactions:
a quota billed after the job took its snapshot is left for the job's next
run instead of failing the whole job (found on a multi-worker Odoo, where
the job ran while technicians billed)."""

from odoo import SUPERUSER_ID, api
from odoo.tests.common import tagged

from .race import RaceCase


@tagged("-standard", "-at_install", "post_install", "database_breaking")
class TestQuotaNoticeRace(RaceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.source_ids = []

    @classmethod
    def _remove_extra(cls, env):
        quotas = (
            env["service.quota"]
            .with_context(active_test=False)
            .search([("contract_id", "=", cls.contract_id)])
        )
        env["mail.mail"].search(
            [("model", "=", "service.quota"), ("res_id", "in", quotas.ids)]
        ).unlink()
        env["res.partner"].browse(cls.source_ids).unlink()

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def _pending(self, quota_id):
        with self.registry.cursor() as cr:
            return self._env(cr)["service.quota"].browse(quota_id).notice_pending

    def test_a_quota_billed_meanwhile_waits_for_the_next_run(self):
        quota_id = self._new_quota(100)
        with self.registry.cursor() as cr:
            env = self._env(cr)
            env["service.quota"].browse(quota_id).notice_pending = "quota_low"
            source = env["res.partner"].create({"name": "Notice race work"})
        self.source_ids.append(source.id)

        with self.registry.cursor() as job_cr:
            job = self._env(job_cr)
            job_cr.execute("SELECT 1")  # the job's snapshot is taken
            with self.registry.cursor() as cr:  # a technician bills, commits
                env = self._env(cr)
                env["service.billing"].bill(
                    [
                        {
                            "partner_id": self.partner_id,
                            "product_id": self.product_id,
                            "quantity": 5,
                            "source": env["res.partner"].browse(source.id),
                        }
                    ]
                )
            # no serialization failure: the busy quota is skipped
            job["service.quota"]._cron_send_notices()
        self.assertEqual(self._pending(quota_id), "quota_low")

        with self.registry.cursor() as cr:  # the next run sends it
            self._env(cr)["service.quota"]._cron_send_notices()
        self.assertFalse(self._pending(quota_id))
        with self.registry.cursor() as cr:
            mails = self._env(cr)["mail.mail"].search_count(
                [("model", "=", "service.quota"), ("res_id", "=", quota_id)]
            )
        self.assertEqual(mails, 1)
