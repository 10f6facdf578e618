from odoo import fields, models


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    waiting_customer = fields.Boolean(
        string="Waiting for the customer",
        help="Tickets in this stage wait on the customer: their SLA clock stops, "
        "and they close themselves when the customer stays silent.",
    )

    def _sla_pauses_clock(self):
        """Whether a ticket in this stage stops its SLA clock."""
        self.ensure_one()
        return self.closed or self.waiting_customer
