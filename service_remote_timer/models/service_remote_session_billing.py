from odoo import fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib.session import format_elapsed
from .service_remote_session import MANAGER


class ServiceRemoteSession(models.Model):
    _inherit = "service.remote.session"

    def _billing_item(self, preview=False, day=None):
        self.ensure_one()
        seconds = self.closed_seconds
        if preview and self.running_since:
            seconds = self._elapsed_now()
        item = {
            "partner_id": (self.contact_id or self.partner_id).id,
            "product_id": self.product_id.id,
            "seconds": seconds,
            "date": day or self._billing_day() or fields.Date.context_today(self),
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

    def action_finish(self):
        """Pause if running, bill through the engine, log the timesheet.

        A second call (double click, second tab, retry) finds the session done
        and opens the same sale order.
        """
        self.check_access("write")
        self._lock_rows()
        for session in self:
            if session.state == "cancelled":
                session._check_actionable()
            if session.state != "done":
                session._finish_one()
        self._notify_timer()
        orders = self.service_sale_order_id
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
        now = fields.Datetime.now()
        self._check_interval_lengths(now)
        self._stop_clock(now)
        self.flush_recordset()
        engine = self.env["service.billing"].with_company(self.company_id)
        day = self._billing_day()
        lines = engine.bill([self._billing_item(day=day)])
        order = lines.order_id[:1]
        timesheet = self._log_timesheet(*target, day=day, sale_line=lines[:1])
        self.sudo().write(
            {
                "state": "done",
                "finished_at": fields.Datetime.now(),
                "clock_changed_at": now,
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

    def _check_interval_lengths(self, now):
        """A clock left running longer than the company allows (a forgotten
        Pause) is billed only when a service manager finishes the session."""
        hours = self.company_id.service_remote_max_interval_hours or 12
        lengths = [i.seconds for i in self.interval_ids if i.stop]
        if self.running_since:
            lengths.append((now - self.running_since).total_seconds())
        if max(lengths, default=0) <= hours * 3600:
            return
        if self.env.su or self.env.user.has_group(MANAGER):
            return
        raise UserError(
            self.env._(
                "%(session)s ran longer than %(hours)s hours without a pause: a "
                "service manager checks the time and finishes it.",
                session=self.name,
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

    def _log_timesheet(self, project, employee, day, sale_line=None):
        """The session's real time as a timesheet line of its technician,
        linked to the order line that billed it (``so_line``, as Odoo links
        the timesheets it bills).

        A session billed again (its order was cancelled) updates its line.
        """
        timesheets = self.env["account.analytic.line"]
        vals = {
            "name": self._line_description(),
            "date": day,
            "unit_amount": self.closed_seconds / 3600.0,
            "so_line": sale_line.id if sale_line else False,
        }
        if "is_so_line_edited" in timesheets._fields:
            # sale_timesheet: keep the link when the project's billing changes
            vals["is_so_line_edited"] = bool(sale_line)
        existing = self.sudo().timesheet_ids[:1]
        if existing:
            existing.write(vals)
            return existing
        vals.update(
            project_id=project.id,
            employee_id=employee.id,
            user_id=self.user_id.id,
            company_id=self.company_id.id,
            service_remote_session_id=self.id,
        )
        return timesheets.sudo().create(vals)

    def _service_billing_released(self, lines):
        """The lines that billed these sessions were cancelled, deleted or fully
        credited: the sessions reopen, to be finished and billed again (hook of
        the engine's one release path)."""
        orders = ", ".join(lines.order_id.mapped("name"))
        for session in self.filtered(lambda s: s.state == "done"):
            session.sudo().write({"state": "paused", "finished_at": False})
            session.message_post(
                body=self.env._(
                    "The billing on %(order)s was undone: finish the session to "
                    "bill it again.",
                    order=orders,
                )
            )
