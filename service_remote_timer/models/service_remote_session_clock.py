from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.service_contract_quota.models.service_lock import lock_rows

from ..lib.session import format_elapsed
from .service_remote_session import MANAGER, OPEN_STATES


class ServiceRemoteSession(models.Model):
    _inherit = "service.remote.session"

    # ----------------------------------------------------------------- locks
    def _lock_rows(self):
        """Lock these sessions and rewrite them: a concurrent clock action on
        the same session fails to serialise and is retried (see lock_rows)."""
        lock_rows(self)

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
    def _stop_clock(self, now):
        """Close the running interval (if any) at ``now``; state paused."""
        for session in self.filtered(lambda s: s.state == "running"):
            session._open_interval().sudo().write(
                {"stop": max(now, session.running_since)}
            )
            session.sudo().write({"state": "paused", "clock_changed_at": now})

    def _start_clock(self, tool=None):
        self.ensure_one()
        self.check_access("write")
        self._lock_technician(self.user_id)
        self._lock_rows()
        self._check_actionable()
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
        self.sudo().write({"state": "running", "clock_changed_at": now})
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
        running = self._running_of(self.user_id)
        for session in self:
            session._start_clock()
        self._notify_timer()
        return self._paused_notice(running - self) or True

    def _running_of(self, users):
        return self.sudo().search(
            [("user_id", "in", users.ids), ("state", "=", "running")]
        )

    def _paused_notice(self, sessions, next_action=None):
        """A notification naming ``sessions`` if starting a clock paused them
        (one running session per technician), else None."""
        paused = sessions.filtered(lambda s: s.state == "paused")
        if not paused:
            return None
        messages = [
            self.env._(
                "%(session)s for %(customer)s paused.",
                session=session.name,
                customer=session.partner_id.display_name or "-",
            )
            for session in paused
        ]
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": " ".join(messages),
                "type": "warning",
                "next": next_action or {"type": "ir.actions.act_window_close"},
            },
        }

    def action_resume(self):
        return self.action_start()

    def action_pause(self):
        self.check_access("write")
        self._lock_rows()
        self._check_actionable()
        self._stop_clock(fields.Datetime.now())
        self._notify_timer()
        return True

    def action_reset(self):
        """Clear the intervals of a false start; logged in the chatter."""
        self.check_access("write")
        self._lock_rows()
        self._check_actionable()
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
            session.sudo().write(
                {
                    "state": "paused" if session.interval_ids else "draft",
                    "clock_changed_at": fields.Datetime.now(),
                }
            )
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

    def action_cancel(self, reason=False):
        """Cancel sessions. Recorded time is cancelled with a reason, kept in
        the chatter; without one the button opens a form asking for it."""
        self.check_access("write")
        for session in self:
            if session.state == "done":
                raise UserError(
                    self.env._(
                        "Session %(session)s is billed: cancel its sale order instead.",
                        session=session.name,
                    )
                )
        reason = (reason or "").strip() if isinstance(reason, str) else ""
        if not reason and any(s.interval_ids for s in self if s.state != "cancelled"):
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Cancel recorded time"),
                "res_model": "service.remote.session.cancel",
                "view_mode": "form",
                "target": "new",
                "context": {"default_session_ids": self.ids},
            }
        self._lock_rows()
        open_sessions = self.filtered(lambda s: s.state in OPEN_STATES)
        now = fields.Datetime.now()
        open_sessions._stop_clock(now)
        open_sessions.sudo().write({"state": "cancelled", "clock_changed_at": now})
        for session in open_sessions.filtered("interval_ids"):
            session.message_post(
                body=self.env._(
                    "Cancelled by %(user)s with %(clock)s on the clock: %(reason)s",
                    user=self.env.user.name,
                    clock=format_elapsed(session.closed_seconds),
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._notify_timer()
        return True

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
        running = self._running_of(self.user_id)
        self._start_clock(access.tool_id)
        self._notify_timer()
        action = {
            "type": "ir.actions.client",
            "tag": "service_remote_timer.open_url",
            "params": {"url": url},
        }
        return self._paused_notice(running - self, next_action=action) or action
