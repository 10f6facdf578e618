from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    service_fsm_labour_product_id = fields.Many2one(
        "product.product",
        string="Field labour",
        help="Service billed for a technician's time on site (time unit); contract "
        "quotas naming it cover it.",
    )
    service_fsm_mileage_product_id = fields.Many2one(
        "product.product",
        string="Mileage",
        help="Product billed per kilometre driven to an activity.",
    )
