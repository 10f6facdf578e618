from odoo import api, fields, models
from odoo.exceptions import UserError

# unit of a quota -> (report measure, factor): time adds up in minutes.
MEASURES = {
    "minute": ("minutes", 1.0),
    "hour": ("minutes", 60.0),
    "session": ("sessions", 1.0),
    "unit": ("units", 1.0),
}


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
    unit = fields.Selection(
        related="quota_id.unit", store=True, precompute=True, index=True
    )
    date = fields.Date(required=True, readonly=True, index=True)
    period_start = fields.Date(required=True, readonly=True, index=True)
    move_type = fields.Selection(
        [("consumption", "Consumption"), ("reversal", "Reversal"), ("topup", "Top-up")],
        required=True,
        readonly=True,
    )
    # Never summed across rows in reports: the rows of different quotas count
    # different units (the measures below are per unit).
    quantity = fields.Float(
        string="Covered",
        readonly=True,
        aggregator=None,
        help="Quota consumed (negative: reversal) or added (top-up), in its unit.",
    )
    overage_quantity = fields.Float(
        string="Overage",
        readonly=True,
        aggregator=None,
        help="Part of the work beyond the quota, billed at the normal or tier price.",
    )
    # Report measures, one per kind of unit: hours count as 60 minutes.
    covered_minutes = fields.Float(
        string="Covered time (min)",
        compute="_compute_measures",
        store=True,
        precompute=True,
    )
    overage_minutes = fields.Float(
        string="Overage time (min)",
        compute="_compute_measures",
        store=True,
        precompute=True,
    )
    covered_sessions = fields.Float(
        string="Covered sessions / incidents",
        compute="_compute_measures",
        store=True,
        precompute=True,
    )
    overage_sessions = fields.Float(
        string="Overage sessions / incidents",
        compute="_compute_measures",
        store=True,
        precompute=True,
    )
    covered_units = fields.Float(
        string="Covered units", compute="_compute_measures", store=True, precompute=True
    )
    overage_units = fields.Float(
        string="Overage units", compute="_compute_measures", store=True, precompute=True
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
    reason = fields.Char(
        readonly=True, help="Why a reversal or top-up was booked, and by what."
    )

    _sql_constraints = [
        # NULLs never collide: only reversals carry reversed_move_id.
        (
            "reversed_once",
            "UNIQUE (reversed_move_id)",
            "This consumption is already reversed.",
        ),
    ]

    # From the quota: on update, the new related column ``unit`` is filled
    # after these are computed.
    @api.depends("quota_id.unit", "quantity", "overage_quantity")
    def _compute_measures(self):
        for move in self:
            kind, factor = MEASURES.get(move.quota_id.unit, (None, 0.0))
            for name in ("minutes", "sessions", "units"):
                mine = name == kind
                move[f"covered_{name}"] = move.quantity * factor if mine else 0.0
                move[f"overage_{name}"] = (
                    move.overage_quantity * factor if mine else 0.0
                )

    @api.depends("source_model", "source_id")
    def _compute_source_ref(self):
        for move in self:
            record = (
                self.env[move.source_model].browse(move.source_id).exists()
                if move.source_model in self.env and move.source_id
                else None
            )
            move.source_ref = record.sudo().display_name if record else False

    # ------------------------------------------------------------- booking
    # The ledger books itself: these methods are the only writers of ledger
    # rows, and each moves the quotas' balances through service.quota._book.
    def _book_consumption(self, vals_list):
        """Book consumption rows (engine): ``vals_list`` of quota, date, period,
        covered ``quantity``, ``overage_quantity``, source and sale line."""
        for vals in vals_list:
            vals["move_type"] = "consumption"
        return self._book(vals_list)

    def _book_topup(self, quota, quantity, day, reason=None):
        """Book a top-up of ``quantity`` for the period of ``day``."""
        quota._lock()
        name = reason or self.env._("Top-up")
        return self._book(
            [
                {
                    "name": name,
                    "quota_id": quota.id,
                    "date": day,
                    "period_start": quota._period_of(day)[0],
                    "move_type": "topup",
                    "quantity": quantity,
                    "reason": name,
                }
            ]
        )

    def _book_reversal(self, reason):
        """Reverse these consumption rows, each at most once; return the reversals.

        Rows reversed before are skipped (and the database refuses a second
        reversal of one row), so releasing the same work twice changes nothing.
        """
        moves = self.filtered(lambda move: move.move_type == "consumption")
        if not moves:
            return self.browse()
        moves.quota_id._lock()
        done = self.sudo().search([("reversed_move_id", "in", moves.ids)])
        moves -= done.reversed_move_id
        return self._book(
            [
                {
                    "name": self.env._("Reversal: %(name)s", name=move.name),
                    "quota_id": move.quota_id.id,
                    "date": move.date,
                    "period_start": move.period_start,
                    "move_type": "reversal",
                    "quantity": -move.quantity,
                    "overage_quantity": -move.overage_quantity,
                    "source_model": move.source_model,
                    "source_id": move.source_id,
                    "sale_line_id": move.sale_line_id.id,
                    "reversed_move_id": move.id,
                    "reason": reason,
                }
                for move in moves
            ]
        )

    def _book(self, vals_list):
        if not vals_list:
            return self.browse()
        moves = self.sudo().create(vals_list)
        # Written now: a released line may be deleted right after (its rows
        # then keep the reversal with sale_line_id emptied).
        moves.flush_recordset()
        moves.quota_id._book(moves)
        return moves

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
