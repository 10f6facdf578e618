from odoo import api, fields, models

ALERT_BATCH = 200  # tickets warned or escalated per cron call


class HelpdeskTicket(models.Model):
    """Before a deadline the assignee gets an activity; on a breach the team
    leader gets an activity and an e-mail. Each once per ticket and target."""

    _inherit = "helpdesk.ticket"

    @api.model
    def _sla_alert_domains(self, now):
        """(kind, step, domain) of the open tickets to alert, breaches first:
        a ticket found past its deadline is escalated, never only warned."""
        steps = []
        for kind in ("response", "resolution"):
            domain = [("stage_id.closed", "=", False)]
            if kind == "response":
                domain.append(("sla_first_response_date", "=", False))
            deadline = f"sla_{kind}_deadline"
            steps.append(
                (
                    kind,
                    "breach",
                    domain
                    + [(f"sla_{kind}_escalated", "=", False), (deadline, "<=", now)],
                )
            )
            steps.append(
                (
                    kind,
                    "warning",
                    domain
                    + [
                        (f"sla_{kind}_warned", "=", False),
                        (f"sla_{kind}_warn_date", "<=", now),
                        (deadline, ">", now),
                    ],
                )
            )
        return sorted(steps, key=lambda step: step[1] != "breach")

    @api.model
    def _cron_sla_alerts(self):
        """Warn of coming deadlines and escalate missed ones, a batch per call."""
        now = fields.Datetime.now()
        done = 0
        for kind, step, domain in self._sla_alert_domains(now):
            if done >= ALERT_BATCH:
                break
            tickets = self.search(domain, limit=ALERT_BATCH - done, order="id")
            for ticket in tickets:
                ticket._sla_alert(kind, step)
            done += len(tickets)
        remaining = sum(
            self.search_count(domain)
            for _kind, _step, domain in self._sla_alert_domains(now)
        )
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    def _sla_alert(self, kind, step):
        """Warn of (``step`` 'warning') or escalate (``step`` 'breach') the
        ``kind`` ('response' or 'resolution') deadline of this ticket."""
        self.ensure_one()
        due = self[f"sla_{kind}_deadline"]
        if step == "breach":
            self.sudo().write(
                {f"sla_{kind}_warned": True, f"sla_{kind}_escalated": True}
            )
            leader = self.team_id.user_id
            user = leader or self.user_id
            xmlid = "helpdesk_ticket_billing.mail_activity_type_sla_breach"
        else:
            self.sudo().write({f"sla_{kind}_warned": True})
            user = self.user_id or self.team_id.user_id
            xmlid = "helpdesk_ticket_billing.mail_activity_type_sla_warning"
        if user:
            self.activity_schedule(
                xmlid,
                date_deadline=fields.Date.context_today(self, due),
                summary=self._sla_alert_summary(kind, step, due, user),
                user_id=user.id,
            )
        if step == "breach" and self.team_id.user_id.partner_id.email:
            template = self.env.ref(
                "helpdesk_ticket_billing.mail_template_sla_breach"
            ).with_context(sla_kind=kind)
            template.send_mail(
                self.id, email_layout_xmlid="mail.mail_notification_light"
            )

    def _sla_alert_summary(self, kind, step, due, user):
        env = self.with_context(lang=user.lang).env
        when = self._sla_moment_text(due, user)
        if step == "breach":
            if kind == "response":
                return env._("First response overdue since %(when)s", when=when)
            return env._("Resolution overdue since %(when)s", when=when)
        if kind == "response":
            return env._("First response due by %(when)s", when=when)
        return env._("Resolution due by %(when)s", when=when)
