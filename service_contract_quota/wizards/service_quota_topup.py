from odoo import fields, models


class ServiceQuotaTopup(models.TransientModel):
    """Add to the allowance of a quota's current period (a ledger row)."""

    _name = "service.quota.topup"
    _description = "Top Up a Service Quota"

    quota_id = fields.Many2one("service.quota", required=True, ondelete="cascade")
    unit = fields.Selection(related="quota_id.unit")
    remaining = fields.Float(related="quota_id.remaining")
    quantity = fields.Float(required=True, digits="Product Unit of Measure")
    reason = fields.Char(required=True, default=lambda self: self.env._("Extension"))

    def action_confirm(self):
        self.ensure_one()
        self.quota_id._top_up(self.quantity, reason=self.reason)
        self.quota_id.contract_id.message_post(
            body=self.env._(
                "%(quota)s topped up by %(quantity)s (%(reason)s).",
                quota=self.quota_id.name,
                quantity=self.quantity,
                reason=self.reason,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}
