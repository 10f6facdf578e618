from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_support_note = fields.Text(
        string="Support note",
        help="What a technician must know before helping this customer: access "
        'IDs, who to call, "prefers mornings"...',
    )
    service_contract_id = fields.Many2one(
        "contract.contract",
        string="Active service contract",
        compute="_compute_service_contract",
    )
    service_remaining = fields.Char(
        string="Remaining quota", compute="_compute_service_contract"
    )

    def _compute_service_contract(self):
        today = fields.Date.context_today(self)
        commercial = self.commercial_partner_id
        quotas = (
            self.env["service.quota"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", commercial.ids),
                    ("date_start", "<=", today),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", today),
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
