from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from .service_quota import BALANCE_STATES

# The contract shows its most pressing quota: a live one before one to come,
# one to come before an ended one.
STATE_RANK = {"exhausted": 0, "low": 1, "ok": 2, "not_started": 3, "expired": 4}


class ContractContract(models.Model):
    _inherit = "contract.contract"

    service_quota_ids = fields.One2many(
        "service.quota", "contract_id", string="Quotas", context={"active_test": False}
    )
    # Neither is stored: they change as work is billed, and a stored value
    # would rewrite the contract row then, serialising billing with whatever
    # else writes contracts (OCA's invoicing cron failed so on a multi-worker
    # server while technicians billed; a manager saving the form).
    service_remaining = fields.Char(
        string="Remaining quota",
        compute="_compute_service_balance",
        help="What is left of each quota in its current period (quotas that "
        "ended are left out).",
    )
    service_balance_state = fields.Selection(
        BALANCE_STATES,
        string="Quota balance",
        compute="_compute_service_balance",
        search="_search_service_balance_state",
    )

    def _service_quota_balances(self):
        """{contract id: [(remaining, unit, balance state)]} of the active
        quotas of ``self``, in their order: one query for a whole list."""
        found = defaultdict(list)
        stored = self.filtered("id")
        if stored:
            quotas = self.env["service.quota"].search_fetch(
                [("contract_id", "in", stored.ids), ("active", "=", True)],
                ["contract_id", "remaining", "unit", "balance_state"],
            )  # in the quotas' order: contract, sequence
            for quota in quotas:
                found[quota.contract_id.id].append(
                    (quota.remaining, quota.unit, quota.balance_state)
                )
        for contract in self - stored:  # a contract being edited: its cache
            for quota in contract.service_quota_ids.filtered("active"):
                found[contract.id].append(
                    (quota.remaining, quota.unit, quota.balance_state)
                )
        return found

    @api.depends(
        "service_quota_ids.remaining",
        "service_quota_ids.balance_state",
        "service_quota_ids.unit",
        "service_quota_ids.active",
    )
    def _compute_service_balance(self):
        units = dict(self.env["service.quota"]._fields["unit"].selection)
        balances = self._service_quota_balances()
        for contract in self:
            mine = balances[contract.id]
            contract.service_remaining = (
                ", ".join(
                    f"{remaining:g} {units[unit].lower()}"
                    for remaining, unit, state in mine
                    if state not in ("expired", False)
                )
                or False
            )
            states = [state for __, __, state in mine if state]
            contract.service_balance_state = (
                min(states, key=STATE_RANK.get) if states else False
            )

    def _search_service_balance_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(
                self.env._(
                    "Quota balance cannot be searched with %(operator)s.",
                    operator=operator,
                )
            )
        values = set(value) if isinstance(value, list | tuple) else {value}
        states = defaultdict(list)
        for contract, state in self.env["service.quota"]._read_group(
            [("active", "=", True), ("balance_state", "!=", False)],
            ["contract_id", "balance_state"],
        ):
            states[contract.id].append(state)
        matching = [
            contract_id
            for contract_id, found in states.items()
            if min(found, key=STATE_RANK.get) in values
        ]
        domain = [("id", "in", matching)]
        if False in values:  # no quota with a balance
            domain = ["|", ("id", "in", matching), ("id", "not in", list(states))]
        if operator in ("!=", "not in"):
            domain = ["!", *domain]
        return domain
