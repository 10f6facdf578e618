from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import float_compare


class FsmOrderServiceLine(models.Model):
    """Guards of the approval: only a service manager approves another
    quantity than the one used, and the lines of an approved activity are
    locked for everyone until its order is released."""

    _inherit = "fsm.order.service.line"

    def _service_check_approved_qty(self, approved, used):
        """Refuse a non-manager's approved quantity other than the used one
        (the form sends the computed value back, which is accepted)."""
        if self.env["fsm.order"]._service_is_manager():
            return
        precision = self.env["decimal.precision"].precision_get(
            "Product Unit of Measure"
        )
        if float_compare(approved or 0.0, used or 0.0, precision_digits=precision):
            raise AccessError(
                self.env._(
                    "Only a service manager approves another quantity than the one "
                    "used."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        order_ids = {vals.get("order_id") for vals in vals_list} - {False, None}
        self.env["fsm.order"].browse(order_ids)._service_check_unlocked()
        for vals in vals_list:
            if "approved_qty" in vals:
                self._service_check_approved_qty(
                    vals["approved_qty"], vals.get("used_qty")
                )
        return super().create(vals_list)

    def write(self, vals):
        orders = self.order_id
        if vals.get("order_id"):
            orders |= self.env["fsm.order"].browse(vals["order_id"])
        orders._service_check_unlocked()
        if "approved_qty" in vals:
            for line in self:
                line._service_check_approved_qty(
                    vals["approved_qty"], vals.get("used_qty", line.used_qty)
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        self.order_id._service_check_unlocked()
