from werkzeug.exceptions import BadRequest, NotFound

from odoo import http
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController


class HelpdeskTicketBillingController(HelpdeskTicketController):
    @http.route("/ticket/close", type="http", auth="user", methods=["POST"])
    def support_ticket_close(self, ticket_id=None, stage_id=None, **kw):
        """Move a ticket the user may read to a stage the portal offers for it.

        Replaces helpdesk_mgmt's route, which finds the ticket with ``sudo()``
        and so closes any customer's ticket, even on a plain GET (OCA/helpdesk
        #1089). Here: POST only, with the CSRF token of the portal's form; the
        ticket is searched with the user's record rules (404 when not found);
        the stage must be one of the ticket's close buttons, else nothing moves.
        """
        try:
            ticket_id, stage_id = int(ticket_id), int(stage_id)
        except (TypeError, ValueError) as error:
            raise BadRequest() from error
        ticket = request.env["helpdesk.ticket"].search([("id", "=", ticket_id)])
        if not ticket:
            raise NotFound()
        # The user may read this ticket; moving it is the portal's job (portal
        # users have no write access), on this record only.
        ticket_sudo = ticket.sudo()
        stage = (
            ticket_sudo.team_id._get_applicable_stages()
            .filtered("close_from_portal")
            .filtered(lambda s: s.id == stage_id)
        )
        if stage:
            ticket_sudo.stage_id = stage
        # 302 as helpdesk_mgmt answers (its tests expect it).
        return request.redirect(f"/my/ticket/{ticket.id}", code=302)
