from odoo import api, fields, models

from .service_quota import BALANCE_STATES

# The contract shows its most pressing quota: a live one before one to come,
# one to come before an ended one.
STATE_RANK = {"exhausted": 0, "low": 1, "ok": 2, "not_started": 3, "expired": 4}


class ContractContract(models.Model):
    _inherit = "contract.contract"

    service_quota_ids = fields.One2many(
        "service.quota", "contract_id", string="Quotas", context={"active_test": False}
    )
    service_remaining = fields.Char(
        string="Remaining quota",
        compute="_compute_service_balance",
        store=True,
        help="What is left of each quota in its current period (quotas that "
        "ended are left out).",
    )
    service_balance_state = fields.Selection(
        BALANCE_STATES,
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
                    if quota.balance_state not in ("expired", False)
                )
                or False
            )
            states = [state for state in quotas.mapped("balance_state") if state]
            contract.service_balance_state = (
                min(states, key=STATE_RANK.get) if states else False
            )
