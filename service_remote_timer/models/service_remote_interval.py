from datetime import datetime, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib.session import IntervalError, check_intervals, interval_seconds

MANAGER = "service_contract_quota.group_service_manager"
EARLIEST = datetime(2000, 1, 1)


class ServiceRemoteInterval(models.Model):
    """A start/stop pair of a session's clock, stored so that nothing is lost."""

    _name = "service.remote.interval"
    _description = "Remote Support Interval"
    _order = "start, id"

    session_id = fields.Many2one(
        "service.remote.session", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="session_id.company_id", store=True)
    start = fields.Datetime(required=True, default=fields.Datetime.now)
    stop = fields.Datetime()
    tool_id = fields.Many2one("service.remote.tool", string="Tool", readonly=True)
    seconds = fields.Integer(compute="_compute_seconds", store=True)
    minutes = fields.Float(compute="_compute_seconds", store=True, digits=(16, 2))
    hours = fields.Float(
        string="Duration",
        compute="_compute_seconds",
        store=True,
        help="The interval's length, shown as hours:minutes.",
    )

    @api.depends("start", "stop")
    def _compute_seconds(self):
        for interval in self:
            if interval.start and interval.stop:
                interval.seconds = interval_seconds(
                    interval.start, interval.stop, interval.stop
                )
            else:
                interval.seconds = 0
            interval.minutes = round(interval.seconds / 60.0, 2)
            interval.hours = interval.seconds / 3600.0

    @api.constrains("start", "stop", "session_id")
    def _check_intervals(self):
        for session in self.session_id:
            intervals = session.interval_ids.sorted(lambda i: (i.start, i.id))
            try:
                check_intervals([(i.start, i.stop or None) for i in intervals])
            except IntervalError as error:
                raise ValidationError(self._interval_message(session, error)) from error
            running = intervals.filtered(lambda i: not i.stop)
            if running and session.state != "running":
                raise ValidationError(
                    self.env._(
                        "Give every interval of %(session)s a stop time: only "
                        "Start and Resume open the clock.",
                        session=session.name,
                    )
                )

    def _interval_message(self, session, error):
        if error.kind == "order":
            return self.env._(
                "An interval of %(session)s stops before it starts.",
                session=session.name,
            )
        return self.env._(
            "Intervals of %(session)s overlap: each moment counts once.",
            session=session.name,
        )

    @api.constrains("start", "stop", "session_id")
    def _check_technician_overlap(self):
        """One technician's intervals never overlap, across all their sessions:
        the same minutes cannot be billed to two customers. The clock actions
        (sudo) cannot make an overlap: one running session per technician, and
        a clock starts at "now"; corrections by hand are checked."""
        if self.env.su:
            return
        for interval in self:
            user = interval.session_id.user_id
            stop = interval.stop or fields.Datetime.now()
            clash = self.sudo().search(
                [
                    ("id", "!=", interval.id),
                    ("session_id.user_id", "=", user.id),
                    ("session_id", "!=", interval.session_id.id),
                    ("session_id.state", "!=", "cancelled"),
                    ("start", "<", stop),
                    "|",
                    ("stop", "=", False),
                    ("stop", ">", interval.start),
                ],
                limit=1,
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "This time of %(session)s overlaps %(other)s of the same "
                        "technician: each minute is billed once.",
                        session=interval.session_id.name,
                        other=clash.session_id.name,
                    )
                )

    @api.constrains("start")
    def _check_plausible_start(self):
        oldest = fields.Datetime.now() - timedelta(days=366)
        for interval in self:
            if interval.start < EARLIEST or (
                not self.env.su and interval.start < oldest
            ):
                raise ValidationError(
                    self.env._(
                        "An interval of %(session)s starts on %(start)s: time is "
                        "logged within a year of the work.",
                        session=interval.session_id.name,
                        start=fields.Datetime.to_string(interval.start),
                    )
                )

    @api.constrains("start", "stop")
    def _check_not_in_future(self):
        if self.env.su:
            return  # the clock actions write "now"
        now = fields.Datetime.now()
        for interval in self:
            if interval.start > now or (interval.stop and interval.stop > now):
                raise ValidationError(
                    self.env._(
                        "An interval of %(session)s ends in the future: time is "
                        "logged once it has passed.",
                        session=interval.session_id.name,
                    )
                )

    def _check_session_open(self):
        if self.env.su:  # the clock actions, after their own checks
            return
        if not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._(
                    "The clock records the time: use Start, Pause and Resume. Only "
                    "a service manager corrects intervals."
                )
            )
        for session in self.session_id:
            if session.state in ("done", "cancelled"):
                raise UserError(
                    self.env._(
                        "Session %(session)s is closed: its time cannot change.",
                        session=session.name,
                    )
                )
            if session.state == "running":
                raise UserError(
                    self.env._(
                        "Pause %(session)s before correcting its intervals.",
                        session=session.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        intervals = super().create(vals_list)
        intervals._check_session_open()
        if not self.env.su:
            for interval in intervals:
                interval._log_correction(self.env._("added"), "", interval._text())
        return intervals

    def write(self, vals):
        self._check_session_open()
        if "session_id" in vals and not self.env.su:
            raise UserError(self.env._("An interval stays with its session."))
        if {"seconds", "minutes", "hours"} & set(vals):
            raise UserError(
                self.env._("An interval's length follows from its start and stop.")
            )
        before = {interval: interval._text() for interval in self}
        result = super().write(vals)
        if not self.env.su:
            for interval in self:
                interval._log_correction(
                    self.env._("changed"), before[interval], interval._text()
                )
        return result

    def unlink(self):
        self._check_session_open()
        if not self.env.su:
            for interval in self:
                interval._log_correction(self.env._("removed"), interval._text(), "")
        return super().unlink()

    def _text(self):
        start = fields.Datetime.to_string(self.start)
        stop = fields.Datetime.to_string(self.stop) if self.stop else "..."
        return f"{start} - {stop} ({self.minutes:.2f} min)"

    def _log_correction(self, what, old, new):
        """A manager's correction, in the session's chatter with old and new."""
        self.session_id.message_post(
            body=self.env._(
                "Interval %(what)s by %(user)s: %(old)s -> %(new)s",
                what=what,
                user=self.env.user.name,
                old=old or "-",
                new=new or "-",
            ),
            subtype_xmlid="mail.mt_note",
        )
