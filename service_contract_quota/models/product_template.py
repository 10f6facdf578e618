from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    service_rounding_rule_id = fields.Many2one(
        "service.rounding.rule",
        string="Rounding rule",
        company_dependent=True,
        help="How timed work on this service is rounded, unless the contract "
        "quota sets its own rule; defaults to the company's rule.",
    )
