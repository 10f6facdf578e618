from odoo import api, models
from odoo.exceptions import UserError, ValidationError

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
        if session.state in OPEN_STATES:
            session._start_clock(remote_tool)
            session._notify_timer()
        payload = session._timer_payload()
        payload.update(status=status, url=False)
        if access:
            payload["url"] = access.tool_id._render_url(
                access.remote_id, partner.name, session.name
            )
        return payload

    @api.model
    def cli_status(self):
        session = self._current_session()
        payload = session._timer_payload()
        if session:
            payload.update(
                amount=session.preview_amount,
                currency=session.currency_id.name,
                billable=session.preview_quantity,
                covered=session.preview_covered,
                unit=session.product_id.uom_id.name,
            )
        return payload

    @api.model
    def cli_pause(self, session_id=False):
        session = self._cli_session(session_id)
        session.action_pause()
        return session._timer_payload()

    @api.model
    def cli_finish(self, session_id=False):
        session = self._cli_session(session_id)
        session.action_finish()
        return session._timer_payload()

    def _cli_session(self, session_id):
        """The session named by ``session_id`` (one the caller may see), else
        the caller's current one. An unknown id is an error, never another
        session."""
        if session_id:
            session = self.search([("id", "=", session_id)])
            if not session:
                raise UserError(
                    self.env._(
                        "There is no session %(session)s of yours.",
                        session=session_id,
                    )
                )
            return session
        session = self._current_session()
        if not session:
            raise UserError(self.env._("You have no running or paused session."))
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
