from odoo import fields, models


class AccountAnalyticLine(models.Model):
    _inherit = "account.analytic.line"

    service_remote_session_id = fields.Many2one(
        "service.remote.session",
        string="Remote support session",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
