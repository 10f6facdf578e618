from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        """A posted customer invoice of an order that bills service activities
        makes them invoiced (and e-mails their customers)."""
        posted = super()._post(soft)
        invoices = posted.filtered(lambda move: move.move_type == "out_invoice")
        if invoices:
            orders = invoices.sudo().invoice_line_ids.sale_line_ids.order_id
            if orders:
                self.env["fsm.order"].sudo().search(
                    [
                        ("service_sale_order_id", "in", orders.ids),
                        ("service_state", "=", "approved"),
                    ]
                )._service_mark_invoiced()
        return posted
