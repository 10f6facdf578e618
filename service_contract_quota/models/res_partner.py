from odoo import fields, models

from .service_quota import BALANCE_STATES

TECHNICIAN = "service_contract_quota.group_service_technician"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Internal service data: technicians and managers only, never other
    # employees or the customer's own portal users (reads, RPC and views).
    service_support_note = fields.Text(
        string="Support note",
        groups=TECHNICIAN,
        copy=False,
        help="What a technician must know before helping this customer: access "
        'IDs, who to call, "prefers mornings"...',
    )
    service_contract_id = fields.Many2one(
        "contract.contract",
        string="Active service contract",
        compute="_compute_service_contract",
        groups=TECHNICIAN,
    )
    service_remaining = fields.Char(
        string="Remaining quota",
        compute="_compute_service_contract",
        groups=TECHNICIAN,
    )

    service_balance_state = fields.Selection(
        BALANCE_STATES,
        string="Quota balance",
        compute="_compute_service_contract",
        groups=TECHNICIAN,
        help="The balance of the active contract's quotas; Expired when the "
        "customer's contract has ended, Not started when it starts later.",
    )

    def _compute_service_contract(self):
        """The contract billing would use today: a quota valid today on an
        active contract of the current companies that has started and not
        ended. Without one, the balance says whether the customer's contract
        ended or is still to start."""
        today = fields.Date.context_today(self)
        commercial = self.commercial_partner_id
        quotas = (
            self.env["service.quota"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", commercial.ids),
                    ("company_id", "in", self.env.companies.ids),
                    ("date_start", "!=", False),
                    ("contract_id.active", "=", True),
                ]
            )
        )
        running, dated = {}, {}
        for quota in quotas:
            state = quota._dated_state(today)
            if state:
                dated.setdefault(quota.partner_id.id, set()).add(state)
            else:
                running.setdefault(quota.partner_id.id, quota.contract_id)
        for partner in self:
            key = partner.commercial_partner_id.id
            contract = running.get(key)
            partner.service_contract_id = contract
            partner.service_remaining = (
                contract.service_remaining if contract else False
            )
            if contract:
                partner.service_balance_state = contract.service_balance_state
            else:
                states = dated.get(key, set())
                partner.service_balance_state = (
                    "not_started"
                    if "not_started" in states
                    else ("expired" if states else False)
                )
