from odoo import api, fields, models
from odoo.exceptions import UserError


class ServiceRemoteAccess(models.Model):
    """A customer's ID in one remote-support tool (AnyDesk address, host...)."""

    _name = "service.remote.access"
    _description = "Customer Remote Access ID"
    _order = "partner_id, sequence, id"
    _rec_name = "remote_id"

    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        ondelete="cascade",
        index=True,
    )
    tool_id = fields.Many2one(
        "service.remote.tool", string="Tool", required=True, ondelete="restrict"
    )
    tool_icon = fields.Char(related="tool_id.icon")
    remote_id = fields.Char(
        string="Remote ID",
        required=True,
        help="The customer's address in this tool: AnyDesk or TeamViewer ID, "
        "RustDesk ID, host:port for RDP/VNC, user@host for SSH.",
    )
    note = fields.Char(help="Which machine this is, e.g. reception PC.")

    _sql_constraints = [
        (
            "remote_id_unique",
            "UNIQUE (partner_id, tool_id, remote_id)",
            "This customer already has this remote ID for this tool.",
        )
    ]

    @api.depends("tool_id", "remote_id", "note")
    def _compute_display_name(self):
        for access in self:
            label = f"{access.tool_id.name or ''}: {access.remote_id or ''}"
            access.display_name = f"{label} ({access.note})" if access.note else label

    def action_connect(self):
        """Open this tool for the session in the context and start its clock."""
        self.ensure_one()
        session_id = self.env.context.get("service_session_id")
        if not session_id:
            raise UserError(self.env._("Open a remote support session first."))
        session = self.env["service.remote.session"].browse(session_id)
        return session.action_connect(self.id)
