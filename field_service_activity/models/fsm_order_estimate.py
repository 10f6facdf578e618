from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount

MANAGER = "service_contract_quota.group_service_manager"
# Written only through sending and answering the estimate.
ESTIMATE_FIELDS = {
    "service_estimate_state",
    "service_estimate_by",
    "service_estimate_on",
}
# What the customer's answer is about.
PLANNED_FIELDS = {"line_kind", "product_id", "planned_qty", "price_unit"}


class FsmOrder(models.Model):
    """The cost estimate of an activity's planned lines: a service manager
    sends it, the customer accepts or refuses it once on the portal. The work
    does not wait for the answer; a refused estimate is shown on the form."""

    _name = "fsm.order"
    _inherit = ["fsm.order", "portal.mixin"]

    service_estimate_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Estimate currency"
    )
    service_estimate_total = fields.Monetary(
        string="Estimate total",
        currency_field="service_estimate_currency_id",
        compute="_compute_service_estimate_total",
        store=True,
        help="Planned quantities at their estimated prices, taxes excluded.",
    )

    @api.depends("service_line_ids.estimate_subtotal")
    def _compute_service_estimate_total(self):
        for order in self:
            order.service_estimate_total = sum(
                order.service_line_ids.mapped("estimate_subtotal")
            )

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for order in self:
            order.access_url = f"/my/field-activities/{order.id}"
        return result

    def write(self, vals):
        if not self.env.su and set(vals) & ESTIMATE_FIELDS:
            raise UserError(
                self.env._(
                    "A cost estimate is sent with its button and answered by the "
                    "customer on the portal; it cannot be set by hand."
                )
            )
        return super().write(vals)

    def action_service_send_estimate(self):
        """E-mail the estimate to the customer, who answers it on the portal."""
        if not self.env.user.has_group(MANAGER):
            raise UserError(self.env._("Only service managers send cost estimates."))
        for order in self:
            if not order.service_partner_id:
                raise UserError(
                    self.env._(
                        "Activity %(activity)s has no customer to send the "
                        "estimate to.",
                        activity=order.name,
                    )
                )
            if not order.service_line_ids.filtered("planned_qty"):
                raise UserError(
                    self.env._(
                        "Plan the parts, materials or labour of %(activity)s "
                        "before sending its estimate.",
                        activity=order.name,
                    )
                )
            if order.service_estimate_state == "accepted":
                raise UserError(
                    self.env._(
                        "The customer already accepted the estimate of "
                        "%(activity)s; change its planned lines to send a new one.",
                        activity=order.name,
                    )
                )
        self._service_send_estimate()
        return True

    def _service_send_estimate(self):
        self.sudo().write(
            {
                "service_estimate_state": "sent",
                "service_estimate_by": False,
                "service_estimate_on": False,
            }
        )
        template = self.env.ref(
            "field_service_activity.mail_template_activity_estimate"
        )
        for order in self:
            order._portal_ensure_token()
            order.message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )

    def _service_answer_estimate(self, accept, signer):
        """Record the customer's answer (``accept`` True or False) given by
        ``signer`` (a name). Called by the portal once it checked the
        customer's access; an estimate is answered once."""
        self.ensure_one()
        signer = (signer or "").strip()
        if not signer:
            raise UserError(self.env._("Enter your name to answer the estimate."))
        # Lock the row: a concurrent answer waits, then fails to serialize and
        # is retried, and sees this one.
        self.env.cr.execute(
            SQL("SELECT id FROM fsm_order WHERE id = %s FOR NO KEY UPDATE", self.id)
        )
        self.invalidate_recordset(["service_estimate_state"])
        if self.service_estimate_state != "sent":
            raise UserError(
                self.env._(
                    "This estimate is not waiting for an answer (it was already "
                    "answered or withdrawn)."
                )
            )
        self.sudo().write(
            {
                "service_estimate_state": "accepted" if accept else "refused",
                "service_estimate_by": signer,
                "service_estimate_on": fields.Datetime.now(),
            }
        )
        if accept:
            body = self.env._(
                "Estimate of %(amount)s accepted by %(signer)s.",
                amount=self._service_estimate_amount(),
                signer=signer,
            )
        else:
            body = self.env._(
                "Estimate of %(amount)s refused by %(signer)s.",
                amount=self._service_estimate_amount(),
                signer=signer,
            )
        self.sudo().message_post(body=body, subtype_xmlid="mail.mt_comment")

    def _service_estimate_amount(self):
        return format_amount(
            self.env, self.service_estimate_total, self.service_estimate_currency_id
        )

    def _service_estimate_changed(self):
        """Planned lines of an accepted estimate changed: it goes back to the
        customer."""
        accepted = self.filtered(lambda o: o.service_estimate_state == "accepted")
        for order in accepted:
            order.message_post(
                body=self.env._(
                    "The planned lines changed after %(signer)s accepted the "
                    "estimate: it was sent again and waits for the customer's "
                    "answer.",
                    signer=order.service_estimate_by,
                )
            )
        accepted._service_send_estimate()


class FsmOrderServiceLine(models.Model):
    _inherit = "fsm.order.service.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.filtered("planned_qty").order_id._service_estimate_changed()
        return lines

    def write(self, vals):
        if not set(vals) & PLANNED_FIELDS:
            return super().write(vals)
        before = {
            line: tuple(line[name] for name in sorted(PLANNED_FIELDS)) for line in self
        }
        result = super().write(vals)
        changed = self.filtered(
            lambda line: tuple(line[name] for name in sorted(PLANNED_FIELDS))
            != before[line]
        )
        changed.order_id._service_estimate_changed()
        return result

    def unlink(self):
        orders = self.filtered("planned_qty").order_id
        result = super().unlink()
        orders.exists()._service_estimate_changed()
        return result
