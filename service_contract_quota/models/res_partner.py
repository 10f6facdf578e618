from odoo import fields, models

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

    def _compute_service_contract(self):
        """The contract billing would use today: a quota valid today on an
        active contract of the current companies that has started and not ended."""
        today = fields.Date.context_today(self)
        commercial = self.commercial_partner_id
        quotas = (
            self.env["service.quota"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", commercial.ids),
                    ("company_id", "in", self.env.companies.ids),
                    ("date_start", "<=", today),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", today),
                    ("contract_id.active", "=", True),
                    "|",
                    ("contract_id.date_start", "=", False),
                    ("contract_id.date_start", "<=", today),
                    "|",
                    ("contract_id.date_end", "=", False),
                    ("contract_id.date_end", ">=", today),
                ]
            )
        )
        by_partner = {}
        for quota in quotas:
            by_partner.setdefault(quota.partner_id.id, quota.contract_id)
        for partner in self:
            contract = by_partner.get(partner.commercial_partner_id.id)
            partner.service_contract_id = contract
            partner.service_remaining = (
                contract.service_remaining if contract else False
            )
