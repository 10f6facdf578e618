from odoo import api, fields, models

from .res_company_invoicing import INVOICING_POLICIES


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_invoicing_policy = fields.Selection(
        INVOICING_POLICIES,
        string="Invoicing of service work",
        help="Leave empty to follow the company's setting. Set on the company "
        "(commercial partner): its contacts follow it.",
    )
    service_invoicing_effective = fields.Selection(
        INVOICING_POLICIES,
        string="Service invoicing",
        compute="_compute_service_invoicing_effective",
        help="How this customer's service work is invoiced in the current company.",
    )

    @api.depends(
        "service_invoicing_policy", "commercial_partner_id.service_invoicing_policy"
    )
    @api.depends_context("company")
    def _compute_service_invoicing_effective(self):
        for partner in self:
            partner.service_invoicing_effective = partner._service_invoicing_policy(
                self.env.company
            )

    def _service_invoicing_policy(self, company):
        """``per_order`` or ``statement`` for this customer in ``company``."""
        self.ensure_one()
        return (
            self.commercial_partner_id.service_invoicing_policy
            or company.service_invoicing_policy
            or "per_order"
        )

    def _service_on_statement(self, company):
        return self._service_invoicing_policy(company) == "statement"
