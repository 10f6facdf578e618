from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.account_move_specification import SPECIFICATION_REPORT


class SpecificationPortal(CustomerPortal):
    @http.route(
        ["/my/invoices/<int:invoice_id>/specification"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_invoice_specification(
        self, invoice_id, access_token=None, report_type="pdf", download=False, **kw
    ):
        """The specification of a posted service invoice, for whoever may read
        the invoice on the portal (its customer, or the holder of its token)."""
        try:
            invoice_sudo = self._document_check_access(
                "account.move", invoice_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        attachment = (
            invoice_sudo._service_specification()
            if invoice_sudo.state == "posted"
            else None
        )
        if not attachment:
            return request.redirect("/my")
        if report_type == "html":
            return self._show_report(
                model=invoice_sudo,
                report_type="html",
                report_ref=SPECIFICATION_REPORT,
            )
        # the document as it was attached when the invoice was posted
        content = attachment.raw
        disposition = "attachment" if download else "inline"
        headers = [
            ("Content-Type", attachment.mimetype or "application/pdf"),
            ("Content-Length", len(content)),
            (
                "Content-Disposition",
                http.content_disposition(attachment.name, disposition),
            ),
        ]
        return request.make_response(content, headers)
