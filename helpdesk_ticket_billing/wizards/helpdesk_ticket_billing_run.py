from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicketBillingRun(models.TransientModel):
    _name = "helpdesk.ticket.billing.run"
    _description = "Bill Helpdesk Tickets of a Period"

    date_from = fields.Date(string="Closed from", required=True)
    date_to = fields.Date(string="Closed until", required=True)
    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        help="Leave empty to bill every customer's tickets.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        last_month_end = fields.Date.context_today(self).replace(day=1) - timedelta(
            days=1
        )
        values.setdefault("date_from", last_month_end.replace(day=1))
        values.setdefault("date_to", last_month_end)
        return values

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for run in self:
            if run.date_to < run.date_from:
                raise ValidationError(self.env._("The period ends before it starts."))

    def action_run(self):
        self.ensure_one()
        partners = self.partner_ids.commercial_partner_id
        orders = self.env["helpdesk.ticket"]._service_billing_run(
            self.date_from, self.date_to, partners or None
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Orders of ticket billing"),
            "res_model": "sale.order",
            "domain": [("id", "in", orders.ids)],
            "views": [(False, "list"), (False, "form")],
        }
