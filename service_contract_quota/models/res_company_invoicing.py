from odoo import fields, models

INVOICING_POLICIES = [
    ("per_order", "Per order"),
    ("statement", "Monthly statement"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    service_invoicing_policy = fields.Selection(
        INVOICING_POLICIES,
        string="Invoicing of service work",
        default="per_order",
        required=True,
        help="Per order: each service order is invoiced as the order setting says. "
        "Monthly statement: the customer gets one invoice a month with the "
        "contract's flat fee and all the service work of the month.",
    )
    service_statement_post = fields.Boolean(
        string="Post monthly statements",
        help="Post the statement invoices the monthly run makes; otherwise they "
        "are left in draft for review.",
    )
