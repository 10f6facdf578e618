from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    service_fsm_labour_product_id = fields.Many2one(
        related="company_id.service_fsm_labour_product_id", readonly=False
    )
    service_fsm_mileage_product_id = fields.Many2one(
        related="company_id.service_fsm_mileage_product_id", readonly=False
    )
