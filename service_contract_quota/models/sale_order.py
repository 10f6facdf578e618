from odoo import models


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
        # Lines first: rows the release just booked point at them, and the
        # database must empty those links before the orders go (orders Odoo
        # refuses to delete keep their lines and its message).
        self.filtered(lambda o: o.state in ("draft", "cancel")).order_line.unlink()
        return super().unlink()
