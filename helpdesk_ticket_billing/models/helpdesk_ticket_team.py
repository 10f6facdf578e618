from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    service_product_id = fields.Many2one(
        "product.product",
        string="Service billed",
        domain="[('sale_ok', '=', True), ('type', '!=', 'combo')]",
        help="What this team's tickets bill: a service sold by time (their "
        "timesheets, rounded) or an incident (one unit per ticket).",
    )
    service_billable = fields.Boolean(
        string="Tickets are billable",
        default=True,
        help="New tickets of this team are billed unless their category is free.",
    )
    service_cap_hours = fields.Float(
        string="Ticket cost cap (hours)",
        default=10.0,
        help="Logged time on one ticket beyond which the team manager is told.",
    )
