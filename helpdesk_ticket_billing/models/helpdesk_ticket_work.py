from odoo import api, fields, models
from odoo.exceptions import UserError

DEFAULT_CAP_HOURS = 10.0


class HelpdeskTicket(models.Model):
    """Before work starts: the customer's quota, the ticket's cost cap and,
    where the contract asks for it, an accepted quotation."""

    _inherit = "helpdesk.ticket"

    service_cap_hours = fields.Float(
        string="Cost cap (hours)",
        compute="_compute_service_cap_hours",
        help="Logged time beyond which the team manager is told (an activity); "
        "from the contract, else the team, else 10 hours.",
    )
    service_over_cap = fields.Boolean(
        string="Over its cap", compute="_compute_service_cap_hours"
    )
    service_cap_notified = fields.Boolean(readonly=True, copy=False)
    service_quotation_id = fields.Many2one(
        "sale.order",
        string="Quotation",
        copy=False,
        domain="[('partner_id', 'child_of', commercial_partner_id)]",
        help="The quotation the customer accepted for this work, when the "
        "contract requires one before work starts.",
    )
    service_quote_required = fields.Boolean(
        related="service_contract_id.service_quote_required"
    )

    @api.depends(
        "total_hours",
        "team_id.service_cap_hours",
        "service_contract_id.service_ticket_cap_hours",
    )
    def _compute_service_cap_hours(self):
        for ticket in self:
            cap = (
                ticket.service_contract_id.service_ticket_cap_hours
                or ticket.team_id.service_cap_hours
                or DEFAULT_CAP_HOURS
            )
            ticket.service_cap_hours = cap
            ticket.service_over_cap = ticket.total_hours >= cap

    def _service_work_warnings(self):
        """What the technician should know before starting work."""
        self.ensure_one()
        warnings = []
        if self.service_billable and self.service_quota_id:
            state = self.service_quota_id.balance_state
            if state == "exhausted":
                warnings.append(
                    self.env._(
                        "The quota of contract %(contract)s is used up: this work "
                        "is billed at the overage or list price.",
                        contract=self.service_contract_id.display_name,
                    )
                )
        if self.service_over_cap:
            hours, cap = f"{self.total_hours:g}", f"{self.service_cap_hours:g}"
            warnings.append(
                self.env._(
                    "%(hours)s h are logged on this ticket, over its cap of "
                    "%(cap)s h: your team manager is told.",
                    hours=hours,
                    cap=cap,
                )
            )
        return warnings

    def _service_check_can_start(self):
        for ticket in self:
            if (
                ticket.service_billable
                and ticket.service_quote_required
                and ticket.service_quotation_id.state != "sale"
            ):
                raise UserError(
                    self.env._(
                        "Contract %(contract)s asks for a quotation the customer "
                        "accepted before work on %(ticket)s starts: send one and "
                        "link it on the ticket's Billing tab.",
                        contract=ticket.service_contract_id.display_name,
                        ticket=ticket.display_name,
                    )
                )

    def _service_notify_over_cap(self):
        """One activity for the team manager per ticket over its cap."""
        todo = self.filtered(
            lambda t: t.service_over_cap and not t.service_cap_notified
        )
        for ticket in todo:
            manager = ticket.team_id.user_id or ticket.user_id or self.env.user
            hours, cap = f"{ticket.total_hours:g}", f"{ticket.service_cap_hours:g}"
            ticket.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Incident: ticket over its cap"),
                note=self.env._(
                    "%(hours)s h logged on %(ticket)s, over its cap of %(cap)s h.",
                    hours=hours,
                    ticket=ticket.display_name,
                    cap=cap,
                ),
                user_id=manager.id,
            )
        todo.sudo().write({"service_cap_notified": True})

    def button_start_work(self):
        self._service_check_can_start()
        self._service_notify_over_cap()
        action = super().button_start_work()
        warnings = self._service_work_warnings() if len(self) == 1 else []
        if warnings:
            action["context"] = dict(
                action.get("context", {}), service_warnings="\n".join(warnings)
            )
        return action
