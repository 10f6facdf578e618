from odoo import models
from odoo.tools import SQL


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_cancel(self):
        result = super()._action_cancel()
        engine = self.env["service.billing"]
        for order in self:
            released = engine._release_lines(
                order.order_line,
                self.env._("%(order)s cancelled", order=order.name),
            )
            if released:
                order.message_post(
                    body=self.env._(
                        "The service work of this order was released: the quota got "
                        "its units back and the work may be billed again."
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return result

    def unlink(self):
        self.check_access("unlink")  # refuse before anything is released
        engine = self.env["service.billing"]
        for order in self:
            engine._release_lines(
                order.order_line,
                self.env._("%(order)s deleted", order=order.name),
            )
        # The database empties the ledger's links to the deleted lines; done
        # first here, as rows booked in this transaction would otherwise be
        # checked against lines the same statement already deleted.
        lines = self.order_line
        if lines:
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    "UPDATE service_quota_move SET sale_line_id = NULL "
                    "WHERE sale_line_id IN %s",
                    tuple(lines.ids),
                )
            )
            self.env["service.quota.move"].invalidate_model(["sale_line_id"])
        return super().unlink()
