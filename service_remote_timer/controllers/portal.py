from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal, pager
from odoo.addons.service_contract_quota.controllers.portal import order_documents

from ..lib.session import format_elapsed


class RemoteSessionPortal(CustomerPortal):
    _sessions_per_page = 50

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "remote_session_count" in counters:
            sessions = request.env["service.remote.session"]
            values["remote_session_count"] = (
                sessions.search_count([("state", "=", "done")])
                if sessions.has_access("read")
                else 0
            )
        return values

    @http.route(
        ["/my/remote-sessions", "/my/remote-sessions/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_remote_sessions(self, page=1, **kw):
        """The customer's finished sessions (record rules keep others' out)."""
        sessions = request.env["service.remote.session"]
        domain = [("state", "=", "done")]
        total = sessions.search_count(domain) if sessions.has_access("read") else 0
        page_pager = pager(
            url="/my/remote-sessions",
            total=total,
            page=page,
            step=self._sessions_per_page,
        )
        found = (
            sessions.search(
                domain,
                order="started_at desc, id desc",
                limit=self._sessions_per_page,
                offset=page_pager["offset"],
            )
            if total
            else sessions
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "sessions": found,
                "billing": {
                    session.id: self._session_billing(session) for session in found
                },
                "pager": page_pager,
                "page_name": "service_remote_sessions",
            }
        )
        return request.render("service_remote_timer.portal_my_remote_sessions", values)

    def _session_billing(self, session):
        """What the customer sees of a session's billing: the time worked,
        the documents that bill it, and why its quantity is what it is. A
        session whose order was cancelled or deleted is not billed (none of
        its time is shown as used). ``session`` was found under the portal
        user's rules; the order, invoices and rule are read with sudo."""
        work = session.sudo()
        documents = order_documents(work.service_sale_order_id)
        rule = work.rounding_rule_id
        reason = False
        if documents and rule:
            reason = rule.explain_quantity(work.closed_seconds, work.service_quantity)
        return {
            "worked": format_elapsed(work.closed_seconds)[:-3],  # h:mm
            "billed": bool(documents),
            "documents": documents,
            "reason": reason,
            "unit": work.service_sale_line_ids.product_uom[:1].name
            or work.product_id.uom_id.name,
        }
