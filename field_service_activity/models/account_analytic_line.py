from odoo import fields, models


class AccountAnalyticLine(models.Model):
    _inherit = "account.analytic.line"

    service_fsm_order_id = fields.Many2one(
        "fsm.order",
        string="Service activity",
        index="btree_not_null",
        ondelete="set null",  # activities with time are kept (see fsm.order)
        help="The field service activity this time was spent on.",
    )
