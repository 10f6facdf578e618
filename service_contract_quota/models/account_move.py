from odoo import api, fields, models
from odoo.tools import float_is_zero


class AccountMove(models.Model):
    _inherit = "account.move"

    service_invoice = fields.Boolean(
        compute="_compute_service_invoice",
        compute_sudo=True,
        help="Some lines bill service work: the discount column shows what a "
        "contract covers.",
    )

    @api.depends("invoice_line_ids.sale_line_ids.service_source_model")
    def _compute_service_invoice(self):
        for move in self:
            lines = move.invoice_line_ids.sale_line_ids
            move.service_invoice = any(lines.mapped("service_source_model"))

    def _post(self, soft=True):
        """A credit note that fully reverses an order's invoices voids the order.

        The order is cancelled, which releases its service work through the
        engine's one release path (quota back once, sources billable again),
        and it cannot be invoiced a second time.
        """
        posted = super()._post(soft)
        refunds = posted.filtered(lambda move: move.move_type == "out_refund")
        if not refunds:
            return posted
        orders = refunds.invoice_line_ids.sale_line_ids.order_id.filtered(
            lambda order: order.state == "sale"
            and order.order_line.filtered("service_source_model")
        )
        precision = self.env["decimal.precision"].precision_get(
            "Product Unit of Measure"
        )
        for order in orders.sudo():
            if all(
                float_is_zero(line.qty_invoiced, precision_digits=precision)
                for line in order.order_line
            ):
                order._action_cancel()
                order.message_post(
                    body=self.env._(
                        "Cancelled: a credit note reversed all of its invoices."
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return posted
