from odoo import api, fields, models
from odoo.exceptions import AccessError

from .fsm_equipment import STATUSES


class FsmEquipmentMove(models.Model):
    """One move of an equipment: received in the workshop, sent to an external
    repairer, back from it, returned to the customer, or a manager's
    correction. Written by the workshop actions only."""

    _name = "fsm.equipment.move"
    _description = "Equipment move"
    _order = "date desc, id desc"
    _rec_name = "equipment_id"

    equipment_id = fields.Many2one(
        "fsm.equipment", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="equipment_id.company_id", store=True)
    customer_id = fields.Many2one(
        related="equipment_id.service_partner_id", string="Customer"
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", string="By", required=True, default=lambda self: self.env.user
    )
    from_status = fields.Selection(STATUSES, string="From")
    to_status = fields.Selection(STATUSES, string="To", required=True)
    partner_id = fields.Many2one(
        "res.partner", string="External repairer", help="Where it was sent."
    )
    fault = fields.Text(string="Reported fault")
    accessories = fields.Text(string="Accessories received")
    note = fields.Text()

    @api.depends("equipment_id", "to_status", "date")
    def _compute_display_name(self):
        labels = dict(self._fields["to_status"]._description_selection(self.env))
        for move in self:
            move.display_name = self.env._(
                "%(equipment)s: %(status)s",
                equipment=move.equipment_id.display_name,
                status=labels.get(move.to_status, ""),
            )

    def write(self, vals):
        # The history is the suite's record of what happened: a manager may
        # complete its texts, not rewrite where, when or by whom.
        if not self.env.su and set(vals) - self._service_editable_fields():
            raise AccessError(
                self.env._(
                    "A workshop move keeps its equipment, date, user and statuses; "
                    "only its fault, accessories and note can be completed."
                )
            )
        return super().write(vals)

    def _service_editable_fields(self):
        return {"fault", "accessories", "note"}

    def _service_summary(self):
        """The chatter note of this move (plain text, escaped by the chatter)."""
        self.ensure_one()
        labels = dict(self._fields["to_status"]._description_selection(self.env))
        if self.partner_id and self.to_status == "repairer":
            text = self.env._(
                "Sent to %(repairer)s.", repairer=self.partner_id.display_name
            )
        elif self.from_status == "repairer" and self.to_status == "workshop":
            text = self.env._("Back from the external repairer.")
        elif self.to_status == "workshop":
            text = self.env._("Received in the workshop.")
        elif self.to_status == "returned":
            text = self.env._("Returned to the customer.")
        else:
            text = self.env._(
                "Where it is: %(status)s.", status=labels.get(self.to_status)
            )
        if self.note:
            text = self.env._("%(move)s Note: %(note)s", move=text, note=self.note)
        return text

    def action_print_intake(self):
        return self.env.ref(
            "field_service_activity.fsm_equipment_intake_report"
        ).report_action(self)
