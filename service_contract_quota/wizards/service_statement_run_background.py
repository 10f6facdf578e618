from odoo import models


class ServiceStatementRunBackground(models.TransientModel):
    _inherit = "service.statement.run"

    def action_run_background(self):
        """Queue the run for the cron worker (many customers: no request
        timeout) and tell the user it is on its way."""
        self.ensure_one()
        self.env["service.statement"].check_access("create")
        self.env["service.statement.request"]._queue(
            self.date_from, self.date_to, self.partner_ids, self.env.companies
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "title": self.env._("Monthly statements"),
                "message": self.env._(
                    "The statements are being made in the background; "
                    "you will be notified when they are done."
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
