from odoo import api, models
from odoo.exceptions import UserError

# What Odoo may still write on a billed time entry (invoicing links it).
FREE_FIELDS = {"timesheet_invoice_id"}


class AccountAnalyticLine(models.Model):
    _inherit = "account.analytic.line"

    def _service_billed_ticket_lines(self):
        """These lines that bill a ticket (claimed by the engine)."""
        ticket_lines = self.filtered("ticket_id")
        if not ticket_lines:
            return ticket_lines
        claimed = (
            self.env["service.billed.source"]
            .sudo()
            .search(
                [
                    ("source_model", "=", self._name),
                    ("source_id", "in", ticket_lines.ids),
                ]
            )
        )
        return ticket_lines.filtered(
            lambda line: line.id in claimed.mapped("source_id")
        )

    def _service_refuse_billed(self, lines):
        line = lines[:1]
        raise UserError(
            self.env._(
                "The time logged on %(ticket)s is billed (%(order)s): a service "
                "manager cancels that order before it can be changed.",
                ticket=line.ticket_id.display_name,
                order=line.ticket_id.sudo().service_sale_order_id.name or "",
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        ticket_ids = {vals.get("ticket_id") for vals in vals_list} - {False, None}
        if ticket_ids and not self.env.context.get("service_billing"):
            billed = self.env["helpdesk.ticket"].sudo().browse(ticket_ids)
            billed = billed.filtered("service_billed")
            if billed:
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s is billed (%(order)s): log new time on a "
                        "new ticket, or have its order cancelled first.",
                        ticket=billed[:1].display_name,
                        order=billed[:1].service_sale_order_id.name,
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.context.get("service_billing") and set(vals) - FREE_FIELDS:
            billed = self._service_billed_ticket_lines()
            if billed:
                self._service_refuse_billed(billed)
        if "ticket_id" in vals and vals["ticket_id"]:
            ticket = self.env["helpdesk.ticket"].sudo().browse(vals["ticket_id"])
            if ticket.service_billed and not self.env.context.get("service_billing"):
                self._service_refuse_billed(self)
        return super().write(vals)

    def unlink(self):
        billed = self._service_billed_ticket_lines()
        if billed:
            self._service_refuse_billed(billed)
        return super().unlink()
