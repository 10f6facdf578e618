from collections import defaultdict
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_round

from ..lib.period import (
    carried_over,
    is_active,
    kind_for_contract,
    period_bounds,
    period_index,
    period_start_of_index,
)
from ..lib.quota import Tier, allocate, validate_tiers

UNITS = [
    ("minute", "Minutes"),
    ("hour", "Hours"),
    ("session", "Sessions / incidents"),
    ("unit", "Units"),
]
UNIT_UOMS = {
    "minute": "service_contract_quota.uom_minute",
    "hour": "uom.product_uom_hour",
    "unit": "uom.product_uom_unit",
}
PERIODS = [
    ("contract", "Contract recurrence"),
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("half_year", "Half-year"),
    ("year", "Year"),
    ("once", "Whole term"),
]


def to_decimal(value, digits=6):
    return Decimal(str(float_round(value or 0.0, precision_digits=digits)))


class ServiceQuota(models.Model):
    _name = "service.quota"
    _description = "Service Quota"
    _inherit = ["mail.thread"]
    _order = "contract_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    contract_id = fields.Many2one(
        "contract.contract",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain=[("contract_type", "=", "sale")],
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        related="contract_id.partner_id.commercial_partner_id",
        store=True,
        index=True,
    )
    currency_id = fields.Many2one(related="contract_id.currency_id")
    product_ids = fields.Many2many(
        "product.product",
        string="Covered services",
        check_company=True,
        help="Services this quota covers. Leave empty and pick categories to "
        "cover every service of those categories.",
    )
    categ_ids = fields.Many2many(
        "product.category",
        string="Covered categories",
        help="Covers every service in these categories.",
    )
    unit = fields.Selection(
        UNITS,
        required=True,
        default="minute",
        tracking=True,
        help="What the allowance counts. Minutes and hours convert from the "
        "product's unit (a product sold by the hour consumes 60 minutes per hour); "
        "sessions count each piece of work once.",
    )
    allowance = fields.Float(
        string="Allowance per period",
        required=True,
        digits="Product Unit of Measure",
        tracking=True,
    )
    period_kind = fields.Selection(
        PERIODS, string="Period", required=True, default="month", tracking=True
    )
    date_start = fields.Date(
        string="Valid from",
        compute="_compute_validity",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Defaults to the contract's start. Before it, the quota covers nothing.",
    )
    date_end = fields.Date(
        string="Valid until",
        compute="_compute_validity",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Defaults to the contract's end. After it, the quota covers nothing.",
    )
    rollover_cap = fields.Float(
        digits="Product Unit of Measure",
        tracking=True,
        help="Unused allowance carried into the next period, at most this much. "
        "0: nothing rolls over.",
    )
    tier_ids = fields.One2many(
        "service.quota.tier", "quota_id", string="Overage tiers", copy=True
    )
    low_balance_threshold = fields.Integer(
        string="Low balance (%)",
        default=20,
        help="Notify the customer and the account manager when the remaining "
        "allowance of a period falls to this share or below.",
    )
    rounding_rule_id = fields.Many2one(
        "service.rounding.rule",
        check_company=True,
        help="Rounding of timed work covered by this quota; defaults to the "
        "product's, then the company's rule.",
    )
    move_ids = fields.One2many("service.quota.move", "quota_id", string="Ledger")
    # Balances of the current period: written only by the engine and by
    # _recompute_balances(), both from the ledger and under a row lock.
    period_start = fields.Date(readonly=True, copy=False)
    period_end = fields.Date(readonly=True, copy=False)
    period_allowance = fields.Float(
        digits="Product Unit of Measure", readonly=True, copy=False, tracking=True
    )
    period_used = fields.Float(
        string="Used", digits="Product Unit of Measure", readonly=True, copy=False
    )
    period_overage = fields.Float(
        string="Overage", digits="Product Unit of Measure", readonly=True, copy=False
    )
    # Not tracked: every consumption is a ledger row already.
    remaining = fields.Float(
        compute="_compute_remaining", store=True, digits="Product Unit of Measure"
    )
    remaining_percent = fields.Float(compute="_compute_remaining", store=True)
    balance_state = fields.Selection(
        [("ok", "Available"), ("low", "Low"), ("exhausted", "Exhausted")],
        compute="_compute_remaining",
        store=True,
    )
    move_sequence = fields.Integer(
        readonly=True,
        copy=False,
        help="Bumped with every ledger row: concurrent billing serialises on it.",
    )
    notified_low_period = fields.Date(readonly=True, copy=False)
    notified_exhausted_period = fields.Date(readonly=True, copy=False)

    _sql_constraints = [
        (
            "allowance_positive",
            "CHECK (allowance >= 0)",
            "The allowance cannot be negative.",
        ),
        (
            "rollover_positive",
            "CHECK (rollover_cap >= 0)",
            "The rollover cap cannot be negative.",
        ),
        (
            "threshold_range",
            "CHECK (low_balance_threshold BETWEEN 0 AND 100)",
            "The low-balance threshold is a percentage between 0 and 100.",
        ),
        (
            "never_overdrawn",
            "CHECK (period_used <= period_allowance + 0.000001)",
            "A quota can never go below zero.",
        ),
    ]

    @api.depends("contract_id.date_start", "contract_id.date_end")
    def _compute_validity(self):
        for quota in self:
            quota.date_start = quota.date_start or quota.contract_id.date_start
            quota.date_end = quota.date_end or quota.contract_id.date_end

    @api.depends("period_allowance", "period_used", "low_balance_threshold")
    def _compute_remaining(self):
        for quota in self:
            remaining = max(quota.period_allowance - quota.period_used, 0.0)
            quota.remaining = remaining
            quota.remaining_percent = (
                100.0 * remaining / quota.period_allowance
                if quota.period_allowance
                else 0.0
            )
            if remaining <= 0:
                quota.balance_state = "exhausted"
            elif quota.remaining_percent <= quota.low_balance_threshold:
                quota.balance_state = "low"
            else:
                quota.balance_state = "ok"

    @api.constrains("date_start", "date_end", "period_kind")
    def _check_dates(self):
        for quota in self:
            if not quota.date_start:
                raise ValidationError(
                    self.env._(
                        "Quota %(quota)s needs a start date: set one on the quota or "
                        "on contract %(contract)s.",
                        quota=quota.name,
                        contract=quota.contract_id.display_name,
                    )
                )
            if quota.period_kind == "once" and not quota.date_end:
                raise ValidationError(
                    self.env._(
                        "Quota %(quota)s is valid for the whole term, so it needs an "
                        "end date: set one on the quota or on contract %(contract)s.",
                        quota=quota.name,
                        contract=quota.contract_id.display_name,
                    )
                )
            if quota.date_end and quota.date_end < quota.date_start:
                raise ValidationError(
                    self.env._(
                        "Quota %(quota)s ends before it starts.", quota=quota.name
                    )
                )

    @api.constrains("tier_ids")
    def _check_tiers(self):
        for quota in self:
            try:
                validate_tiers(quota._lib_tiers())
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "Overage tiers of quota %(quota)s: %(problem)s",
                        quota=quota.name,
                        problem=str(error),
                    )
                ) from error

    @api.constrains("unit", "product_ids")
    def _check_units(self):
        for quota in self.filtered(lambda q: q.unit in UNIT_UOMS):
            uom = quota._unit_uom()
            wrong = quota.product_ids.filtered(
                lambda p, uom=uom: p.uom_id.category_id != uom.category_id
            )
            if wrong:
                raise ValidationError(
                    self.env._(
                        "Quota %(quota)s counts %(unit)s, but %(products)s is not sold "
                        "in a unit that converts to it.",
                        quota=quota.name,
                        unit=dict(UNITS)[quota.unit].lower(),
                        products=", ".join(wrong.mapped("display_name")),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        quotas = super().create(vals_list)
        quotas._recompute_balances(ledgers={})  # new quotas have no ledger yet
        return quotas

    def write(self, vals):
        result = super().write(vals)
        if {"allowance", "period_kind", "date_start", "date_end", "rollover_cap"} & set(
            vals
        ):
            self._recompute_balances()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self.move_ids:
            raise UserError(
                self.env._(
                    "Quota %(quota)s has ledger rows: archive it instead.",
                    quota=self.filtered("move_ids")[:1].name,
                )
            )

    # ------------------------------------------------------------------ helpers
    def _unit_uom(self):
        self.ensure_one()
        if self.unit not in UNIT_UOMS:
            return None
        # Data of this addon and of uom: always there; skip env.ref's existence query.
        return self.env.ref(UNIT_UOMS[self.unit], raise_if_not_found=False)

    def _lib_tiers(self):
        return [
            Tier(
                to_decimal(t.from_quantity),
                None if t.open_ended else to_decimal(t.to_quantity),
                to_decimal(t.price),
            )
            for t in self.tier_ids
        ]

    def _period_spec(self):
        """(kind, interval) of this quota's periods, for lib.period."""
        self.ensure_one()
        if self.period_kind == "contract":
            return kind_for_contract(
                self.contract_id.recurring_rule_type or "monthly",
                self.contract_id.recurring_interval or 1,
            )
        return self.period_kind, 1

    def _period_of(self, day):
        """(first day, last day) of the quota period holding ``day``."""
        self.ensure_one()
        return period_bounds(
            day, self.date_start, self.date_end or None, *self._period_spec()
        )

    def _is_valid_on(self, day):
        self.ensure_one()
        return (
            self.active
            and self.contract_id.active
            and is_active(day, self.date_start or None, self.date_end or None)
        )

    def covers(self, product, day):
        """Does this quota cover ``product`` on ``day``?"""
        self.ensure_one()
        if not self._is_valid_on(day):
            return False
        if product in self.product_ids:
            return True
        return (
            bool(self.categ_ids)
            and not self.product_ids
            and any(
                product.categ_id.parent_path.startswith(categ.parent_path)
                for categ in self.categ_ids
            )
        )

    @api.model
    def _find_covering(self, partner, product, day, company):
        """First quota of ``partner``'s contracts covering ``product`` on ``day``."""
        candidates = self.search(
            [
                ("partner_id", "=", partner.commercial_partner_id.id),
                ("company_id", "in", [company.id, False]),
                ("date_start", "<=", day),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", day),
                ("contract_id.active", "=", True),
                "|",
                ("product_ids", "in", product.ids),
                ("product_ids", "=", False),
            ]
        )
        # Quotas listing no product cover by category (read only for those).
        return candidates.filtered(lambda q: q.product_ids or q.covers(product, day))[
            :1
        ]

    def _lock(self):
        """Lock these quota rows until commit, in id order (no deadlocks).

        Under REPEATABLE READ a lock alone does not make the ledger read
        afterwards current: every consumer therefore also bumps
        ``move_sequence`` on this row, so a transaction whose snapshot
        predates another's committed consumption fails to lock with a
        serialization error, and Odoo's retry runs it again on fresh data.
        """
        if self.ids:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM service_quota WHERE id IN %s "
                    "ORDER BY id FOR NO KEY UPDATE",
                    tuple(sorted(self.ids)),
                )
            )

    def _ledgers_by_period(self):
        """{quota id: {period_start: (covered, overage, topup)}}, in one query."""
        groups = (
            self.env["service.quota.move"]
            .sudo()
            ._read_group(
                [("quota_id", "in", self.ids)],
                ["quota_id", "period_start:day", "move_type"],
                ["quantity:sum", "overage_quantity:sum"],
            )
        )
        result = defaultdict(dict)
        for quota, period_start, move_type, quantity, overage in groups:
            ledger = result[quota.id]
            covered, over, topup = ledger.get(period_start, (0.0, 0.0, 0.0))
            if move_type == "topup":
                topup += quantity
            else:
                covered += quantity
                over += overage
            ledger[period_start] = (covered, over, topup)
        return result

    def _balances_for(self, day, ledger=None):
        """Allowance, used and overage of the period of ``day``, from the ledger."""
        self.ensure_one()
        start, end = self._period_of(day)
        if ledger is None:
            ledger = self._ledgers_by_period()[self.id]
        kind, interval = self._period_spec()
        index = period_index(
            day, self.date_start, self.date_end or None, kind, interval
        )
        starts = [
            period_start_of_index(i, self.date_start, kind, interval)
            for i in range(index)
        ]
        used = [to_decimal(ledger.get(s, (0.0, 0.0, 0.0))[0]) for s in starts]
        topups = [
            to_decimal(ledger.get(s, (0.0, 0.0, 0.0))[2]) for s in [*starts, start]
        ]
        cap = to_decimal(self.rollover_cap) if self.rollover_cap else None
        allowance = carried_over(to_decimal(self.allowance), cap, used, topups)[-1]
        covered, overage, _topup = ledger.get(start, (0.0, 0.0, 0.0))
        return {
            "period_start": start,
            "period_end": end,
            "period_allowance": float(allowance),
            "period_used": covered,
            "period_overage": overage,
        }

    def _recompute_balances(self, day=None, ledgers=None):
        """Rewrite the stored balances of the period holding ``day`` (default today).

        One lock and one ledger query for all the quotas; ``ledgers`` may be
        given when known (new quotas have none).
        """
        quotas = self.filtered("date_start")
        if not quotas:
            return
        quotas._lock()
        if ledgers is None:
            ledgers = quotas._ledgers_by_period()
        for quota in quotas:
            when = day or fields.Date.context_today(quota)
            when = max(when, quota.date_start)
            if quota.date_end:
                when = min(when, quota.date_end)
            vals = quota._balances_for(when, ledgers.get(quota.id, {}))
            vals["move_sequence"] = quota.move_sequence + 1
            quota.sudo().write(vals)

    def _allocate(self, quantity, day):
        # The caller holds the row lock (_lock), taken before any allocation.
        """Split ``quantity`` (quota unit) for ``day``: lock, then allocate.

        Returns (allocation, balances before).
        """
        self.ensure_one()
        if not (self.period_start and self.period_start <= day <= self.period_end):
            balances = self._balances_for(day)
        else:
            balances = {
                "period_start": self.period_start,
                "period_end": self.period_end,
                "period_allowance": self.period_allowance,
                "period_used": self.period_used,
                "period_overage": self.period_overage,
            }
        remaining = max(
            to_decimal(balances["period_allowance"])
            - to_decimal(balances["period_used"]),
            Decimal(0),
        )
        allocation = allocate(
            to_decimal(quantity),
            remaining,
            to_decimal(balances["period_overage"]),
            self._lib_tiers(),
        )
        return allocation, balances

    def _apply_consumption(self, balances, covered, overage):
        """Move the stored balances by one consumption, in the locked transaction.

        ``balances`` are those :meth:`_allocate` returned for the work's day.
        """
        self.ensure_one()
        if self.period_start == balances["period_start"]:
            vals = {
                "period_used": self.period_used + covered,
                "period_overage": self.period_overage + overage,
            }
        elif not self.period_start or self.period_start < balances["period_start"]:
            # First billing in a new period: the stored balances move on.
            vals = dict(
                balances,
                period_used=balances["period_used"] + covered,
                period_overage=balances["period_overage"] + overage,
            )
        else:
            vals = {}  # back-dated work: only the ledger of that period changes
        vals["move_sequence"] = self.move_sequence + 1
        self.sudo().write(vals)

    def _top_up(self, quantity, day=None, reason=None):
        """Add ``quantity`` to the allowance of ``day``'s period (a ledger row)."""
        self.ensure_one()
        if quantity <= 0:
            raise ValidationError(
                self.env._(
                    "A top-up must add a positive quantity, not %(q)s.", q=quantity
                )
            )
        day = day or fields.Date.context_today(self)
        if not self._is_valid_on(day):
            raise ValidationError(
                self.env._(
                    "Quota %(quota)s is not valid on %(day)s.",
                    quota=self.name,
                    day=fields.Date.to_string(day),
                )
            )
        self._lock()
        self.env["service.quota.move"].sudo().create(
            {
                "name": reason or self.env._("Top-up"),
                "quota_id": self.id,
                "date": day,
                "period_start": self._period_of(day)[0],
                "move_type": "topup",
                "quantity": quantity,
            }
        )
        self._recompute_balances()

    def _notify_balance(self):
        """E-mail the customer and ask the account manager to offer an extension.

        Once per period and threshold: when the remaining allowance falls to
        the low-balance threshold, and when it is exhausted.
        """
        for quota in self.sudo():
            if not quota.period_allowance or not quota.period_start:
                continue
            if quota.balance_state == "exhausted":
                if quota.notified_exhausted_period == quota.period_start:
                    continue
                template, field = "quota_exhausted", "notified_exhausted_period"
            elif quota.balance_state == "low":
                if quota.notified_low_period == quota.period_start:
                    continue
                template, field = "quota_low", "notified_low_period"
            else:
                continue
            quota.write({field: quota.period_start})
            remaining, allowance = f"{quota.remaining:g}", f"{quota.period_allowance:g}"
            template = self.env.ref(
                f"service_contract_quota.mail_template_{template}", False
            )
            if template:
                template.send_mail(
                    quota.id
                )  # queued: sent after commit by the mail cron
            quota.contract_id.message_post(
                body=self.env._(
                    "%(quota)s: %(remaining)s left of %(allowance)s; "
                    "the customer was notified.",
                    quota=quota.name,
                    remaining=remaining,
                    allowance=allowance,
                ),
                subtype_xmlid="mail.mt_note",
            )
            manager = quota.contract_id.user_id or self.env.user
            quota.contract_id.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Offer an extension"),
                note=self.env._(
                    "%(quota)s of %(customer)s: %(remaining)s left of %(allowance)s "
                    "until %(end)s.",
                    quota=quota.name,
                    customer=quota.partner_id.display_name,
                    remaining=remaining,
                    allowance=allowance,
                    end=fields.Date.to_string(quota.period_end),
                ),
                user_id=manager.id,
            )

    def _cron_roll_periods(self):
        """Move the stored balances of quotas whose period ended to today's period."""
        today = fields.Date.context_today(self)
        stale = self.search(
            [
                ("period_end", "<", today),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", today),
            ],
            limit=500,
        )
        stale._recompute_balances(today)
        self.env["ir.cron"]._notify_progress(
            done=len(stale), remaining=0 if len(stale) < 500 else 1
        )

    def action_view_moves(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Ledger of %(quota)s", quota=self.name),
            "res_model": "service.quota.move",
            "view_mode": "list,pivot,graph",
            "domain": [("quota_id", "=", self.id)],
        }


class ServiceQuotaTier(models.Model):
    _name = "service.quota.tier"
    _description = "Service Quota Overage Tier"
    _order = "quota_id, from_quantity, id"

    quota_id = fields.Many2one(
        "service.quota", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="quota_id.company_id", store=True)
    currency_id = fields.Many2one(related="quota_id.currency_id")
    from_quantity = fields.Float(
        required=True,
        digits="Product Unit of Measure",
        help="Overage in the period (in the quota's unit) where this price starts.",
    )
    to_quantity = fields.Float(
        digits="Product Unit of Measure",
        help="Where it ends; leave empty on the last tier for no limit.",
    )
    open_ended = fields.Boolean(compute="_compute_open_ended")
    price = fields.Monetary(
        required=True, help="Price per unit of the billed product in this band."
    )

    @api.depends("to_quantity")
    def _compute_open_ended(self):
        for tier in self:
            tier.open_ended = not tier.to_quantity

    @api.constrains("from_quantity", "to_quantity", "price")
    def _check_band(self):
        self.quota_id._check_tiers()
