from collections import defaultdict
from datetime import UTC, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_datetime

from ..lib.sla import NoWorkingTime, deadline

SLA_STATES = [("running", "Running"), ("met", "Met"), ("breached", "Breached")]
RESPONSE_FIELDS = ("sla_response_deadline", "sla_response_warn_date")
RESOLUTION_FIELDS = ("sla_resolution_deadline", "sla_resolution_warn_date")
ROUND_THE_CLOCK = [(day, 0.0, 24.0) for day in range(7)]  # no calendar at all


def _utc(moment):
    """An Odoo datetime (naive UTC) as an aware one."""
    return moment.replace(tzinfo=UTC) if moment else None


def _naive(moment):
    """An aware datetime as Odoo stores it (naive UTC, whole seconds)."""
    if not moment:
        return False
    return moment.astimezone(UTC).replace(tzinfo=None, microsecond=0)


# Kept by the server (the SLA clock and alerts, whose move, the cost cap's
# notice): refused to every user, over RPC too.
SERVER_FIELDS = frozenset(
    {
        "sla_start_date",
        "sla_first_response_date",
        "sla_response_deadline",
        "sla_response_warn_date",
        "sla_resolution_deadline",
        "sla_resolution_warn_date",
        "sla_response_warned",
        "sla_response_escalated",
        "sla_resolution_warned",
        "sla_resolution_escalated",
        "sla_response_status",
        "sla_resolution_status",
        "last_customer_message_date",
        "last_staff_message_date",
        "waiting_on",
        "waiting_since",
        "auto_closed",
        "service_cap_notified",
    }
)


class HelpdeskTicket(models.Model):
    """SLA deadlines: the contract's level gives targets in working hours for
    the ticket's priority and category, counted on the team's working
    calendar in its time zone, not counting time waiting on the customer."""

    _inherit = "helpdesk.ticket"

    sla_level_id = fields.Many2one(
        "helpdesk.sla.level",
        string="SLA level",
        compute="_compute_sla_level_id",
        store=True,
        index="btree_not_null",
        tracking=True,
        help="From the customer's contract, else the team's default level.",
    )
    sla_start_date = fields.Datetime(
        string="SLA clock started",
        readonly=True,
        copy=False,
        help="When the ticket came in (tickets older than SLA levels: created).",
    )
    sla_response_hours = fields.Float(
        string="First response target (h)",
        compute="_compute_sla_targets",
        store=True,
    )
    sla_resolution_hours = fields.Float(
        string="Resolution target (h)",
        compute="_compute_sla_targets",
        store=True,
    )
    sla_pause_ids = fields.One2many(
        "helpdesk.ticket.sla.pause", "ticket_id", string="SLA pauses", readonly=True
    )
    sla_response_deadline = fields.Datetime(
        string="Answer by", compute="_compute_sla_deadlines", store=True
    )
    sla_response_warn_date = fields.Datetime(
        string="First response warning", compute="_compute_sla_deadlines", store=True
    )
    sla_resolution_deadline = fields.Datetime(
        string="Solve by", compute="_compute_sla_deadlines", store=True
    )
    sla_resolution_warn_date = fields.Datetime(
        string="Resolution warning", compute="_compute_sla_deadlines", store=True
    )
    sla_first_response_date = fields.Datetime(
        string="First response",
        readonly=True,
        copy=False,
        help="When staff first wrote to the customer or moved the ticket on.",
    )
    sla_response_warned = fields.Boolean(readonly=True, copy=False)
    sla_response_escalated = fields.Boolean(readonly=True, copy=False)
    sla_resolution_warned = fields.Boolean(readonly=True, copy=False)
    sla_resolution_escalated = fields.Boolean(readonly=True, copy=False)
    sla_response_status = fields.Selection(
        SLA_STATES,
        string="First response SLA",
        compute="_compute_sla_status",
        store=True,
    )
    sla_resolution_status = fields.Selection(
        SLA_STATES, string="Resolution SLA", compute="_compute_sla_status", store=True
    )
    sla_status = fields.Selection(
        SLA_STATES,
        string="SLA",
        compute="_compute_sla_status",
        store=True,
        index="btree_not_null",
        help="Breached when a deadline was missed, met when every target was met.",
    )
    sla_deadline = fields.Datetime(
        string="Next deadline",
        compute="_compute_sla_status",
        store=True,
        index="btree_not_null",
        help="The first response or resolution deadline still ahead; empty while "
        "the ticket waits on the customer.",
    )
    sla_overdue = fields.Boolean(
        string="Overdue", compute="_compute_sla_overdue", search="_search_sla_overdue"
    )
    sla_tz = fields.Char(
        string="SLA time zone",
        compute="_compute_sla_tz",
        help="The time zone of the working hours deadlines are counted in.",
    )

    @api.depends("commercial_partner_id", "service_quota_id", "team_id", "company_id")
    def _compute_sla_level_id(self):
        levels = self._sla_contract_levels()
        for ticket in self:
            ticket.sla_level_id = (
                ticket.service_quota_id.contract_id.sla_level_id
                or levels.get(ticket.id)
                or ticket.team_id.sla_level_id
            )

    def _sla_contract_levels(self):
        """{ticket id: SLA level} of the customers' contracts running on the
        tickets' day, for tickets whose quota's contract gives none."""
        partners = self.commercial_partner_id
        if not partners:
            return {}
        contracts = (
            self.env["contract.contract"]
            .sudo()
            .search(
                [
                    ("commercial_partner_id", "in", partners.ids),
                    ("sla_level_id", "!=", False),
                ],
                order="date_start desc, id desc",
            )
        )
        found = {}
        for ticket in self:
            day = fields.Date.context_today(
                ticket, ticket._sla_start() or fields.Datetime.now()
            )
            company = ticket.company_id or self.env.company
            for contract in contracts:
                if (
                    contract.commercial_partner_id == ticket.commercial_partner_id
                    and contract.company_id == company
                    and (not contract.date_start or contract.date_start <= day)
                    and (not contract.date_end or contract.date_end >= day)
                ):
                    found[ticket.id] = contract.sla_level_id.with_env(self.env)
                    break
        return found

    @api.depends("sla_level_id", "priority", "category_id")
    def _compute_sla_targets(self):
        for ticket in self:
            target = (
                ticket.sla_level_id._target_for(ticket.priority, ticket.category_id)
                if ticket.sla_level_id
                else self.env["helpdesk.sla.target"]
            )
            ticket.sla_response_hours = target.first_response_hours
            ticket.sla_resolution_hours = target.resolution_hours

    @api.depends(
        "sla_start_date",
        "sla_response_hours",
        "sla_resolution_hours",
        "sla_level_id.warning_percent",
        "team_id.resource_calendar_id",
        "company_id.resource_calendar_id",
        "sla_pause_ids.date_start",
        "sla_pause_ids.date_end",
    )
    def _compute_sla_deadlines(self):
        """Deadlines and warning moments. A deadline is kept once its target
        is reached (answered, closed): a later change of priority does not
        rewrite whether it was met."""
        by_calendar = defaultdict(list)
        for ticket in self:
            by_calendar[ticket._sla_calendar()].append(ticket)
        for calendar, tickets in by_calendar.items():
            starts = [t._sla_start() for t in tickets if t._sla_start()]
            schedule = self._sla_schedule(calendar, min(starts, default=None))
            for ticket in tickets:
                for names, hours, reached in (
                    (
                        RESPONSE_FIELDS,
                        ticket.sla_response_hours,
                        ticket.sla_first_response_date,
                    ),
                    (
                        RESOLUTION_FIELDS,
                        ticket.sla_resolution_hours,
                        ticket.stage_id.closed,
                    ),
                ):
                    if reached:  # keep the stored deadline (read before assigning)
                        moments = [ticket[name] for name in names]
                    else:
                        moments = ticket._sla_moments(hours, schedule)
                    ticket.update(dict(zip(names, moments, strict=True)))

    def _sla_start(self):
        """When the SLA clock started (naive UTC), False before creation."""
        self.ensure_one()
        return self.sla_start_date or self.create_date

    def _sla_calendar(self):
        """The working calendar deadlines are counted on: the team's, else
        the company's."""
        self.ensure_one()
        company = self.team_id.company_id or self.company_id or self.env.company
        return self.team_id.resource_calendar_id or company.resource_calendar_id

    def _sla_schedule(self, calendar, since):
        """(attendances, time zone, closures) of ``calendar`` for lib.sla:
        its working hours and the public holidays from ``since`` on."""
        if not calendar:
            return ROUND_THE_CLOCK, "UTC", []
        since = since or fields.Datetime.now()
        attendances = [
            (
                int(att.dayofweek),
                att.hour_from,
                att.hour_to,
                int(att.week_type) if calendar.two_weeks_calendar else None,
            )
            for att in calendar.attendance_ids
            if not att.display_type
            and att.day_period != "lunch"
            and not att.resource_id
            and (not att.date_to or att.date_to >= since.date())
        ]
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "=", False),
                    ("calendar_id", "in", [False, calendar.id]),
                    ("company_id", "in", [False, calendar.company_id.id]),
                    ("time_type", "=", "leave"),
                    ("date_to", ">=", since),
                ]
            )
        )
        closed = [(_utc(leave.date_from), _utc(leave.date_to)) for leave in leaves]
        return attendances, calendar.tz or "UTC", closed

    def _sla_moments(self, hours, schedule):
        """(deadline, warning moment) of a target of ``hours`` working hours,
        naive UTC; False for no target, or while the clock stands still."""
        self.ensure_one()
        if not hours or not self._sla_start():
            return False, False
        attendances, tz, closed = schedule
        pauses = [(_utc(p.date_start), _utc(p.date_end)) for p in self.sla_pause_ids]
        target = timedelta(seconds=round(hours * 3600))
        percent = self.sla_level_id.warning_percent or 75
        warning = timedelta(seconds=round(target.total_seconds() * percent / 100))
        start = _utc(self._sla_start())
        try:
            return tuple(
                _naive(deadline(start, duration, attendances, tz, closed, pauses))
                for duration in (target, warning)
            )
        except NoWorkingTime:
            return False, False

    @api.depends(
        "sla_response_hours",
        "sla_resolution_hours",
        "sla_response_deadline",
        "sla_resolution_deadline",
        "sla_first_response_date",
        "sla_response_escalated",
        "sla_resolution_escalated",
        "stage_id.closed",
        "closed_date",
    )
    def _compute_sla_status(self):
        for ticket in self:
            closed = ticket.stage_id.closed
            response = self._sla_state(
                ticket.sla_response_hours,
                ticket.sla_first_response_date,
                ticket.sla_response_deadline,
                ticket.sla_response_escalated,
            )
            resolution = self._sla_state(
                ticket.sla_resolution_hours,
                closed and ticket.closed_date,
                ticket.sla_resolution_deadline,
                ticket.sla_resolution_escalated,
            )
            states = {response, resolution} - {False}
            ticket.sla_response_status = response
            ticket.sla_resolution_status = resolution
            ticket.sla_status = next(
                (s for s in ("breached", "running", "met") if s in states), False
            )
            ahead = [
                moment
                for moment, done in (
                    (ticket.sla_response_deadline, ticket.sla_first_response_date),
                    (ticket.sla_resolution_deadline, False),
                )
                if moment and not done and not closed
            ]
            ticket.sla_deadline = min(ahead, default=False)

    @api.model
    def _sla_state(self, hours, done_at, due, escalated):
        if not hours:
            return False
        if done_at:
            return "met" if not due or done_at <= due else "breached"
        return "breached" if escalated else "running"

    @api.depends("team_id.resource_calendar_id.tz", "company_id")
    def _compute_sla_tz(self):
        for ticket in self:
            ticket.sla_tz = ticket._sla_calendar().tz or "UTC"

    @api.depends("sla_deadline")
    def _compute_sla_overdue(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.sla_overdue = bool(ticket.sla_deadline and ticket.sla_deadline < now)

    def _search_sla_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(f"Unsupported search {operator} {value!r}")
        now = fields.Datetime.now()
        if (operator == "=") == value:
            return [("sla_deadline", "<", now)]
        return ["|", ("sla_deadline", "=", False), ("sla_deadline", ">=", now)]

    # ------------------------------------------------------------ clock

    def _sla_check_server_fields(self, vals):
        """The clock, the alerts and whose move are kept by the server: no
        user writes them (over RPC either)."""
        touched = SERVER_FIELDS & set(vals)
        if touched and not self.env.is_superuser():
            raise UserError(
                self.env._(
                    "%(fields)s are kept by the server from the ticket's history; "
                    "they cannot be written.",
                    fields=", ".join(sorted(touched)),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            self._sla_check_server_fields(vals)
            vals.setdefault("sla_start_date", now)
        tickets = super().create(vals_list)
        tickets._sla_follow_stage(tickets.mapped("sla_start_date"))
        return tickets

    def write(self, vals):
        self._sla_check_server_fields(vals)
        if not vals.get("stage_id"):
            return super().write(vals)
        stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
        moved = self.filtered(lambda t: t.stage_id != stage)
        # Deadlines as they stand before the move: kept once reached.
        moved.flush_recordset(list(RESPONSE_FIELDS + RESOLUTION_FIELDS))
        result = super().write(vals)
        now = fields.Datetime.now()
        moved._sla_follow_stage([now] * len(moved))
        if self.env.user._is_internal() and not self.env.context.get(
            "sla_not_a_response"
        ):
            moved._sla_record_response(now)
        return result

    def _sla_follow_stage(self, moments):
        """Open a pause for tickets now in a stage that stops the clock
        (waiting on the customer, closed) and end the pause of the others."""
        pauses = self.env["helpdesk.ticket.sla.pause"].sudo()
        running = pauses.search(
            [("ticket_id", "in", self.ids), ("date_end", "=", False)]
        )
        open_for = {pause.ticket_id.id: pause for pause in running}
        new = []
        for ticket, moment in zip(self, moments, strict=True):
            stops = bool(ticket.stage_id) and ticket.stage_id._sla_pauses_clock()
            pause = open_for.get(ticket.id)
            if pause and not stops:
                pause.date_end = max(moment, pause.date_start)
            elif stops and not pause:
                new.append(
                    {
                        "ticket_id": ticket.id,
                        "stage_id": ticket.stage_id.id,
                        "date_start": moment or fields.Datetime.now(),
                    }
                )
        pauses.create(new)

    def _sla_record_response(self, moment):
        """Staff answered (a message to the customer, a stage move): the
        first time is the ticket's first response."""
        todo = self.filtered(lambda t: not t.sla_first_response_date)
        if todo:
            todo.flush_recordset(list(RESPONSE_FIELDS))
            todo.sudo().write({"sla_first_response_date": moment})

    def _sla_moment_text(self, moment, user=None):
        """``moment`` as ``user`` reads it: in their language and time zone,
        else in the team's working-hours time zone."""
        self.ensure_one()
        tz = (user and user.tz) or self.sla_tz
        lang = (user and user.lang) or self.env.lang
        return format_datetime(
            self.env, moment, tz=tz, dt_format="short", lang_code=lang
        )
