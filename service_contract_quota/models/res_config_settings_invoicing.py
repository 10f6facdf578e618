from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    service_invoicing_policy = fields.Selection(
        related="company_id.service_invoicing_policy", readonly=False
    )
    service_statement_post = fields.Boolean(
        related="company_id.service_statement_post", readonly=False
    )
