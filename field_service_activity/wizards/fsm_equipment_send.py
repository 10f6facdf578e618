from odoo import fields, models


class FsmEquipmentSend(models.TransientModel):
    """Send an equipment from the workshop to an external repairer."""

    _name = "fsm.equipment.send"
    _description = "Send equipment to an external repairer"

    equipment_id = fields.Many2one("fsm.equipment", required=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="External repairer", required=True
    )
    date = fields.Datetime(string="Sent on", required=True, default=fields.Datetime.now)
    note = fields.Text(help="What the repairer is asked to do, the expected return.")

    def action_send(self):
        self.ensure_one()
        self.equipment_id._service_move(
            "send", date=self.date, partner_id=self.partner_id.id, note=self.note
        )
        return {"type": "ir.actions.act_window_close"}
