from odoo import fields, models


class ContractContract(models.Model):
    _inherit = "contract.contract"

    sla_level_id = fields.Many2one(
        "helpdesk.sla.level",
        string="SLA level",
        tracking=True,
        check_company=True,
        help="How fast the customer's tickets are answered and solved.",
    )
