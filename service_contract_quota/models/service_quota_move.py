from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# unit of a quota -> (report measure, factor): time adds up in minutes.
MEASURES = {
    "minute": ("minutes", 1.0),
    "hour": ("minutes", 60.0),
    "session": ("sessions", 1.0),
    "unit": ("units", 1.0),
}


def measures(unit, quantity, overage):
    """{measure field: value} of a ledger row of a quota in ``unit``."""
    kind, factor = MEASURES.get(unit, (None, 0.0))
    result = {}
    for name in ("minutes", "sessions", "units"):
        mine = name == kind
        result[f"covered_{name}"] = quantity * factor if mine else 0.0
        result[f"overage_{name}"] = overage * factor if mine else 0.0
    return result


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
            move.update(
                measures(move.quota_id.unit, move.quantity, move.overage_quantity)
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
    # rows, and each moves the quotas' balances (service.quota._balance_moves).
    def _book_consumption(self, vals_list, also=None):
        """Book consumption rows (engine): ``vals_list`` of quota, date, period,
        covered ``quantity``, ``overage_quantity``, source and sale line.
        ``also``: a statement of the same call run with them (the claim links)."""
        for vals in vals_list:
            vals["move_type"] = "consumption"
        return self._book(vals_list, also=also)

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

    def _book(self, vals_list, also=None):
        """Insert the ledger rows ``vals_list``, add them to the per-period
        totals of their quotas and move the quotas' stored balances
        (``service.quota._balance_moves``), in one statement for all of them.

        Rows are immutable and nothing is computed from them but the measures
        and the columns copied from the quota and the sale line, so they are
        written as the ORM would write them, without its per-row work. The
        caller holds the quotas' lock (the booking methods take it). ``also``:
        another data-modifying statement to run in the same one.
        """
        if not vals_list:
            if also:
                self.env.cr.execute(also)
            return self.browse()
        rows = self._prepare_rows(vals_list)
        quotas = self.env["service.quota"].sudo()
        sums = quotas._period_sums(rows)
        balances, later = quotas._balance_moves(sums)
        names = list(rows[0])
        # one typed array per column, unnested in order; the ids come from one
        # sequence, so in id order they are the rows in that order
        self.env.cr.execute(
            SQL(
                """WITH moves AS (
                       INSERT INTO %s (%s) SELECT * FROM unnest(%s) RETURNING id
                   ), totals AS (%s)%s%s
                   SELECT id FROM moves ORDER BY id""",
                SQL.identifier(self._table),
                SQL(", ").join(SQL.identifier(name) for name in names),
                SQL(", ").join(
                    SQL(
                        "%s::%s[]",
                        [row[name] for row in rows],
                        SQL(self._fields[name].column_type[0]),
                    )
                    for name in names
                ),
                quotas._period_upsert(sums),
                SQL("").join(
                    SQL(", balances_%s AS (%s)", n, statement)
                    for n, statement in enumerate(balances)
                ),
                SQL(", also AS (%s)", also) if also else SQL(),
            )
        )
        moves = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
        cache = self.env.cache
        for name in names:
            cache.update(moves, self._fields[name], [row[name] for row in rows])
        # the one2many lists of these quotas and sale lines gained rows
        cache.invalidate(
            [
                (quotas._fields["move_ids"], moves.quota_id.ids),
                (
                    self.env["sale.order.line"]._fields["service_quota_move_ids"],
                    moves.sale_line_id.ids,
                ),
            ]
        )
        quotas._book_sums(later)
        return moves.with_env(self.env)

    def _prepare_rows(self, vals_list):
        """The column values of new rows (quota and sale line read from cache)."""
        quotas = self.env["service.quota"].sudo()
        lines = self.env["sale.order.line"].sudo()
        now = self.env.cr.now()
        uid = self.env.uid
        rows = []
        for vals in vals_list:
            quota = quotas.browse(vals["quota_id"])
            quantity = vals.get("quantity") or 0.0
            overage = vals.get("overage_quantity") or 0.0
            line = lines.browse(vals.get("sale_line_id") or ())
            rows.append(
                {
                    "name": vals["name"],
                    "quota_id": quota.id,
                    "contract_id": quota.contract_id.id or None,
                    "partner_id": quota.partner_id.id or None,
                    "company_id": quota.company_id.id or None,
                    "unit": quota.unit or None,
                    "date": fields.Date.to_date(vals["date"]),
                    "period_start": fields.Date.to_date(vals["period_start"]),
                    "move_type": vals["move_type"],
                    "quantity": quantity,
                    "overage_quantity": overage,
                    **measures(quota.unit, quantity, overage),
                    "source_model": vals.get("source_model") or None,
                    "source_id": vals.get("source_id") or None,
                    "sale_line_id": line.id or None,
                    "sale_order_id": line.order_id.id or None,
                    "reversed_move_id": vals.get("reversed_move_id") or None,
                    "user_id": uid,
                    "reason": vals.get("reason") or None,
                    "create_uid": uid,
                    "create_date": now,
                    "write_uid": uid,
                    "write_date": now,
                }
            )
        return rows

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
