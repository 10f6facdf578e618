from odoo import api, fields, models

from .res_company_invoicing import INVOICING_POLICIES


class ContractContract(models.Model):
    _inherit = "contract.contract"

    service_invoicing_policy = fields.Selection(
        INVOICING_POLICIES,
        string="Invoicing of service work",
        compute="_compute_service_invoicing_policy",
        help="The customer's policy (else the company's). On monthly statement "
        "the contract's periods are invoiced by the monthly statement run, "
        "not by the contract's own recurring invoicing.",
    )

    @api.depends("partner_id.commercial_partner_id.service_invoicing_policy")
    def _compute_service_invoicing_policy(self):
        for contract in self:
            contract.service_invoicing_policy = (
                contract.partner_id._service_invoicing_policy(contract.company_id)
                if contract.partner_id
                else False
            )

    def _service_on_statement(self):
        return self.filtered(
            lambda c: c.contract_type == "sale"
            and c.partner_id
            and c.partner_id._service_on_statement(c.company_id)
        )

    @api.model
    def _cron_recurring_create(self, date_ref=False, create_type="invoice"):
        # OCA's cron leaves the contracts of statement customers to the
        # monthly statement run (one invoice per customer and month).
        return super(
            ContractContract, self.with_context(service_statement_skip=True)
        )._cron_recurring_create(date_ref=date_ref, create_type=create_type)

    def _recurring_create_invoice(self, date_ref=False):
        contracts = self
        if self.env.context.get("service_statement_skip"):
            contracts = self - self._service_on_statement()
        return super(ContractContract, contracts)._recurring_create_invoice(date_ref)
