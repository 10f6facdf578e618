from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    service_rounding_rule_id = fields.Many2one(
        "service.rounding.rule",
        string="Default rounding rule",
        default=lambda self: self.env.ref(
            "service_contract_quota.service_rounding_rule_minute",
            raise_if_not_found=False,
        ),
    )
    service_rounding_max_minutes = fields.Integer(
        string="Longest minimum or step (min)",
        default=999,
        help="Upper bound of the minimum and the step of rounding rules.",
    )
    service_auto_confirm = fields.Boolean(
        string="Confirm service orders",
        help="Confirm the sale orders billed service work creates.",
    )
    service_auto_invoice = fields.Boolean(
        string="Invoice service orders at once",
        help="Confirm and invoice the sale orders billed service work creates.",
    )
