from odoo import api, models

#: What Odoo itself writes on any attachment it shares (portal, mail links).
FREE_FIELDS = {"access_token"}


class FsmOrderServiceLine(models.Model):
    """Parts used are part of the signed work report: a technician no longer
    adds, changes or removes them once the customer signed."""

    _inherit = "fsm.order.service.line"

    @api.model_create_multi
    def create(self, vals_list):
        order_ids = {vals.get("order_id") for vals in vals_list} - {False, None}
        self.env["fsm.order"].browse(order_ids)._service_check_report_unlocked()
        return super().create(vals_list)

    def write(self, vals):
        orders = self.order_id
        if vals.get("order_id"):
            orders |= self.env["fsm.order"].browse(vals["order_id"])
        orders._service_check_report_unlocked()
        return super().write(vals)

    def unlink(self):
        self.order_id._service_check_report_unlocked()
        return super().unlink()


class FsmEquipmentReading(models.Model):
    """Readings taken on a signed visit stay as the customer signed them."""

    _inherit = "fsm.equipment.reading"

    @api.model_create_multi
    def create(self, vals_list):
        order_ids = {vals.get("fsm_order_id") for vals in vals_list} - {False, None}
        self.env["fsm.order"].browse(order_ids)._service_check_report_unlocked()
        return super().create(vals_list)

    def write(self, vals):
        orders = self.fsm_order_id
        if vals.get("fsm_order_id"):
            orders |= self.env["fsm.order"].browse(vals["fsm_order_id"])
        orders._service_check_report_unlocked()
        return super().write(vals)

    def unlink(self):
        self.fsm_order_id._service_check_report_unlocked()
        return super().unlink()


class IrAttachment(models.Model):
    """The signed work order and the visit's photos are kept as signed: a
    technician (who may write the activity) cannot change or delete them."""

    _inherit = "ir.attachment"

    def _service_signed_orders(self):
        attached = self.filtered(lambda a: a.res_model == "fsm.order" and a.res_id)
        if not attached:
            return self.env["fsm.order"]
        orders = self.env["fsm.order"].sudo().browse(set(attached.mapped("res_id")))
        return orders.exists().filtered(
            lambda o: o.service_work_order_id in attached
            or o.service_photo_ids & attached
        )

    def write(self, vals):
        if set(vals) <= FREE_FIELDS:
            return super().write(vals)
        self._service_signed_orders().with_env(
            self.env
        )._service_check_report_unlocked()
        return super().write(vals)

    def unlink(self):
        self._service_signed_orders().with_env(
            self.env
        )._service_check_report_unlocked()
        return super().unlink()
