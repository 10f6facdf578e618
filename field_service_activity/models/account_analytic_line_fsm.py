from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, format_date, format_datetime

from ..lib import worktime

SPAN_FIELDS = {"service_fsm_start", "service_fsm_stop"}


class AccountAnalyticLine(models.Model):
    """Time on site of a service activity: measured by the activity's
    Start/Stop (a running line is a row: it survives a closed browser and a
    restart) or typed in (date and hours). Locked for technicians once the
    customer signed."""

    _inherit = "account.analytic.line"

    service_fsm_start = fields.Datetime(
        string="Started",
        copy=False,
        help="When the technician pressed Start on the activity.",
    )
    service_fsm_stop = fields.Datetime(string="Stopped", copy=False)
    service_fsm_running = fields.Boolean(
        string="Running",
        compute="_compute_service_fsm_running",
        store=True,
        index="btree_not_null",
    )

    def init(self):
        result = super().init()
        # One running clock per technician, whatever tabs or devices race.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS "
                "account_analytic_line_service_fsm_one_running "
                "ON account_analytic_line (employee_id) "
                "WHERE service_fsm_start IS NOT NULL AND service_fsm_stop IS NULL"
            )
        )
        return result

    @api.depends("service_fsm_start", "service_fsm_stop")
    def _compute_service_fsm_running(self):
        for line in self:
            line.service_fsm_running = bool(
                line.service_fsm_start and not line.service_fsm_stop
            )

    @api.constrains(
        "service_fsm_start",
        "service_fsm_stop",
        "unit_amount",
        "date",
        "service_fsm_order_id",
    )
    def _check_service_fsm_time(self):
        now = fields.Datetime.now()
        for line in self.filtered("service_fsm_order_id"):
            try:
                if line.service_fsm_start and line.service_fsm_stop:
                    worktime.check_span(
                        line.service_fsm_start, line.service_fsm_stop, now
                    )
                    worktime.check_hours(line.unit_amount, allow_zero=True)
                elif line.service_fsm_start:
                    worktime.check_running(line.service_fsm_start, now)
                else:
                    today = fields.Date.context_today(line)
                    worktime.check_entered(line.date, line.unit_amount, today)
            except worktime.WorktimeError as error:
                raise ValidationError(
                    line._service_fsm_time_message(error.reason)
                ) from error

    def _service_fsm_time_message(self, reason, hours=None):
        """Why this entry is refused, in the user's words."""
        self.ensure_one()
        hours = self.unit_amount if hours is None else hours
        env = self.env
        line = env._(
            "The time entry “%(name)s” of %(activity)s",
            name=self.name or "/",
            activity=self.service_fsm_order_id.display_name,
        )
        start = self.service_fsm_start and format_datetime(env, self.service_fsm_start)
        stop = self.service_fsm_stop and format_datetime(env, self.service_fsm_stop)
        hours = worktime.format_hours(abs(hours))
        messages = {
            worktime.STOP_BEFORE_START: lambda: env._(
                "%(line)s stops (%(stop)s) before it starts (%(start)s).",
                line=line,
                start=start,
                stop=stop,
            ),
            worktime.FUTURE_START: lambda: env._(
                "%(line)s starts or stops in the future (%(start)s – %(stop)s): "
                "time is logged once it is worked.",
                line=line,
                start=start or "",
                stop=stop or "",
            ),
            worktime.FUTURE_DAY: lambda: env._(
                "%(line)s is dated %(day)s, in the future: time is logged once it "
                "is worked.",
                line=line,
                day=format_date(env, self.date),
            ),
            worktime.NEGATIVE: lambda: env._(
                "%(line)s lasts a negative time (-%(hours)s): enter the hours "
                "worked.",
                line=line,
                hours=hours,
            ),
            worktime.EMPTY: lambda: env._(
                "%(line)s has no duration: enter the hours worked.", line=line
            ),
            worktime.TOO_LONG: lambda: env._(
                "%(line)s lasts %(hours)s: one entry cannot exceed 24 hours. Enter "
                "each day on its own line, or correct a forgotten clock.",
                line=line,
                hours=hours,
            ),
        }
        return messages[reason]()

    @api.model
    def _service_fsm_prepare_vals(self, vals):
        """Fill the project of the activity's company and the hours of a
        measured span."""
        order = self.env["fsm.order"].browse(vals.get("service_fsm_order_id"))
        if order and not vals.get("project_id") and not vals.get("task_id"):
            company = order.sudo().company_id or self.env.company
            vals["project_id"] = company._service_fsm_project().id
        start = fields.Datetime.to_datetime(vals.get("service_fsm_start"))
        stop = fields.Datetime.to_datetime(vals.get("service_fsm_stop"))
        if start and stop and stop >= start:
            vals["unit_amount"] = worktime.hours_between(start, stop)
        elif start and not stop:
            vals["unit_amount"] = 0.0
        if start and "date" not in vals:
            vals["date"] = fields.Date.context_today(self, start)
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        order_ids = {vals.get("service_fsm_order_id") for vals in vals_list}
        self.env["fsm.order"].browse(
            order_ids - {False, None}
        )._service_check_report_unlocked()
        vals_list = [
            self._service_fsm_prepare_vals(dict(vals))
            if vals.get("service_fsm_order_id")
            else vals
            for vals in vals_list
        ]
        return super().create(vals_list)

    def write(self, vals):
        orders = self.service_fsm_order_id
        if vals.get("service_fsm_order_id"):
            orders |= self.env["fsm.order"].browse(vals["service_fsm_order_id"])
        orders._service_check_report_unlocked()
        fsm_lines = self.filtered("service_fsm_order_id")
        moves_span = bool(SPAN_FIELDS & set(vals))
        timed = fsm_lines.filtered("service_fsm_stop")
        if "unit_amount" in vals and not moves_span and timed:
            return self._service_fsm_write_hours(vals, timed)
        result = super().write(vals)
        if moves_span:
            fsm_lines._service_fsm_sync_span()
        return result

    def _service_fsm_sync_span(self):
        """Hours and day of measured entries follow their start and stop."""
        synced = self.browse()
        for line in self.filtered("service_fsm_start"):
            start, stop = line.service_fsm_start, line.service_fsm_stop
            hours = worktime.hours_between(start, stop) if stop and stop >= start else 0
            day = fields.Date.context_today(line, start)
            if line.unit_amount != hours or line.date != day:
                super(AccountAnalyticLine, line).write(
                    {"unit_amount": hours, "date": day}
                )
                synced |= line
        return synced

    def _service_fsm_write_hours(self, vals, timed):
        """New hours typed on measured entries move their stop, so the span
        and the hours always agree (a negative or huge figure is refused)."""
        result = super(AccountAnalyticLine, self - timed).write(vals)
        hours = vals["unit_amount"] or 0.0
        for line in timed:
            try:
                worktime.check_hours(hours, allow_zero=True)
            except worktime.WorktimeError as error:
                raise ValidationError(
                    line._service_fsm_time_message(error.reason, hours)
                ) from error
            stop = line.service_fsm_start + timedelta(hours=hours)
            super(AccountAnalyticLine, line).write({**vals, "service_fsm_stop": stop})
        return result

    def _service_stop(self, moment):
        """Stop these running clocks at ``moment`` (never before they started)."""
        for line in self:
            line.service_fsm_stop = max(moment, line.service_fsm_start)
        # Stopped in the database before another clock of the same technician
        # starts (one running per technician is a unique index).
        self.flush_recordset()

    def unlink(self):
        self.service_fsm_order_id._service_check_report_unlocked()
        return super().unlink()
