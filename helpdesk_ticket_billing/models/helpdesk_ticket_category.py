from odoo import fields, models


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    service_billable = fields.Boolean(
        string="Billable",
        default=True,
        help="Clear it for work the customer never pays: warranty, our own bug.",
    )
