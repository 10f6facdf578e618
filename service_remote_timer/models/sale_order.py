from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_cancel(self):
        """A cancelled order gives its remote sessions back to their technicians."""
        result = super()._action_cancel()
        sessions = (
            self.env["service.remote.session"]
            .sudo()
            .search([("sale_order_id", "in", self.ids), ("state", "=", "done")])
        )
        for order in self:
            sessions.filtered(lambda s, o=order: s.sale_order_id == o)._reopen_billing(
                order
            )
        return result
