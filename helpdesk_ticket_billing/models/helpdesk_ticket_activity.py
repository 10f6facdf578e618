from datetime import timedelta

from odoo import api, fields, models
from odoo.osv import expression

CLOSE_BATCH = 100  # silent tickets closed per cron call

WAITING_ON = [("us", "Waiting on us"), ("customer", "Waiting on the customer")]


class HelpdeskTicket(models.Model):
    """Keeping tickets alive: whose move it is (who wrote last in the chatter,
    and the stage), silent customers' tickets closing themselves politely,
    and a customer's reply bringing them back."""

    _inherit = "helpdesk.ticket"

    last_customer_message_date = fields.Datetime(
        string="Customer last wrote", readonly=True, copy=False
    )
    last_staff_message_date = fields.Datetime(
        string="We last wrote", readonly=True, copy=False
    )
    waiting_on = fields.Selection(
        WAITING_ON,
        string="Whose move",
        compute="_compute_waiting_on",
        store=True,
        index="btree_not_null",
        help="Waiting on the customer when the ticket is in a stage waiting for "
        "them or we wrote last; waiting on us otherwise. Empty once closed.",
    )
    waiting_since = fields.Datetime(compute="_compute_waiting_on", store=True)
    auto_closed = fields.Boolean(
        string="Closed for silence",
        readonly=True,
        copy=False,
        help="Closed because the customer did not answer; their reply reopens it.",
    )

    @api.depends(
        "stage_id.closed",
        "stage_id.waiting_customer",
        "last_stage_update",
        "last_customer_message_date",
        "last_staff_message_date",
    )
    def _compute_waiting_on(self):
        for ticket in self:
            if ticket.stage_id.closed:
                ticket.waiting_on = ticket.waiting_since = False
                continue
            ours = [ticket.last_staff_message_date]
            if ticket.stage_id.waiting_customer:
                ours.append(ticket.last_stage_update or ticket.create_date)
            ours = max(filter(None, ours), default=False)
            theirs = ticket.last_customer_message_date
            if ours and (not theirs or ours > theirs):
                ticket.waiting_on, ticket.waiting_since = "customer", ours
            else:
                since = theirs or ticket.sla_start_date or ticket.create_date
                ticket.waiting_on, ticket.waiting_since = "us", since

    # ------------------------------------------------------------ messages

    def _message_post_after_hook(self, message, msg_values):
        result = super()._message_post_after_hook(message, msg_values)
        side = self._sla_message_side(message)
        if side:
            self._sla_message_written(side)
        return result

    def _sla_message_side(self, message):
        """'staff' or 'customer' for a message to the other side (a staff
        message or a customer's e-mail or portal message); None for internal
        notes and notifications."""
        if message.message_type not in ("comment", "email"):
            return None
        if not message.subtype_id or message.subtype_id.internal:
            return None
        author = message.sudo().author_id
        users = author.with_context(active_test=False).user_ids
        if author and any(user._is_internal() for user in users):
            return "staff"
        return "customer"

    def _sla_message_written(self, side):
        self.ensure_one()
        now = fields.Datetime.now()
        # Bookkeeping of the thread, for any author (portal users, the mail
        # gateway): this ticket only.
        ticket = self.sudo()
        if side == "staff":
            ticket.write({"last_staff_message_date": now})
            ticket._sla_record_response(now)
            return
        ticket.write({"last_customer_message_date": now})
        if (ticket.auto_closed and ticket.stage_id.closed) or (
            ticket.stage_id.waiting_customer
        ):
            ticket._sla_reopen()

    def _sla_reopen(self):
        """The customer wrote on a ticket waiting on them or closed for their
        silence: it goes back to the team."""
        for ticket in self:
            stage = ticket.team_id._sla_reopen_stage()
            if not stage:
                continue
            vals = {"stage_id": stage.id, "auto_closed": False}
            if ticket.stage_id.closed:
                vals["closed_date"] = False
            ticket.sudo().with_context(sla_not_a_response=True).write(vals)

    # ------------------------------------------------------------ silence

    @api.model
    def _cron_close_silent_tickets(self):
        """Close tickets waiting on a silent customer for the team's number
        of days, with a polite message; a batch per call."""
        now = fields.Datetime.now()
        teams = self.env["helpdesk.ticket.team"].search([("auto_close_days", ">", 0)])
        # only teams that can close: others' tickets would be counted forever
        teams = teams.filtered(lambda team: team._sla_closing_stage())
        if not teams:
            return
        domain = expression.AND(
            [
                [("waiting_on", "=", "customer")],
                expression.OR(
                    [
                        [
                            ("team_id", "=", team.id),
                            (
                                "waiting_since",
                                "<=",
                                now - timedelta(days=team.auto_close_days),
                            ),
                        ]
                        for team in teams
                    ]
                ),
            ]
        )
        tickets = self.search(domain, limit=CLOSE_BATCH, order="waiting_since, id")
        tickets._sla_close_silent()
        self.env["ir.cron"]._notify_progress(
            done=len(tickets), remaining=self.search_count(domain)
        )

    def _sla_close_silent(self):
        template = self.env.ref("helpdesk_ticket_billing.mail_template_ticket_silent")
        for ticket in self:
            stage = ticket.team_id._sla_closing_stage()
            if not stage:
                continue
            ticket.sudo().with_context(sla_not_a_response=True).write(
                {"stage_id": stage.id, "auto_closed": True}
            )
            ticket.message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )

    def _track_template(self, changes):
        """A ticket closed for silence has its own message to the customer:
        no stage e-mail on top of it."""
        result = super()._track_template(changes)
        if self[:1].auto_closed:
            result.pop("stage_id", None)
        return result
