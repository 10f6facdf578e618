from odoo import fields, models


class FsmEquipmentReceive(models.TransientModel):
    """Receive an equipment in the workshop and print its intake receipt."""

    _name = "fsm.equipment.receive"
    _description = "Receive equipment in the workshop"

    equipment_id = fields.Many2one("fsm.equipment", required=True, readonly=True)
    customer_id = fields.Many2one(
        related="equipment_id.service_partner_id", string="Customer"
    )
    serial_number = fields.Char(related="equipment_id.serial_number")
    date = fields.Datetime(
        string="Received on", required=True, default=fields.Datetime.now
    )
    fault = fields.Text(string="Reported fault")
    accessories = fields.Text(
        string="Accessories received", help="Cables, power supply, case..."
    )
    note = fields.Text()

    def action_receive(self):
        self.ensure_one()
        move = self.equipment_id._service_move(
            "receive",
            date=self.date,
            fault=self.fault,
            accessories=self.accessories,
            note=self.note,
        )
        action = move.action_print_intake()
        action["close_on_report_download"] = True
        return action
