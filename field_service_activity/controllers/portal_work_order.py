from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request


class PortalWorkOrder(http.Controller):
    @http.route(
        "/my/field-activities/<int:order_id>/work-order",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def portal_field_activity_work_order(self, order_id, download=False, **kw):
        """The signed work order PDF of an activity, as the customer received
        it: for the activity's customer (any contact of the company) or an
        employee who may read the activity. Anyone else gets a 404, whether
        the activity exists or not."""
        order_sudo = request.env["fsm.order"].sudo().browse(order_id).exists()
        if not order_sudo or not order_sudo.service_work_order_id:
            raise NotFound()
        if not self._work_order_allowed(order_sudo):
            raise NotFound()
        attachment = order_sudo.service_work_order_id
        disposition = "attachment" if download else "inline"
        return request.make_response(
            attachment.raw,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", str(len(attachment.raw))),
                (
                    "Content-Disposition",
                    content_disposition(attachment.name, disposition),
                ),
                ("X-Content-Type-Options", "nosniff"),
                ("Cache-Control", "private, no-store"),
            ],
        )

    def _work_order_allowed(self, order_sudo):
        user = request.env.user
        customer = order_sudo.service_partner_id.commercial_partner_id
        if customer and user.partner_id.commercial_partner_id == customer:
            return True
        if user.share:
            return False
        try:
            order_sudo.with_user(user).check_access("read")
        except AccessError:
            return False
        return True
