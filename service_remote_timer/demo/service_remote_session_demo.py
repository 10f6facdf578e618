from datetime import timedelta

from odoo import api, fields, models


class ServiceRemoteSession(models.Model):
    _inherit = "service.remote.session"

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
