from odoo import api, models

# What Odoo may still write on the time of an approved activity (invoicing).
FREE_FIELDS = {"timesheet_invoice_id"}


class AccountAnalyticLine(models.Model):
    """The time logged on an approved activity is billed: locked for everyone
    until its order is released."""

    _inherit = "account.analytic.line"

    @api.model_create_multi
    def create(self, vals_list):
        order_ids = {vals.get("service_fsm_order_id") for vals in vals_list}
        self.env["fsm.order"].browse(
            order_ids - {False, None}
        )._service_check_unlocked()
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - FREE_FIELDS:
            orders = self.sudo().service_fsm_order_id
            if vals.get("service_fsm_order_id"):
                orders |= self.env["fsm.order"].browse(vals["service_fsm_order_id"])
            orders.with_env(self.env)._service_check_unlocked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved_activity(self):
        self.sudo().service_fsm_order_id.with_env(self.env)._service_check_unlocked()
