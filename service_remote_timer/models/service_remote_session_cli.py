from odoo import api, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import escape_psql

from .service_remote_session import OPEN_STATES


class ServiceRemoteSession(models.Model):
    _inherit = "service.remote.session"

    # ----------------------------------------------- remote-session helper (RPC)
    @api.model
    def cli_start(self, customer, tool=False, product=False, reference=False):
        """Start or resume the caller's session for ``customer``.

        Returns the timer payload with ``status`` (created, resumed, running,
        or closed: the reference names a finished or cancelled session, whose
        clock does not run again)
        and ``url`` (the tool's link for the customer, or False). With a
        ``reference`` (client idempotency key) the session it names is found
        again, whatever its state, so a re-sent command creates nothing.
        """
        partner = self._cli_customer(customer)
        remote_tool = self._cli_tool(tool) if tool else self.env["service.remote.tool"]
        access = partner.service_remote_access_ids.filtered(
            lambda a: a.tool_id == remote_tool
        )[:1]
        if remote_tool and not access:
            raise UserError(
                self.env._(
                    "%(customer)s has no %(tool)s ID: add it on the customer's "
                    "Remote Access tab, or start without a tool.",
                    customer=partner.display_name,
                    tool=remote_tool.name,
                )
            )
        session = self.browse()
        if reference:
            session = self.search(
                [("user_id", "=", self.env.uid), ("client_reference", "=", reference)],
                limit=1,
            )
            if session and session.commercial_partner_id != partner:
                raise ValidationError(
                    self.env._(
                        "Reference %(reference)s names session %(session)s of "
                        "another customer.",
                        reference=reference,
                        session=session.name,
                    )
                )
        if not session:
            session = self.search(
                [
                    ("user_id", "=", self.env.uid),
                    ("commercial_partner_id", "=", partner.id),
                    ("state", "in", OPEN_STATES),
                ],
                order="write_date desc, id desc",
                limit=1,
            )
        if session and session.state not in OPEN_STATES:
            status = "closed"  # the reference names a finished or cancelled one
        elif session:
            status = "running" if session.state == "running" else "resumed"
            if product:  # the technician names the service: the open session bills it
                session.product_id = self._cli_product(product)
        else:
            vals = {"partner_id": partner.id, "client_reference": reference or False}
            if product:
                vals["product_id"] = self._cli_product(product).id
            session = self.create(vals)
            status = "created"
        paused = self.browse()
        if session.state in OPEN_STATES:
            if session.state != "running":  # starting it pauses the running one
                paused = self.sudo().search(
                    [("user_id", "=", session.user_id.id), ("state", "=", "running")]
                )
            session._start_clock(remote_tool)
            session._notify_timer()
        payload = session._timer_payload()
        payload.update(
            status=status,
            url=False,
            paused_sessions=[other._timer_payload() for other in paused],
        )
        if access:
            payload["url"] = access.tool_id._render_url(
                access.remote_id, partner.name, session.name
            )
        return payload

    @api.model
    def cli_status(self, session_id=False):
        """The named session, else the caller's running (else last paused) one,
        with what billing it now gives."""
        session = (
            self._cli_session(session_id) if session_id else self._current_session()
        )
        payload = session._timer_payload()
        if session:
            payload.update(session._cli_figures())
        return payload

    @api.model
    def cli_pause(self, session_id=False):
        """Pause the session; ``status`` says whether it ran (paused), was
        already paused, or never started (not_started): nothing to pause."""
        session = self._cli_session(session_id)
        status = {"running": "paused", "draft": "not_started"}.get(
            session.state, "already_paused"
        )
        session.action_pause()
        return dict(session._timer_payload(), status=status)

    @api.model
    def cli_finish(self, session_id=False):
        """Finish and bill the session; the payload carries what was billed."""
        session = self._cli_session(session_id)
        session.action_finish()
        session.invalidate_recordset()
        return dict(session._timer_payload(), **session._cli_figures())

    def _cli_figures(self):
        """Billable quantity, covered part and amount: the preview of open work,
        the order's figures once billed."""
        self.ensure_one()
        return {
            "amount": self.preview_amount,
            "currency": self.currency_id.name,
            "billable": self.preview_quantity,
            "covered": self.preview_covered,
            "unit": self.preview_uom_id.name or self.product_id.uom_id.name,
        }

    def _cli_session(self, session_id):
        """The session named by ``session_id``, its id or its reference
        (RS/2026/00007), among those the caller may see; else the caller's
        current one. An unknown one is an error, never another session."""
        if not session_id:
            session = self._current_session()
            if not session:
                raise UserError(self.env._("You have no running or paused session."))
            return session
        text = str(session_id).strip()
        if isinstance(session_id, bool) or not text:
            raise ValidationError(
                self.env._("Name the session by its reference or its id.")
            )
        if text.isdigit():
            session = self.search([("id", "=", int(text))])
        else:
            session = self.search([("name", "=", text)]) or self.search(
                [("name", "=ilike", escape_psql(text))]
            )
        if not session:
            raise UserError(
                self.env._("There is no session %(session)s of yours.", session=text)
            )
        if len(session) > 1:
            raise UserError(
                self.env._(
                    "Several sessions are named %(session)s: give the id of one "
                    "(%(ids)s).",
                    session=text,
                    ids=", ".join(str(i) for i in session.ids),
                )
            )
        return session

    def _cli_customer(self, customer):
        partners = self.env["res.partner"]
        text = str(customer or "").strip()
        if not text:
            raise ValidationError(self.env._("Name the customer."))
        found = partners.search([("name", "=ilike", text)], limit=6)
        if not found and text.isdigit():
            found = partners.browse(int(text)).exists()
        if not found:
            found = partners.search([("name", "ilike", text)], limit=6)
        found = found.commercial_partner_id
        if not found:
            raise ValidationError(
                self.env._("No customer matches %(customer)s.", customer=text)
            )
        if len(found) > 1:
            raise ValidationError(
                self.env._(
                    "Several customers match %(customer)s: %(names)s.",
                    customer=text,
                    names=", ".join(found[:5].mapped("display_name")),
                )
            )
        return found

    def _cli_tool(self, tool):
        tools = self.env["service.remote.tool"]
        found = tools.search([("name", "=ilike", tool)], limit=1) or tools.search(
            [("name", "ilike", tool)], limit=2
        )
        if len(found) != 1:
            known = ", ".join(tools.search([]).mapped("name"))
            raise ValidationError(
                self.env._(
                    "Unknown remote tool %(tool)s (known: %(known)s).",
                    tool=tool,
                    known=known,
                )
            )
        return found

    def _cli_product(self, product):
        products = self.env["product.product"]
        domain = [("type", "=", "service"), ("sale_ok", "=", True)]
        found = products.search(
            [
                *domain,
                "|",
                ("default_code", "=ilike", product),
                ("name", "=ilike", product),
            ],
            limit=2,
        )
        if len(found) != 1:
            raise ValidationError(
                self.env._("No single service matches %(product)s.", product=product)
            )
        return found
