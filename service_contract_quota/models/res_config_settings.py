from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    service_rounding_rule_id = fields.Many2one(
        related="company_id.service_rounding_rule_id", readonly=False
    )
    service_rounding_max_minutes = fields.Integer(
        related="company_id.service_rounding_max_minutes", readonly=False
    )
    service_auto_confirm = fields.Boolean(
        related="company_id.service_auto_confirm", readonly=False
    )
    service_auto_invoice = fields.Boolean(
        related="company_id.service_auto_invoice", readonly=False
    )
