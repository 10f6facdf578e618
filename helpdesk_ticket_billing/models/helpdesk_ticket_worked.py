from odoo import models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    def _service_worked_minutes(self):
        """The time logged on the ticket for the piece of work the invoice
        bills: its timesheets linked to the lines that billed it, or, before
        it is billed, all its timesheets (hours x 60)."""
        self.ensure_one()
        ticket = self.sudo()
        timesheets = ticket.timesheet_ids
        lines = ticket._service_lines()
        billed = timesheets.filtered(lambda line: line.so_line.id in lines.ids)
        return sum((billed or timesheets).mapped("unit_amount")) * 60.0
