from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


def order_documents(order):
    """[(name, portal url)] of a sale order that billed service work and of its
    posted invoices; none when the order was cancelled or deleted (``order``
    is read with sudo: the caller checked the customer's access to the work)."""
    order = order.exists() if order else order
    if not order or order.state == "cancel":
        return []
    documents = [(order.name, order.get_portal_url())]
    invoices = order.invoice_ids.filtered(
        lambda move: move.state == "posted" and move.move_type == "out_invoice"
    )
    documents += [(invoice.name, invoice.get_portal_url()) for invoice in invoices]
    return documents


class QuotaPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "quota_count" in counters:
            quota = request.env["service.quota"]
            values["quota_count"] = (
                quota.search_count([]) if quota.has_access("read") else 0
            )
        return values

    def _quota_states(self):
        return dict(
            request.env["service.quota"]
            ._fields["balance_state"]
            ._description_selection(request.env)
        )

    @http.route(["/my/quotas"], type="http", auth="user", website=True)
    def portal_my_quotas(self, **kw):
        """The customer's quotas (record rules keep other customers' out)."""
        quotas = request.env["service.quota"].search([])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "quotas": quotas,
                "states": self._quota_states(),
                "page_name": "service_quotas",
            }
        )
        return request.render("service_contract_quota.portal_my_quotas", values)

    @http.route(["/my/quotas/<int:quota_id>"], type="http", auth="user", website=True)
    def portal_my_quota(self, quota_id, **kw):
        try:
            quota = self._document_check_access("service.quota", quota_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        moves = quota._portal_moves()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "quota": quota,
                "allowance": quota._portal_allowance(),
                "states": self._quota_states(),
                "moves": moves,
                "documents": {
                    move.id: order_documents(move.sudo().sale_order_id)
                    for move in moves
                },
                "page_name": "service_quota",
            }
        )
        return request.render("service_contract_quota.portal_my_quota", values)
