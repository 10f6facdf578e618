from odoo import api, fields, models
from odoo.exceptions import UserError


class ServiceQuotaMove(models.Model):
    """One immutable ledger row per consumption, reversal or top-up of a quota."""

    _name = "service.quota.move"
    _description = "Service Quota Ledger"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Description", required=True, readonly=True)
    quota_id = fields.Many2one(
        "service.quota",
        required=True,
        index=True,
        ondelete="cascade",  # users cannot delete a used quota (_unlink_except_used)
        readonly=True,
        check_company=True,
    )
    contract_id = fields.Many2one(
        related="quota_id.contract_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(
        related="quota_id.partner_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="quota_id.company_id", store=True, index=True, precompute=True
    )
    unit = fields.Selection(related="quota_id.unit")
    date = fields.Date(required=True, readonly=True, index=True)
    period_start = fields.Date(required=True, readonly=True, index=True)
    move_type = fields.Selection(
        [("consumption", "Consumption"), ("reversal", "Reversal"), ("topup", "Top-up")],
        required=True,
        readonly=True,
    )
    quantity = fields.Float(
        string="Covered",
        digits="Product Unit of Measure",
        readonly=True,
        help="Quota consumed (negative: reversal) or added (top-up), in its unit.",
    )
    overage_quantity = fields.Float(
        string="Overage",
        digits="Product Unit of Measure",
        readonly=True,
        help="Part of the work beyond the quota, billed at the normal or tier price.",
    )
    source_model = fields.Char(readonly=True, index=True)
    source_id = fields.Many2oneReference(
        string="Source record", model_field="source_model", readonly=True
    )
    source_ref = fields.Char(compute="_compute_source_ref", string="Source")
    sale_line_id = fields.Many2one(
        "sale.order.line", readonly=True, index="btree_not_null", ondelete="set null"
    )
    sale_order_id = fields.Many2one(
        related="sale_line_id.order_id",
        store=True,
        precompute=True,
        string="Sale order",
    )
    reversed_move_id = fields.Many2one(
        "service.quota.move", readonly=True, index="btree_not_null", ondelete="cascade"
    )
    user_id = fields.Many2one(
        "res.users", default=lambda self: self.env.uid, readonly=True, string="By"
    )

    _sql_constraints = [
        # NULLs never collide: only reversals carry reversed_move_id.
        (
            "reversed_once",
            "UNIQUE (reversed_move_id)",
            "This consumption is already reversed.",
        ),
    ]

    @api.depends("source_model", "source_id")
    def _compute_source_ref(self):
        for move in self:
            record = (
                self.env[move.source_model].browse(move.source_id).exists()
                if move.source_model in self.env and move.source_id
                else None
            )
            move.source_ref = record.sudo().display_name if record else False

    def write(self, vals):
        if not vals:
            return super().write(vals)
        raise UserError(
            self.env._(
                "Quota ledger rows cannot be changed: cancel the sale order to "
                "reverse one."
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_booked(self):
        raise UserError(self.env._("Quota ledger rows cannot be deleted."))
