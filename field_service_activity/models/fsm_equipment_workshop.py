from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..lib.workshop import allowed_moves, next_status

TECHNICIAN = "service_contract_quota.group_service_technician"


class FsmEquipment(models.Model):
    """The workshop: receiving an equipment (with an intake receipt), sending
    it to an external repairer, getting it back and returning it."""

    _inherit = "fsm.equipment"

    service_moves_allowed = fields.Char(
        compute="_compute_service_moves_allowed",
        help="Technical: the workshop moves that start from the current status.",
    )
    service_repairer_id = fields.Many2one(
        "res.partner",
        string="External repairer",
        readonly=True,
        copy=False,
        help="Where the equipment was last sent for repair.",
    )
    service_intake_id = fields.Many2one(
        "fsm.equipment.move",
        string="Last intake",
        readonly=True,
        copy=False,
        help="The last time the equipment was received in the workshop.",
    )

    def _compute_service_moves_allowed(self):
        for equipment in self:
            equipment.service_moves_allowed = ",".join(
                allowed_moves(equipment.service_status)
            )

    def _service_check_workshop_user(self):
        """Technicians and managers move equipment, on records they may read."""
        if not self.env.user.has_group(TECHNICIAN):
            raise AccessError(
                self.env._("Only technicians and service managers move equipment.")
            )
        self.check_access("read")

    def _service_log_move(self, from_status, to_status, **values):
        """One row of the workshop history (written by the suite, not by hand)."""
        self.ensure_one()
        return (
            self.env["fsm.equipment.move"]
            .sudo()
            .create(
                {
                    "equipment_id": self.id,
                    "from_status": from_status,
                    "to_status": to_status,
                    "user_id": self.env.user.id,
                    **values,
                }
            )
        )

    def _service_move(self, move, **values):
        """Apply the workshop ``move`` to each equipment; return the history
        rows. Refused, with nothing changed, when a move does not start from
        an equipment's current status."""
        self._service_check_workshop_user()
        moves = self.env["fsm.equipment.move"]
        for equipment in self:
            current = equipment.service_status
            try:
                target = next_status(current, move)
            except ValueError as error:
                raise UserError(equipment._service_refusal()) from error
            row = equipment._service_log_move(current, target, **values)
            update = {"service_status": target}
            if move == "receive":
                update["service_intake_id"] = row.id
            if move == "send":
                update["service_repairer_id"] = values.get("partner_id")
            # The move is checked above; the status itself is guarded in write().
            equipment.sudo().write(update)
            # Technicians only read equipment: the note is posted as them.
            equipment.sudo().message_post(
                body=row._service_summary(), author_id=self.env.user.partner_id.id
            )
            moves |= row
        return moves

    def _service_refusal(self):
        """Why a workshop move does not apply here: a whole sentence per
        status."""
        name = self.display_name
        return {
            "customer": self.env._(
                "%(equipment)s is at the customer: receive it in the workshop first.",
                equipment=name,
            ),
            "workshop": self.env._(
                "%(equipment)s is in our workshop: send it to a repairer or return "
                "it to the customer.",
                equipment=name,
            ),
            "repairer": self.env._(
                "%(equipment)s is at an external repairer: record it back from the "
                "repairer or returned to the customer.",
                equipment=name,
            ),
            "returned": self.env._(
                "%(equipment)s is back at the customer: receive it in the workshop "
                "first.",
                equipment=name,
            ),
        }[self.service_status]

    def action_service_receive(self):
        """Open the intake form (reported fault, accessories) for the workshop."""
        self.ensure_one()
        self._service_check_workshop_user()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Receive in workshop"),
            "res_model": "fsm.equipment.receive",
            "view_mode": "form",
            "target": "new",
            "context": {"default_equipment_id": self.id},
        }

    def action_service_send(self):
        self.ensure_one()
        self._service_check_workshop_user()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send to an external repairer"),
            "res_model": "fsm.equipment.send",
            "view_mode": "form",
            "target": "new",
            "context": {"default_equipment_id": self.id},
        }

    def action_service_back(self):
        for equipment in self:
            equipment._service_move(
                "back", partner_id=equipment.service_repairer_id.id or False
            )
        return True

    def action_service_return(self):
        self._service_move("return")
        return True

    def action_service_print_intake(self):
        self.ensure_one()
        if not self.service_intake_id:
            raise UserError(
                self.env._("This equipment was never received in the workshop.")
            )
        return self.service_intake_id.action_print_intake()
