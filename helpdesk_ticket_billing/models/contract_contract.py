from odoo import fields, models


class ContractContract(models.Model):
    _inherit = "contract.contract"

    service_ticket_cap_hours = fields.Float(
        string="Ticket cost cap (hours)",
        help="Logged time on one ticket beyond which its team manager is told; "
        "empty: the team's cap.",
    )
    service_quote_required = fields.Boolean(
        string="Quotation before ticket work",
        help="Work on this customer's billable tickets starts only once the "
        "customer accepted a quotation for it (on the portal or signed).",
    )
