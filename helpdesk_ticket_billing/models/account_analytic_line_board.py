from odoo import fields, models


class AccountAnalyticLine(models.Model):
    _inherit = "account.analytic.line"

    ticket_commercial_partner_id = fields.Many2one(
        "res.partner",
        string="Ticket customer",
        related="ticket_id.commercial_partner_id",
        store=True,
        index="btree_not_null",
        help="The company of the ticket's customer, for time per customer.",
    )
