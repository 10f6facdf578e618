from odoo import fields, models


class ServiceRemoteSessionCancel(models.TransientModel):
    """Asks why recorded time is cancelled (kept in the session's chatter)."""

    _name = "service.remote.session.cancel"
    _description = "Cancel Remote Support Time"

    session_ids = fields.Many2many("service.remote.session", string="Sessions")
    reason = fields.Char(required=True, help="Why this time is not billed.")

    def action_confirm(self):
        self.ensure_one()
        self.session_ids.action_cancel(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
