from odoo import api, models


class ServiceRemoteSession(models.Model):
    _inherit = "service.remote.session"

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
            "sale_order": self.service_sale_order_id.name or False,
        }

    @api.model
    def get_timer_state(self):
        """The running (else last paused) session of the current user."""
        return self._current_session()._timer_payload()

    def _notify_timer(self):
        for user in self.user_id:
            payload = self._current_session(user)._timer_payload()
            user._bus_send("service_remote_timer/timer", payload)
