from odoo import fields, models


class HelpdeskTicketSlaPause(models.Model):
    """A period in which a ticket's SLA clock stood still: it waited on the
    customer, or it was closed. Written by the ticket when its stage changes."""

    _name = "helpdesk.ticket.sla.pause"
    _description = "Helpdesk Ticket SLA Pause"
    _order = "ticket_id, date_start, id"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, ondelete="cascade", index=True
    )
    stage_id = fields.Many2one("helpdesk.ticket.stage", ondelete="set null")
    date_start = fields.Datetime(string="From", required=True)
    date_end = fields.Datetime(string="Until")

    _sql_constraints = [
        (
            "end_after_start",
            "CHECK (date_end IS NULL OR date_end >= date_start)",
            "A pause cannot end before it starts.",
        ),
    ]
