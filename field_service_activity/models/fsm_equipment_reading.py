from odoo import fields, models


class FsmEquipmentReading(models.Model):
    """One dated reading of one meter of an equipment (hours, copies, kWh...)."""

    _name = "fsm.equipment.reading"
    _description = "Meter reading"
    _order = "date desc, id desc"

    equipment_id = fields.Many2one(
        "fsm.equipment", required=True, ondelete="cascade", index=True
    )
    meter = fields.Char(required=True, help="Which meter: e.g. Operating hours.")
    unit = fields.Char(help="Unit of the meter: h, copies, kWh...")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    value = fields.Float(required=True, digits=(16, 3))
    fsm_order_id = fields.Many2one(
        "fsm.order", string="Activity", index="btree_not_null", ondelete="set null"
    )
    company_id = fields.Many2one(related="equipment_id.company_id", store=True)
