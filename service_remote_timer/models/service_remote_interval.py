from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib.session import IntervalError, check_intervals, interval_seconds


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
        return intervals

    def write(self, vals):
        self._check_session_open()
        if "session_id" in vals and not self.env.su:
            raise UserError(self.env._("An interval stays with its session."))
        return super().write(vals)

    def unlink(self):
        self._check_session_open()
        return super().unlink()
