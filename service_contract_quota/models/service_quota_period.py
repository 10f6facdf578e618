from odoo import fields, models


class ServiceQuotaPeriod(models.Model):
    """Totals of one quota period, kept with every ledger row under its lock.

    Balances of a back-dated period and the rollover into later periods read
    these few rows instead of the whole ledger. Written only with the ledger
    rows (``service.quota.move._book``, ``service.quota._period_upsert``).
    """

    _name = "service.quota.period"
    _description = "Service Quota Period Totals"
    _order = "quota_id, period_start"

    quota_id = fields.Many2one(
        "service.quota", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="quota_id.company_id")
    period_start = fields.Date(required=True, readonly=True)
    covered = fields.Float(readonly=True)
    overage = fields.Float(readonly=True)
    topup = fields.Float(readonly=True)

    _sql_constraints = [
        (
            "quota_period_unique",
            "UNIQUE (quota_id, period_start)",
            "One row of totals per quota period.",
        )
    ]
