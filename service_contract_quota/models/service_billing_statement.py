from odoo import models


class ServiceBilling(models.AbstractModel):
    _inherit = "service.billing"

    def _after_billing(self, orders):
        """Orders of customers on monthly statement are confirmed as the
        company says but never invoiced one by one: the statement run does."""
        statement = orders.filtered(
            lambda o: o.partner_id._service_on_statement(o.company_id)
        )
        for company in statement.company_id:
            if company.service_auto_confirm or company.service_auto_invoice:
                statement.filtered(
                    lambda o, c=company: o.company_id == c
                ).action_confirm()
        return super()._after_billing(orders - statement)
