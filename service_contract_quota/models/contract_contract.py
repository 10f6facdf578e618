from odoo import api, fields, models

STATE_RANK = {"exhausted": 0, "low": 1, "ok": 2}


class ContractContract(models.Model):
    _inherit = "contract.contract"

    service_quota_ids = fields.One2many(
        "service.quota", "contract_id", string="Quotas", context={"active_test": False}
    )
    service_remaining = fields.Char(
        string="Remaining quota",
        compute="_compute_service_balance",
        store=True,
        help="What is left of each quota in its current period.",
    )
    service_balance_state = fields.Selection(
        [("ok", "Available"), ("low", "Low"), ("exhausted", "Exhausted")],
        string="Quota balance",
        compute="_compute_service_balance",
        store=True,
    )

    @api.depends(
        "service_quota_ids.remaining",
        "service_quota_ids.balance_state",
        "service_quota_ids.unit",
        "service_quota_ids.active",
    )
    def _compute_service_balance(self):
        units = dict(self.env["service.quota"]._fields["unit"].selection)
        for contract in self:
            quotas = contract.service_quota_ids.filtered("active")
            contract.service_remaining = (
                ", ".join(
                    f"{quota.remaining:g} {units[quota.unit].lower()}"
                    for quota in quotas
                )
                or False
            )
            states = quotas.mapped("balance_state")
            contract.service_balance_state = (
                min(states, key=STATE_RANK.get) if states else False
            )
