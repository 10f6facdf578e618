from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    service_remote_product_id = fields.Many2one(
        related="company_id.service_remote_product_id", readonly=False
    )
    service_remote_project_id = fields.Many2one(
        related="company_id.service_remote_project_id", readonly=False
    )
    service_remote_max_interval_hours = fields.Integer(
        related="company_id.service_remote_max_interval_hours", readonly=False
    )
