from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..lib.session import elapsed_seconds, format_elapsed

MANAGER = "service_contract_quota.group_service_manager"
OPEN_STATES = ("draft", "running", "paused")
# Written by the clock actions only, which check access first and then write
# with sudo(): no client (RPC context included) can set these directly.
CLOCK_FIELDS = {
    "state",
    "sale_order_id",
    "billed_quantity",
    "covered_quantity",
    "amount_billed",
    "finished_at",
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
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
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
    running_since = fields.Datetime(compute="_compute_clock", store=True)
    closed_seconds = fields.Integer(compute="_compute_clock", store=True)
    duration_minutes = fields.Float(
        compute="_compute_clock",
        store=True,
        string="Duration (min)",
        digits=(16, 2),
        help="Raw time of the closed intervals, in minutes.",
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
    preview_uom_id = fields.Many2one(related="product_id.uom_id", string="Sold in")
    billed_quantity = fields.Float(readonly=True, copy=False, digits=(16, 2))
    covered_quantity = fields.Float(readonly=True, copy=False, digits=(16, 2))
    amount_billed = fields.Float(
        readonly=True, copy=False, digits=(16, 2), string="Amount billed"
    )
    sale_order_id = fields.Many2one(
        "sale.order", string="Sale order", readonly=True, copy=False, index=True
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
        quotas = self.env["service.quota"].sudo()
        found = {}
        for session in self:
            if session.quota_manual or session.state in ("done", "cancelled"):
                session.quota_id = session.quota_id  # chosen, or billed: kept
                continue
            if not (session.partner_id and session.product_id):
                session.quota_id = False
                continue
            day = session._billing_day() or today
            key = (session.commercial_partner_id, session.product_id, day)
            if (key, session.company_id) not in found:  # one search per customer
                found[key, session.company_id] = quotas._find_covering(
                    session.partner_id, session.product_id, day, session.company_id
                )
            session.quota_id = found[key, session.company_id]

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
            session.running_since = running[:1].start
            session.closed_seconds = sum(closed.mapped("seconds"))
            session.duration_minutes = round(session.closed_seconds / 60.0, 2)

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
            values = {
                "preview_quantity": 0.0,
                "preview_covered": 0.0,
                "preview_billed": 0.0,
                "preview_amount": 0.0,
                "preview_remaining": 0.0,
            }
            if session.state == "done":
                values.update(
                    preview_quantity=session.billed_quantity,
                    preview_covered=session.covered_quantity,
                    preview_billed=session.billed_quantity - session.covered_quantity,
                    preview_amount=session.amount_billed,
                    preview_remaining=session.quota_id.remaining,
                )
            elif session.partner_id and session.product_id:
                try:
                    preview = engine._preview(session._billing_item(preview=True))
                except (UserError, ValidationError):
                    preview = None
                if preview:
                    session.currency_id = preview["currency"]
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
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "service.remote.session"
                ) or self.env._("New")
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
        return super().create(vals_list)

    def write(self, vals):
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
        closed_fields = {
            "partner_id",
            "contact_id",
            "product_id",
            "quota_id",
            "user_id",
        }
        clock = self.env.su
        if CLOCK_FIELDS & set(vals) and not clock:
            raise UserError(
                self.env._(
                    "The state and the billing of a session change through its "
                    "buttons (Start, Pause, Finish & bill...), not by editing them."
                )
            )
        if closed_fields & set(vals) and not clock:
            self._check_actionable(self.env._("change"))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_billed(self):
        for session in self:
            if session.state == "done" or session.sale_order_id:
                raise UserError(
                    self.env._(
                        "Session %(session)s is billed: cancel its sale order "
                        "instead of deleting it.",
                        session=session.name,
                    )
                )

    # ----------------------------------------------------------------- locks
    def _lock_rows(self):
        """Lock these sessions and rewrite them (see the class docstring)."""
        if not self.ids:
            return
        self.env.cr.execute(
            SQL(
                "SELECT id FROM service_remote_session WHERE id IN %s "
                "ORDER BY id FOR NO KEY UPDATE",
                tuple(sorted(self.ids)),
            )
        )
        self.env.cr.execute(
            SQL(
                "UPDATE service_remote_session SET write_date = "
                "(now() at time zone 'UTC') WHERE id IN %s",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["write_date"])

    def _lock_technician(self, user):
        """Serialise the clock actions of one technician across sessions.

        Two tabs starting two sessions at once both rewrite the technician's
        user row: the later one fails to serialise, is retried, and then sees
        (and pauses) the session the first one started.
        """
        self.env.cr.execute(
            SQL(
                "UPDATE res_users SET write_date = write_date WHERE id = %s",
                user.id,
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

    def _billing_item(self, preview=False):
        self.ensure_one()
        seconds = self.closed_seconds
        if preview and self.running_since:
            seconds = self._elapsed_now()
        item = {
            "partner_id": (self.contact_id or self.partner_id).id,
            "product_id": self.product_id.id,
            "seconds": seconds,
            "date": self._billing_day() or fields.Date.context_today(self),
            "description": self._line_description(),
        }
        if self.quota_manual:
            item["quota_id"] = self.quota_id.id
        if not preview:
            item["source"] = self
        return item

    def _line_description(self):
        minutes = round(self.closed_seconds / 60.0)
        text = self.env._(
            "Remote support %(session)s, %(minutes)s min",
            session=self.name,
            minutes=minutes,
        )
        return f"{text}: {self.description}" if self.description else text

    def _check_actionable(self, action):
        for session in self:
            if session.state in ("done", "cancelled"):
                raise UserError(
                    self.env._(
                        "Session %(session)s is %(state)s: you cannot %(action)s it.",
                        session=session.name,
                        state=session._state_label(),
                        action=action,
                    )
                )

    def _open_interval(self):
        return self.interval_ids.filtered(lambda i: not i.stop)

    def _stop_clock(self, now):
        """Close the running interval (if any) at ``now``; state paused."""
        for session in self.filtered(lambda s: s.state == "running"):
            session._open_interval().sudo().write(
                {"stop": max(now, session.running_since)}
            )
            session.sudo().state = "paused"

    def _start_clock(self, tool=None):
        self.ensure_one()
        self.check_access("write")
        self._lock_technician(self.user_id)
        self._lock_rows()
        self._check_actionable(self.env._("start"))
        if self.state == "running":
            return False  # a second tool (or a second tab) keeps the one clock
        now = fields.Datetime.now()
        # whatever company the technician has selected now
        others = self.sudo().search(
            [
                ("user_id", "=", self.user_id.id),
                ("state", "=", "running"),
                ("id", "!=", self.id),
            ]
        )
        if others:
            others._lock_rows()
            others._stop_clock(now)
            # one statement may not hold two running sessions of one technician
            others.flush_recordset()
            for other in others:
                other.message_post(
                    body=self.env._(
                        "Paused: %(technician)s started %(session)s.",
                        technician=self.user_id.name,
                        session=self.name,
                    )
                )
        start = max(now, max(self.interval_ids.mapped("stop"), default=now))
        self.sudo().state = "running"
        self.env["service.remote.interval"].sudo().create(
            {
                "session_id": self.id,
                "start": start,
                "tool_id": tool.id if tool else False,
            }
        )
        return True

    # ---------------------------------------------------------------- actions
    def action_start(self):
        for session in self:
            session._start_clock()
        self._notify_timer()
        return True

    def action_resume(self):
        return self.action_start()

    def action_pause(self):
        self.check_access("write")
        self._lock_rows()
        self._check_actionable(self.env._("pause"))
        self._stop_clock(fields.Datetime.now())
        self._notify_timer()
        return True

    def action_reset(self):
        """Clear the intervals of a false start; logged in the chatter."""
        self.check_access("write")
        self._lock_rows()
        self._check_actionable(self.env._("reset"))
        manager = self.env.user.has_group(MANAGER)
        for session in self:
            if session.state == "paused" and not manager:
                raise UserError(
                    self.env._(
                        "Only a manager resets a paused session: resume it, or ask "
                        "your manager."
                    )
                )
            if session.state == "draft":
                continue
            seconds = session._elapsed_now()
            # A technician clears the false start of this run only; a manager
            # clears the whole session.
            cleared = session.interval_ids
            if not manager:
                cleared = session._open_interval()
                seconds -= session.closed_seconds
            count = len(cleared)
            cleared.sudo().unlink()
            session.sudo().state = "paused" if session.interval_ids else "draft"
            session.message_post(
                body=self.env._(
                    "Reset by %(user)s: %(count)s interval(s), %(clock)s cleared.",
                    user=self.env.user.name,
                    count=count,
                    clock=format_elapsed(seconds),
                )
            )
        self._notify_timer()
        return True

    def action_cancel(self):
        self.check_access("write")
        self._lock_rows()
        for session in self:
            if session.state == "done":
                raise UserError(
                    self.env._(
                        "Session %(session)s is billed: cancel its sale order instead.",
                        session=session.name,
                    )
                )
        open_sessions = self.filtered(lambda s: s.state in OPEN_STATES)
        open_sessions._stop_clock(fields.Datetime.now())
        open_sessions.sudo().state = "cancelled"
        self._notify_timer()
        return True

    def action_finish(self):
        """Pause if running, bill through the engine, log the timesheet.

        A second call (double click, second tab, retry) finds the session done
        and opens the same sale order.
        """
        self.check_access("write")
        self._lock_rows()
        for session in self:
            if session.state == "cancelled":
                session._check_actionable(self.env._("finish"))
            if session.state != "done":
                session._finish_one()
        self._notify_timer()
        orders = self.sale_order_id
        if len(orders) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "sale.order",
                "res_id": orders.id,
                "views": [(False, "form")],
                "target": "current",
            }
        return True

    def _finish_one(self):
        self.ensure_one()
        if not self.partner_id:
            raise ValidationError(
                self.env._(
                    "Choose the customer of %(session)s before finishing it.",
                    session=self.name,
                )
            )
        if not self.product_id:
            raise ValidationError(
                self.env._(
                    "Choose the service of %(session)s before finishing it.",
                    session=self.name,
                )
            )
        if not self.interval_ids:
            raise ValidationError(
                self.env._(
                    "Session %(session)s has no time: start it, or cancel it.",
                    session=self.name,
                )
            )
        target = self._timesheet_target()  # refuse before anything is written
        self._stop_clock(fields.Datetime.now())
        self.flush_recordset()
        engine = self.env["service.billing"].with_company(self.company_id)
        order = engine.bill([self._billing_item()])
        lines = order.order_line.filtered(
            lambda line: line.service_source_model == self._name
            and line.service_source_id == self.id
        )
        timesheet = self._log_timesheet(*target)
        self.sudo().write(
            {
                "state": "done",
                "finished_at": fields.Datetime.now(),
                "sale_order_id": order.id,
                "billed_quantity": sum(lines.mapped("product_uom_qty")),
                "covered_quantity": sum(
                    lines.filtered("service_covered").mapped("product_uom_qty")
                ),
                "amount_billed": sum(lines.mapped("price_subtotal")),
                "quota_id": lines.service_quota_id[:1].id,
            }
        )
        hours = "%.2f" % (timesheet.unit_amount if timesheet else 0.0)
        self.message_post(
            body=self.env._(
                "Finished: %(clock)s on the clock, billed on %(order)s; timesheet "
                "%(hours)s h.",
                clock=format_elapsed(self.closed_seconds),
                order=order.name,
                hours=hours,
            )
        )

    def _timesheet_target(self):
        """(project, employee) of the session's timesheet; UserError if missing."""
        project = self.company_id.service_remote_project_id
        if not project:
            raise UserError(
                self.env._(
                    "Choose the project of remote support timesheets in "
                    "Settings > Service."
                )
            )
        # looked up again: the employee may have been created since
        employee = self.employee_id or self._employee_in(
            self._employees_of(self.user_id)
        )
        if not employee:
            raise UserError(
                self.env._(
                    "%(user)s has no employee in %(company)s: timesheets need one.",
                    user=self.user_id.name,
                    company=self.company_id.name,
                )
            )
        return project, employee

    def _log_timesheet(self, project, employee):
        """The session's real time as a timesheet line of its technician.

        A session billed again (its order was cancelled) updates its line.
        """
        vals = {
            "name": self._line_description(),
            "date": self._billing_day(),
            "unit_amount": self.closed_seconds / 3600.0,
        }
        existing = self.sudo().timesheet_ids[:1]
        if existing:
            existing.write(vals)
            return existing
        return (
            self.env["account.analytic.line"]
            .sudo()
            .create(
                {
                    "name": self._line_description(),
                    "project_id": project.id,
                    "employee_id": employee.id,
                    "user_id": self.user_id.id,
                    "date": self._billing_day(),
                    "unit_amount": self.closed_seconds / 3600.0,
                    "company_id": self.company_id.id,
                    "service_remote_session_id": self.id,
                }
            )
        )

    def _service_billing_released(self, orders):
        """``orders`` were cancelled: their sessions may be finished and billed
        again (hook of the billing engine's release of billed sources)."""
        for session in self.filtered(
            lambda s: s.state == "done" and s.sale_order_id in orders
        ):
            order = session.sale_order_id
            session.sudo().write(
                {
                    "state": "paused",
                    "sale_order_id": False,
                    "billed_quantity": 0.0,
                    "covered_quantity": 0.0,
                    "amount_billed": 0.0,
                    "finished_at": False,
                }
            )
            session.message_post(
                body=self.env._(
                    "%(order)s was cancelled: finish the session to bill it again.",
                    order=order.name,
                )
            )

    def action_connect(self, access_id):
        """Open one of the customer's remote tools and start (or keep) the clock."""
        self.ensure_one()
        access = self.env["service.remote.access"].browse(access_id).exists()
        if not access or access.partner_id != self.commercial_partner_id:
            raise UserError(
                self.env._("This remote ID does not belong to the session's customer.")
            )
        url = access.tool_id._render_url(
            access.remote_id, self.commercial_partner_id.name, self.name
        )
        self._start_clock(access.tool_id)
        self._notify_timer()
        return {
            "type": "ir.actions.client",
            "tag": "service_remote_timer.open_url",
            "params": {"url": url},
        }

    def action_view_sale_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "views": [(False, "form")],
        }

    @api.model
    def action_open_console(self):
        """The console: the technician's current session, or a new one."""
        session = self._current_session()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_remote_timer.service_remote_session_action_console"
        )
        if session:
            action["res_id"] = session.id
        return action

    # ------------------------------------------------------ timer (systray/RPC)
    @api.model
    def _current_session(self, user=None):
        user = user or self.env.user
        for state in ("running", "paused"):
            session = self.search(
                [("user_id", "=", user.id), ("state", "=", state)],
                order="write_date desc, id desc",
                limit=1,
            )
            if session:
                return session
        return self.browse()

    def _timer_payload(self):
        if not self:
            return {"id": False}
        self.ensure_one()
        return {
            "id": self.id,
            "name": self.name,
            "partner": self.partner_id.display_name or "",
            "state": self.state,
            "running": self.state == "running",
            "elapsed_seconds": self._elapsed_now(),
            "sale_order": self.sale_order_id.name or False,
        }

    @api.model
    def get_timer_state(self):
        """The running (else last paused) session of the current user."""
        return self._current_session()._timer_payload()

    def _notify_timer(self):
        for user in self.user_id:
            payload = self._current_session(user)._timer_payload()
            user._bus_send("service_remote_timer/timer", payload)

    # ----------------------------------------------- remote-session helper (RPC)
    @api.model
    def cli_start(self, customer, tool=False, product=False, reference=False):
        """Start or resume the caller's session for ``customer``.

        Returns the timer payload with ``status`` (created, resumed, running,
        or closed: the reference names a finished or cancelled session, whose
        clock does not run again)
        and ``url`` (the tool's link for the customer, or False). With a
        ``reference`` (client idempotency key) the session it names is found
        again, whatever its state, so a re-sent command creates nothing.
        """
        partner = self._cli_customer(customer)
        remote_tool = self._cli_tool(tool) if tool else self.env["service.remote.tool"]
        session = self.browse()
        if reference:
            session = self.search(
                [("user_id", "=", self.env.uid), ("client_reference", "=", reference)],
                limit=1,
            )
            if session and session.commercial_partner_id != partner:
                raise ValidationError(
                    self.env._(
                        "Reference %(reference)s names session %(session)s of "
                        "another customer.",
                        reference=reference,
                        session=session.name,
                    )
                )
        if not session:
            session = self.search(
                [
                    ("user_id", "=", self.env.uid),
                    ("commercial_partner_id", "=", partner.id),
                    ("state", "in", OPEN_STATES),
                ],
                order="write_date desc, id desc",
                limit=1,
            )
        if session and session.state not in OPEN_STATES:
            status = "closed"  # the reference names a finished or cancelled one
        elif session:
            status = "running" if session.state == "running" else "resumed"
            if product:  # the technician names the service: the open session bills it
                session.product_id = self._cli_product(product)
        else:
            vals = {"partner_id": partner.id, "client_reference": reference or False}
            if product:
                vals["product_id"] = self._cli_product(product).id
            session = self.create(vals)
            status = "created"
        if session.state in OPEN_STATES:
            session._start_clock(remote_tool)
            session._notify_timer()
        payload = session._timer_payload()
        payload.update(status=status, url=False)
        access = partner.service_remote_access_ids.filtered(
            lambda a: a.tool_id == remote_tool
        )[:1]
        if access:
            payload["url"] = access.tool_id._render_url(
                access.remote_id, partner.name, session.name
            )
        return payload

    @api.model
    def cli_status(self):
        session = self._current_session()
        payload = session._timer_payload()
        if session:
            payload.update(
                amount=session.preview_amount,
                currency=session.currency_id.name,
                billable=session.preview_quantity,
                covered=session.preview_covered,
                unit=session.product_id.uom_id.name,
            )
        return payload

    @api.model
    def cli_pause(self, session_id=False):
        session = self._cli_session(session_id)
        session.action_pause()
        return session._timer_payload()

    @api.model
    def cli_finish(self, session_id=False):
        session = self._cli_session(session_id)
        session.action_finish()
        return session._timer_payload()

    def _cli_session(self, session_id):
        session = self.browse(session_id).exists() if session_id else None
        session = session or self._current_session()
        if not session:
            raise UserError(self.env._("You have no running or paused session."))
        return session

    def _cli_customer(self, customer):
        partners = self.env["res.partner"]
        text = str(customer or "").strip()
        if not text:
            raise ValidationError(self.env._("Name the customer."))
        found = partners.search([("name", "=ilike", text)], limit=6)
        if not found and text.isdigit():
            found = partners.browse(int(text)).exists()
        if not found:
            found = partners.search([("name", "ilike", text)], limit=6)
        found = found.commercial_partner_id
        if not found:
            raise ValidationError(
                self.env._("No customer matches %(customer)s.", customer=text)
            )
        if len(found) > 1:
            raise ValidationError(
                self.env._(
                    "Several customers match %(customer)s: %(names)s.",
                    customer=text,
                    names=", ".join(found[:5].mapped("display_name")),
                )
            )
        return found

    def _cli_tool(self, tool):
        tools = self.env["service.remote.tool"]
        found = tools.search([("name", "=ilike", tool)], limit=1) or tools.search(
            [("name", "ilike", tool)], limit=2
        )
        if len(found) != 1:
            known = ", ".join(tools.search([]).mapped("name"))
            raise ValidationError(
                self.env._(
                    "Unknown remote tool %(tool)s (known: %(known)s).",
                    tool=tool,
                    known=known,
                )
            )
        return found

    def _cli_product(self, product):
        products = self.env["product.product"]
        domain = [("type", "=", "service"), ("sale_ok", "=", True)]
        found = products.search(
            [
                *domain,
                "|",
                ("default_code", "=ilike", product),
                ("name", "=ilike", product),
            ],
            limit=2,
        )
        if len(found) != 1:
            raise ValidationError(
                self.env._("No single service matches %(product)s.", product=product)
            )
        return found

    # ------------------------------------------------------------------ demo
    @api.model
    def _demo_sessions(self):
        """Demo: two billed sessions of the demo technician and a paused one."""
        ref = self.env.ref
        technician = ref("service_contract_quota.user_technician_demo")
        now = fields.Datetime.now().replace(microsecond=0)
        work = [
            ("partner_acme_demo", 26, 18, "Outlook profile repaired", True),
            ("partner_initech_demo", 5, 42, "New laptop: VPN and printers", True),
            ("partner_globex_demo", 1, 12, "Password reset", False),
        ]
        sessions = self.browse()
        for xmlid, hours_ago, minutes, description, finish in work:
            xml_id = f"service_remote_timer.session_{xmlid}"
            if self.env.ref(xml_id, raise_if_not_found=False):
                continue
            start = now - timedelta(hours=hours_ago)
            session = self.with_user(technician).create(
                {
                    "partner_id": ref(f"service_contract_quota.{xmlid}").id,
                    "description": description,
                }
            )
            session.sudo().state = "paused"
            self.env["service.remote.interval"].sudo().create(
                {
                    "session_id": session.id,
                    "start": start,
                    "stop": start + timedelta(minutes=minutes),
                }
            )
            if finish:
                session.with_user(technician).action_finish()
            self.env["ir.model.data"]._update_xmlids(
                [{"xml_id": xml_id, "record": session, "noupdate": True}]
            )
            sessions |= session
        return sessions
