from odoo import models


class FsmOrder(models.Model):
    _inherit = "fsm.order"

    def _service_worked_minutes(self):
        """The time entries of the activity (hours x 60), as the technicians
        logged them, before rounding or a manager's approved duration."""
        self.ensure_one()
        entries = self.sudo().service_timesheet_ids
        return sum(entries.mapped("unit_amount")) * 60.0
