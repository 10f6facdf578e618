from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_round

from ..lib.coverage import covers_product, valid_on
from ..lib.period import kind_for_contract, period_bounds
from ..lib.quota import Tier, is_amount, validate_tiers

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
BALANCE_STATES = [
    ("ok", "Available"),
    ("low", "Low"),
    ("exhausted", "Exhausted"),
    ("not_started", "Not started"),
    ("expired", "Expired"),
]
PERIODS = [
    ("contract", "Contract recurrence"),
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("half_year", "Half-year"),
    ("year", "Year"),
    ("once", "Whole term"),
]


# Written only by the ledger's booking (sudo), never by users.
BALANCE_FIELDS = {
    "period_start",
    "period_end",
    "period_allowance",
    "period_used",
    "period_overage",
    "remaining",
    "remaining_percent",
    "balance_state",
    "notified_low_period",
    "notified_exhausted_period",
    "notice_pending",
}


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
    unit_label = fields.Char(
        compute="_compute_unit_label", help="The unit, as shown next to quantities."
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
    period_total_ids = fields.One2many("service.quota.period", "quota_id")
    # Balances of the current period: written only by the engine and by
    # _recompute_balances(), both from the ledger and under a row lock.
    period_start = fields.Date(readonly=True, copy=False)
    period_end = fields.Date(readonly=True, copy=False)
    period_allowance = fields.Float(readonly=True, copy=False, tracking=True)
    period_used = fields.Float(string="Used", readonly=True, copy=False)
    period_overage = fields.Float(string="Overage", readonly=True, copy=False)
    # Not tracked: every consumption is a ledger row already.
    remaining = fields.Float(compute="_compute_remaining", store=True)
    remaining_percent = fields.Float(compute="_compute_remaining", store=True)
    balance_state = fields.Selection(
        BALANCE_STATES,
        compute="_compute_remaining",
        store=True,
        help="Available, low or exhausted in the current period; Not started "
        "before the quota or its contract starts, Expired after either ends. "
        "Follows the date: a daily job moves it when a quota starts or ends.",
    )
    notice_pending = fields.Selection(
        [("quota_low", "Low balance"), ("quota_exhausted", "Exhausted")],
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="E-mail to the customer queued by billing, sent by a scheduled job "
        "right after (so billing does not wait for the rendering).",
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

    @api.depends("unit")
    @api.depends_context("lang")
    def _compute_unit_label(self):
        labels = dict(self._fields["unit"]._description_selection(self.env))
        for quota in self:
            quota.unit_label = labels[quota.unit].lower() if quota.unit else False

    @api.depends("contract_id.date_start", "contract_id.date_end")
    def _compute_validity(self):
        for quota in self:
            quota.date_start = quota.date_start or quota.contract_id.date_start
            quota.date_end = quota.date_end or quota.contract_id.date_end

    @api.depends(
        "period_allowance",
        "period_used",
        "low_balance_threshold",
        "date_start",
        "date_end",
        "contract_id.date_start",
        "contract_id.date_end",
    )
    def _compute_remaining(self):
        today = fields.Date.context_today(self)
        for quota in self:
            remaining = max(quota.period_allowance - quota.period_used, 0.0)
            quota.remaining = remaining
            quota.remaining_percent = (
                100.0 * remaining / quota.period_allowance
                if quota.period_allowance
                else 0.0
            )
            dated = quota._dated_state(today)
            if dated:
                quota.balance_state = dated
            elif not quota._origin.id:
                quota.balance_state = False  # not saved: nothing to say yet
            elif remaining <= 0:
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

    @api.constrains("rounding_rule_id", "product_ids")
    def _check_rounding_rule(self):
        for quota in self.filtered("rounding_rule_id.per_unit"):
            timed = quota.product_ids.product_tmpl_id.filtered(
                lambda t: t._service_sold_by_time()
            )
            if timed:
                raise ValidationError(
                    self.env._(
                        "Quota %(quota)s: rule %(rule)s bills one unit per piece of "
                        "work, but %(products)s is sold by time. Choose a timed rule.",
                        quota=quota.name,
                        rule=quota.rounding_rule_id.name,
                        products=", ".join(timed.mapped("display_name")),
                    )
                )

    @api.constrains("product_ids")
    def _check_coverable(self):
        for quota in self:
            excluded = quota.product_ids.filtered(
                lambda p: not p.service_quota_coverable
            )
            if excluded:
                raise ValidationError(
                    self.env._(
                        "Quota %(quota)s cannot cover %(products)s: it is billed at "
                        "its price, never from a quota (see its Service section).",
                        quota=quota.name,
                        products=", ".join(excluded.mapped("display_name")),
                    )
                )

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
        for vals in vals_list:
            self._check_balance_vals(vals)
        quotas = super().create(vals_list)
        quotas._recompute_balances(totals={})  # new quotas have no ledger yet
        return quotas

    def _check_balance_vals(self, vals):
        """Balances follow from the ledger; amounts must be numbers >= 0."""
        forged = BALANCE_FIELDS & set(vals)
        if forged and not self.env.su:
            raise UserError(
                self.env._(
                    "The balance of a quota follows from its ledger: top it up or "
                    "correct it with a reason instead of writing %(fields)s.",
                    fields=", ".join(sorted(forged)),
                )
            )
        for name in ("allowance", "rollover_cap", "low_balance_threshold"):
            if name not in vals:
                continue
            value = vals[name]
            if not is_amount(value):
                raise ValidationError(
                    self.env._(
                        "%(field)s of a quota must be a number of 0 or more, not "
                        "%(value)s.",
                        field=self._fields[name]._description_string(self.env),
                        value=repr(value),
                    )
                )

    def write(self, vals):
        self._check_balance_vals(vals)
        if "unit" in vals:
            booked = self.filtered(lambda q: q.unit != vals["unit"] and q.move_ids)
            if booked:
                raise UserError(
                    self.env._(
                        "Quota %(quota)s has ledger rows in %(unit)s: its unit "
                        "cannot change. Archive it and create a new quota.",
                        quota=booked[0].name,
                        unit=booked[0].unit_label,
                    )
                )
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
        uom_id = self.env["ir.model.data"]._xmlid_to_res_id(UNIT_UOMS[self.unit])
        return self.env["uom.uom"].browse(uom_id)

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
        contract = self.contract_id
        return (
            self.active
            and contract.active
            # the contract's current dates win over the quota's own
            and valid_on(
                day,
                [
                    (self.date_start, self.date_end),
                    (contract.date_start, contract.date_end),
                ],
            )
        )

    def covers(self, product, day):
        """Does this quota cover ``product`` on ``day``?"""
        self.ensure_one()
        return self._is_valid_on(day) and covers_product(
            product.id,
            product.type == "service",
            lambda: product.categ_id.parent_path or "",
            set(self.product_ids.ids),
            [path for path in self.categ_ids.mapped("parent_path") if path],
            coverable=product.service_quota_coverable,
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
