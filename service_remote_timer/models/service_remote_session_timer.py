from odoo import api, fields, models

OFFERED = 5  # paused sessions the systray offers when none is current


class ServiceRemoteSession(models.Model):
    _inherit = "service.remote.session"

    clock_changed_at = fields.Datetime(
        readonly=True,
        copy=False,
        help="When Start, Pause, Finish, Cancel or Reset last changed this "
        "session: the systray shows the session its technician worked on last.",
    )

    @api.model
    def action_open_console(self):
        """The console: the technician's current session, or a new one."""
        session = self._timer_session()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_remote_timer.service_remote_session_action_console"
        )
        if session:
            action["res_id"] = session.id
        return action

    # ------------------------------------------------------ timer (systray/RPC)
    @api.model
    def _current_session(self, user=None):
        """The running, else the last paused session of ``user`` (helper)."""
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

    @api.model
    def _timer_session(self, user=None):
        """The session the systray and the console show: the running one, else
        the one ``user`` worked on last if it is paused. After Finish or Cancel
        it is none: other paused sessions are offered, not shown in its place."""
        user = user or self.env.user
        running = self.search(
            [("user_id", "=", user.id), ("state", "=", "running")], limit=1
        )
        if running:
            return running
        last = self.search(
            [("user_id", "=", user.id), ("state", "!=", "draft")],
            # sessions from before the stamp existed: by their last change
            order="clock_changed_at desc nulls last, write_date desc, id desc",
            limit=1,
        )
        return last if last.state == "paused" else self.browse()

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
            "closed_seconds": self.closed_seconds,
            "sale_order": self.service_sale_order_id.name or False,
        }

    @api.model
    def _timer_state(self, user=None):
        """The systray's state: the current session (``_timer_session``) and
        the other paused sessions it offers to resume."""
        user = user or self.env.user
        session = self._timer_session(user)
        offers = self.search(
            [
                ("user_id", "=", user.id),
                ("state", "=", "paused"),
                ("id", "not in", session.ids),
            ],
            order="write_date desc, id desc",
            limit=OFFERED,
        )
        payload = session._timer_payload()
        payload["paused"] = [
            {
                "id": offer.id,
                "name": offer.name,
                "partner": offer.partner_id.display_name or "",
                "elapsed_seconds": offer.closed_seconds,
            }
            for offer in offers
        ]
        return payload

    @api.model
    def get_timer_state(self):
        """What the systray shows (the same payload the bus sends)."""
        return self._timer_state()

    def _notify_timer(self):
        """Tell every tab of the technicians (systray and open consoles) the
        new state, through the bus."""
        for user in self.user_id:
            payload = self.sudo()._timer_state(user)
            user._bus_send("service_remote_timer/timer", payload)
