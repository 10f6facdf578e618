from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class QuotaPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "quota_count" in counters:
            quota = request.env["service.quota"]
            values["quota_count"] = (
                quota.search_count([]) if quota.has_access("read") else 0
            )
        return values

    @http.route(["/my/quotas"], type="http", auth="user", website=True)
    def portal_my_quotas(self, **kw):
        """The customer's quotas (record rules keep other customers' out)."""
        quotas = request.env["service.quota"].search([])
        values = self._prepare_portal_layout_values()
        values.update({"quotas": quotas, "page_name": "service_quotas"})
        return request.render("service_contract_quota.portal_my_quotas", values)

    @http.route(["/my/quotas/<int:quota_id>"], type="http", auth="user", website=True)
    def portal_my_quota(self, quota_id, **kw):
        try:
            quota = self._document_check_access("service.quota", quota_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        moves = quota.move_ids.filtered(
            lambda move: move.partner_id == quota.partner_id
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {"quota": quota, "moves": moves[:200], "page_name": "service_quota"}
        )
        return request.render("service_contract_quota.portal_my_quota", values)
