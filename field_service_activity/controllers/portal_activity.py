from urllib.parse import urlencode

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.service_contract_quota.controllers.portal import order_documents

PAGE_SIZE = 20
# Once signed, the work order PDF exists (served by the work report's route).
SIGNED_STATES = ("done", "approved", "invoiced")


class ActivityPortal(CustomerPortal):
    """The customer's service activities: status, date, technician, equipment,
    the planned lines with their cost estimate to accept or refuse, and the
    documents (signed work order, invoices). Record rules keep other
    customers' activities out; a token from the estimate e-mail opens one."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "field_activity_count" in counters:
            orders = request.env["fsm.order"]
            values["field_activity_count"] = (
                orders.search_count([]) if orders.has_access("read") else 0
            )
        return values

    def _activity_labels(self, name):
        return dict(
            request.env["fsm.order"]._fields[name]._description_selection(request.env)
        )

    def _activity_values(self, order_sudo, access_token=None, **kw):
        signed = order_sudo.service_state in SIGNED_STATES or bool(order_sudo.signature)
        work_order_url = False
        if signed:
            work_order_url = f"/my/field-activities/{order_sudo.id}/work-order"
            if access_token:
                work_order_url += f"?access_token={access_token}"
        return {
            "activity": order_sudo,
            "lines": order_sudo.service_line_ids.filtered("planned_qty"),
            "states": self._activity_labels("service_state"),
            "kinds": self._activity_labels("service_kind"),
            "estimate_states": self._activity_labels("service_estimate_state"),
            "line_kinds": dict(
                request.env["fsm.order.service.line"]
                ._fields["line_kind"]
                ._description_selection(request.env)
            ),
            "work_order_url": work_order_url,
            "documents": order_documents(order_sudo.service_sale_order_id),
            "access_token": access_token,
            "estimate_message": kw.get("estimate_message"),
            "estimate_error": kw.get("estimate_error"),
            "page_name": "field_activity",
        }

    @http.route(
        ["/my/field-activities", "/my/field-activities/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_field_activities(self, page=1, **kw):
        orders = request.env["fsm.order"]
        domain = []
        total = orders.search_count(domain) if orders.has_access("read") else 0
        pager = portal_pager(
            url="/my/field-activities",
            total=total,
            page=page,
            step=PAGE_SIZE,
        )
        activities = (
            orders.search(
                domain,
                order="scheduled_date_start desc, id desc",
                limit=PAGE_SIZE,
                offset=pager["offset"],
            )
            if total
            else orders
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "activities": activities.sudo(),
                "states": self._activity_labels("service_state"),
                "kinds": self._activity_labels("service_kind"),
                "estimate_states": self._activity_labels("service_estimate_state"),
                "pager": pager,
                "page_name": "field_activities",
                "default_url": "/my/field-activities",
            }
        )
        return request.render(
            "field_service_activity.portal_my_field_activities", values
        )

    @http.route(
        ["/my/field-activities/<int:order_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_field_activity(self, order_id, access_token=None, **kw):
        try:
            order_sudo = self._document_check_access(
                "fsm.order", order_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._get_page_view_values(
            order_sudo,
            access_token,
            self._activity_values(order_sudo, access_token, **kw),
            "my_field_activities_history",
            False,
        )
        return request.render("field_service_activity.portal_my_field_activity", values)

    @http.route(
        ["/my/field-activities/<int:order_id>/estimate"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_field_activity_estimate(
        self, order_id, answer=None, signer=None, access_token=None, **kw
    ):
        """Accept or refuse the activity's estimate (POST with the page's CSRF
        token); the customer must be able to open the activity."""
        try:
            order_sudo = self._document_check_access(
                "fsm.order", order_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        query = {"access_token": access_token} if access_token else {}
        if answer not in ("accept", "refuse"):
            query["estimate_error"] = "answer"
        elif not (signer or "").strip():
            query["estimate_error"] = "name"
        else:
            try:
                order_sudo._service_answer_estimate(answer == "accept", signer)
            except UserError:
                query["estimate_error"] = "answered"
            else:
                query["estimate_message"] = answer
        return request.redirect(f"/my/field-activities/{order_id}?{urlencode(query)}")
