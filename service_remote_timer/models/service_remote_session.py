from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..lib.session import elapsed_seconds

MANAGER = "service_contract_quota.group_service_manager"
OPEN_STATES = ("draft", "running", "paused")
# Written by the clock actions only, which check access first and then write
# with sudo(): no client (RPC context included) can set these directly.
CLOCK_FIELDS = {
    "state",
    "name",
    "started_at",
    "ended_at",
    "running_since",
    "closed_seconds",
    "duration_minutes",
    "duration_hours",
    "employee_id",
    "quota_manual",
    "service_claim_ids",
    "service_sale_order_id",
    "service_billed",
    "service_quantity",
    "service_covered_quantity",
    "service_currency_id",
    "service_amount",
    "finished_at",
    "clock_changed_at",
    "client_reference",
}


class ServiceRemoteSession(models.Model):
    """One remote support session: a clock made of stored intervals, billed once.

    Elapsed time is always computed from the intervals in the database, so a
    closed browser, a logout or a server restart loses nothing. Clock actions
    lock the session row and rewrite it: a concurrent transaction on the same
    session fails to serialise and Odoo's retry runs it again on fresh data.
    """

    _name = "service.remote.session"
    _description = "Remote Support Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "service.billable.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda s: s.env._("New"),
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    client_reference = fields.Char(
        readonly=True,
        copy=False,
        help="Key a client program (remote-session helper) sent when it started "
        "this session; sending it again finds this session instead of a new one.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        tracking=True,
        index=True,
        check_company=True,
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Contact",
        domain="[('commercial_partner_id', '=', commercial_partner_id)]",
        check_company=True,
        help="The person who called; the sale order goes to this contact.",
    )
    support_note = fields.Text(
        related="commercial_partner_id.service_support_note", readonly=True
    )
    remote_access_ids = fields.One2many(
        related="commercial_partner_id.service_remote_access_ids", readonly=True
    )
    product_id = fields.Many2one(
        "product.product",
        string="Service",
        tracking=True,
        domain=[("type", "=", "service"), ("sale_ok", "=", True)],
        default=lambda s: s.env.company.service_remote_product_id,
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Technician",
        required=True,
        index=True,
        tracking=True,
        default=lambda s: s.env.user,
    )
    employee_id = fields.Many2one(
        "hr.employee", compute="_compute_employee_id", store=True, readonly=True
    )
    quota_id = fields.Many2one(
        "service.quota",
        string="Quota",
        check_company=True,
        compute="_compute_quota_id",
        store=True,
        readonly=False,
        tracking=True,
        help="The quota this session is settled against, found from the customer "
        "and the service; a manager may choose another one.",
    )
    quota_manual = fields.Boolean(
        string="Quota chosen by hand",
        readonly=True,
        copy=False,
        help="A manager chose the quota: billing uses it. Otherwise the quota "
        "covering the customer and the service on the day of the work is used.",
    )
    contract_id = fields.Many2one(
        related="quota_id.contract_id", store=True, string="Contract"
    )
    quota_date_start = fields.Date(related="quota_id.date_start", string="Valid from")
    quota_date_end = fields.Date(related="quota_id.date_end", string="Valid until")
    quota_remaining = fields.Float(related="quota_id.remaining", string="Remaining now")
    quota_unit = fields.Selection(related="quota_id.unit")
    rounding_rule_id = fields.Many2one(
        "service.rounding.rule", compute="_compute_rounding_rule_id"
    )
    interval_ids = fields.One2many(
        "service.remote.interval", "session_id", string="Intervals"
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("running", "Running"),
            ("paused", "Paused"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    started_at = fields.Datetime(compute="_compute_clock", store=True, string="Started")
    ended_at = fields.Datetime(
        compute="_compute_clock",
        store=True,
        string="Ended",
        help="End of the last interval (start of the current one while running).",
    )
    running_since = fields.Datetime(compute="_compute_clock", store=True)
    closed_seconds = fields.Integer(compute="_compute_clock", store=True)
    duration_minutes = fields.Float(
        compute="_compute_clock",
        store=True,
        string="Duration (min)",
        digits=(16, 2),
        help="Raw time of the closed intervals, in minutes.",
    )
    duration_hours = fields.Float(
        compute="_compute_clock",
        store=True,
        string="Duration",
        help="Raw time of the closed intervals, shown as hours:minutes.",
    )
    elapsed_seconds = fields.Integer(
        compute="_compute_elapsed_seconds",
        help="Seconds on the clock now, the running interval included.",
    )
    description = fields.Text(
        string="Work done", help="Goes on the sale order line and the timesheet."
    )
    currency_id = fields.Many2one(
        "res.currency", compute="_compute_preview", string="Currency"
    )
    preview_quantity = fields.Float(
        string="Billable", compute="_compute_preview", digits=(16, 2)
    )
    preview_covered = fields.Float(
        string="Covered", compute="_compute_preview", digits=(16, 2)
    )
    preview_billed = fields.Float(
        string="To pay", compute="_compute_preview", digits=(16, 2)
    )
    preview_amount = fields.Monetary(string="Amount", compute="_compute_preview")
    preview_remaining = fields.Float(
        string="Remaining after", compute="_compute_preview", digits=(16, 2)
    )
    preview_uom_id = fields.Many2one(
        "uom.uom",
        compute="_compute_preview",
        string="Billed in",
        help="Timed work is billed in whole minutes at the price per minute.",
    )
    timesheet_ids = fields.One2many(
        "account.analytic.line", "service_remote_session_id", string="Timesheets"
    )
    finished_at = fields.Datetime(readonly=True, copy=False)
    is_manager = fields.Boolean(compute="_compute_is_manager")

    _sql_constraints = [
        (
            "client_reference_unique",
            "UNIQUE (user_id, client_reference)",
            "This client reference already names another session.",
        )
    ]

    def init(self):
        # The database keeps the invariant "one running session per technician".
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS service_remote_session_one_running "
                "ON service_remote_session (user_id) WHERE state = 'running'"
            )
        )

    # ------------------------------------------------------------ computes
    @api.depends("user_id", "company_id")
    def _compute_employee_id(self):
        employees = self._employees_of(self.user_id)
        for session in self:
            session.employee_id = session._employee_in(employees)

    def _employees_of(self, users):
        return (
            self.env["hr.employee"]
            .sudo()
            .search([("user_id", "in", users.ids)], order="company_id, id")
        )

    def _employee_in(self, employees):
        """The technician's employee, preferably in the session's company."""
        mine = employees.filtered(lambda e: e.user_id == self.user_id)
        same_company = mine.filtered(lambda e: e.company_id == self.company_id)
        return (same_company or mine)[:1]

    @api.depends("partner_id", "product_id", "company_id", "started_at")
    def _compute_quota_id(self):
        today = fields.Date.context_today(self)
        wanted = {}  # session -> (customer, service, day, company)
        for session in self:
            if session.quota_manual or session.state in ("done", "cancelled"):
                session.quota_id = session.quota_id  # chosen, or billed: kept
            elif not (session.partner_id and session.product_id):
                session.quota_id = False
            else:
                wanted[session] = (
                    session.commercial_partner_id,
                    session.product_id,
                    session._billing_day() or today,
                    session.company_id,
                )
        # one search per company for all the sessions
        found = (
            self.env["service.quota"].sudo()._find_covering_many(list(wanted.values()))
        )
        for session, quota in zip(wanted, found, strict=True):
            session.quota_id = quota

    @api.depends("quota_id", "product_id")
    def _compute_rounding_rule_id(self):
        engine = self.env["service.billing"]
        for session in self:
            session.rounding_rule_id = engine._rounding_rule(
                session.product_id, session.quota_id.sudo()
            )

    @api.depends("interval_ids.start", "interval_ids.stop")
    def _compute_clock(self):
        for session in self:
            intervals = session.interval_ids
            closed = intervals.filtered("stop")
            running = intervals - closed
            session.started_at = min(intervals.mapped("start"), default=False)
            session.ended_at = max(
                closed.mapped("stop") + running.mapped("start"), default=False
            )
            session.running_since = running[:1].start
            session.closed_seconds = sum(closed.mapped("seconds"))
            session.duration_minutes = round(session.closed_seconds / 60.0, 2)
            session.duration_hours = session.closed_seconds / 3600.0

    @api.depends("closed_seconds", "running_since")
    @api.depends_context("uid")
    def _compute_elapsed_seconds(self):
        now = fields.Datetime.now()
        for session in self:
            intervals = [(session.running_since, None)] if session.running_since else []
            session.elapsed_seconds = session.closed_seconds + elapsed_seconds(
                intervals, now
            )

    @api.depends(
        "partner_id",
        "product_id",
        "quota_id",
        "closed_seconds",
        "running_since",
        "state",
    )
    def _compute_preview(self):
        engine = self.env["service.billing"]
        for session in self:
            session.currency_id = session.company_id.currency_id
            session.preview_uom_id = session.product_id.uom_id
            values = {
                "preview_quantity": 0.0,
                "preview_covered": 0.0,
                "preview_billed": 0.0,
                "preview_amount": 0.0,
                "preview_remaining": 0.0,
            }
            if session.state == "done":
                # what the order says, in the order's currency and unit
                session.currency_id = (
                    session.service_currency_id or session.company_id.currency_id
                )
                session.preview_uom_id = (
                    session.service_sale_line_ids.product_uom[:1]
                    or session.product_id.uom_id
                )
                values.update(
                    preview_quantity=session.service_quantity,
                    preview_covered=session.service_covered_quantity,
                    preview_billed=session.service_quantity
                    - session.service_covered_quantity,
                    preview_amount=session.service_amount,
                    preview_remaining=session.quota_id.remaining,
                )
            elif session.partner_id and session.product_id:
                try:
                    preview = engine._preview(session._billing_item(preview=True))
                except (UserError, ValidationError):
                    preview = None
                if preview:
                    session.currency_id = preview["currency"]
                    session.preview_uom_id = preview["uom"]
                    values.update(
                        preview_quantity=preview["quantity"],
                        preview_covered=preview["covered"],
                        preview_billed=preview["billed"],
                        preview_amount=preview["amount"],
                        preview_remaining=preview["remaining"] or 0.0,
                    )
            session.update(values)

    @api.depends_context("uid")
    def _compute_is_manager(self):
        self.is_manager = self.env.user.has_group(MANAGER)

    # ------------------------------------------------------- constraints/CRUD
    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.contact_id.commercial_partner_id != self.commercial_partner_id:
            self.contact_id = False

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if set(vals) & (CLOCK_FIELDS - {"client_reference"}):
                    raise UserError(
                        self.env._(
                            "A new session starts as a draft: use its buttons to "
                            "run and bill it."
                        )
                    )
        if not self.env.user.has_group(MANAGER):
            for vals in vals_list:
                if vals.get("user_id", self.env.uid) != self.env.uid:
                    raise AccessError(
                        self.env._("Only a manager opens sessions for someone else.")
                    )
                vals.pop("quota_id", None)
        new = self.env._("New")
        for vals in vals_list:
            if vals.get("name", new) in (new, "/"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "service.remote.session"
                ) or self.env._("New")
        return super().create(vals_list)

    def write(self, vals):
        if CLOCK_FIELDS & set(vals) and not self.env.su:
            raise UserError(
                self.env._(
                    "The clock, the state and the billing of a session change "
                    "through its buttons (Start, Pause, Finish & bill...), not by "
                    "editing them."
                )
            )
        if "quota_id" in vals and any(s.quota_id.id != vals["quota_id"] for s in self):
            if not self.env.su and not self.env.user.has_group(MANAGER):
                raise AccessError(
                    self.env._("Only a manager changes the quota of a session.")
                )
            if not self.env.su:
                vals = dict(vals, quota_manual=True)
        if "user_id" in vals and any(s.user_id.id != vals["user_id"] for s in self):
            manager = self.env.su or self.env.user.has_group(MANAGER)
            if not manager and vals["user_id"] != self.env.uid:
                raise AccessError(
                    self.env._("Only a manager hands a session to someone else.")
                )
            if any(s.state == "running" for s in self):
                raise UserError(
                    self.env._("Pause the session before handing it to someone else.")
                )
        clock = self.env.su
        chatter_only = all(name.startswith(("message_", "activity_")) for name in vals)
        if not clock and not chatter_only:
            self._check_actionable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_billed(self):
        manager = self.env.su or self.env.user.has_group(MANAGER)
        for session in self:
            if session.interval_ids and not manager:
                raise UserError(
                    self.env._(
                        "Session %(session)s has recorded time: cancel it instead "
                        "of deleting it.",
                        session=session.name,
                    )
                )
            if session.state == "done" or session.service_sale_order_id:
                raise UserError(
                    self.env._(
                        "Session %(session)s is billed: cancel its sale order "
                        "instead of deleting it.",
                        session=session.name,
                    )
                )

    # ---------------------------------------------------------------- helpers
    def _elapsed_now(self):
        """Seconds on the clock at this instant (the cached value may be older)."""
        self.ensure_one()
        self.invalidate_recordset(["elapsed_seconds"])
        return self.elapsed_seconds

    def _state_label(self):
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _billing_day(self):
        """The day the work started, in the technician's time zone."""
        if not self.started_at:
            return False
        tz = self.user_id.tz or self.env.user.tz or "UTC"
        return fields.Date.context_today(self.with_context(tz=tz), self.started_at)

    def _check_actionable(self):
        """Refuse any change to a finished or cancelled session."""
        for session in self:
            if session.state in ("done", "cancelled"):
                raise UserError(
                    self.env._(
                        "Session %(session)s is %(state)s: its clock, customer and "
                        "service can no longer change.",
                        session=session.name,
                        state=session._state_label(),
                    )
                )

    def _open_interval(self):
        return self.interval_ids.filtered(lambda i: not i.stop)
