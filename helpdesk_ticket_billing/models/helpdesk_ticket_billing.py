import logging
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

RUN_BATCH = 50  # customers per engine call and per commit in the cron


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    # ----------------------------------------------------------- one ticket
    def _service_timesheet_rows(self):
        """(ticket id, timesheet id, hours) of the timesheets with time of
        these tickets, in one query whatever their number."""
        self.env["account.analytic.line"].flush_model(["ticket_id", "unit_amount"])
        self.env.cr.execute(
            SQL(
                "SELECT ticket_id, id, unit_amount FROM account_analytic_line "
                "WHERE ticket_id = ANY(%s) AND unit_amount > 0 ORDER BY id",
                self.ids,
            )
        )
        return self.env.cr.fetchall()

    def _service_timesheet_hours(self):
        """{ticket id: [hours of each of its timesheets with time]} for these
        tickets, in one query whatever their number."""
        hours = {ticket.id: [] for ticket in self}
        for ticket_id, _line_id, amount in self._service_timesheet_rows():
            hours[ticket_id].append(amount)
        return hours

    def _service_billing_item(self, hours=None):
        """The engine item of this ticket: the ``hours`` of its timesheets
        (default: read now; the rule rounds each entry or their total), or
        one incident for a product not sold by time. The ticket is the source
        the engine claims: its timesheets are billed with it and locked by
        the ticket's claim and their link to the order line (no other path
        bills a timesheet on its own)."""
        self.ensure_one()
        product = self.service_product_id
        if hours is None:
            hours = self._service_timesheet_hours()[self.id]
        item = {
            "partner_id": (self.partner_id or self.commercial_partner_id).id,
            "product_id": product.id,
            "date": self._service_day(),
            "description": f"{self.number} {self.name}",
            "source": self,
            "company_id": self.company_id.id,
        }
        if product.product_tmpl_id._service_sold_by_time():
            item["seconds"] = [round(entry * 3600) for entry in hours]
        else:
            item["quantity"] = 1.0  # one ticket, one incident
        if self.service_quota_manual:
            item["quota_id"] = self.service_quota_id.id
        return item

    def _service_check_billable(self, hours):
        for ticket in self:
            problem = ticket._service_problem(hours[ticket.id])
            if problem:
                raise ValidationError(problem)

    def _service_problem(self, hours):
        """Why this ticket cannot be billed now (a sentence), or None."""
        self.ensure_one()
        problem = None
        if not self.service_billable:
            problem = self.env._("Ticket %(ticket)s is not billable.")
        elif not self.closed:
            problem = self.env._("Close ticket %(ticket)s before billing it.")
        elif not self.commercial_partner_id:
            problem = self.env._("Ticket %(ticket)s has no customer to bill.")
        elif not self.service_product_id:
            problem = self.env._(
                "Ticket %(ticket)s has no service to bill: set one on the "
                "ticket or its team."
            )
        elif (
            self.service_product_id.product_tmpl_id._service_sold_by_time()
            and not hours
        ):
            problem = self.env._("Ticket %(ticket)s has no time to bill.")
        return problem and problem % {"ticket": self.display_name}

    def action_service_bill(self):
        """*Bill now*: bill these closed tickets through the engine and open
        the order. Billing again returns the same lines."""
        self.check_access("write")
        todo = self.filtered(lambda t: not t.service_billed)
        hours = todo._service_timesheet_hours()
        todo._service_check_billable(hours)
        if todo:
            self.env["service.billing"].sudo().bill(
                [ticket._service_billing_item(hours[ticket.id]) for ticket in todo]
            )
        orders = self.service_sale_order_id
        action = {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "name": self.env._("Sale orders"),
        }
        if len(orders) == 1:
            return dict(action, res_id=orders.id, views=[(False, "form")])
        return dict(
            action,
            domain=[("id", "in", orders.ids)],
            views=[(False, "list"), (False, "form")],
        )

    # ------------------------------------------------------------- hooks
    def _service_billing_billed(self, lines):
        """Link the tickets' timesheets to the order line that bills them, as
        Odoo links the timesheets it bills. The ticket shows its order and
        billed figures; no note per ticket (a run bills thousands)."""
        first_line = {}
        for line in lines.sorted("sequence"):
            if line.service_source_model == self._name:
                first_line.setdefault(line.service_source_id, line.id)
        self.env["account.analytic.line"]._service_link_sale_lines(
            {
                timesheet_id: first_line[ticket_id]
                for ticket_id, timesheet_id, _hours in self._service_timesheet_rows()
                if ticket_id in first_line
            }
        )

    def _service_billing_released(self, lines):
        # only the entries the released lines billed (others keep their links)
        timesheets = (
            self.sudo()
            .timesheet_ids.filtered(lambda ts: ts.so_line in lines)
            .with_context(service_billing=True)
        )
        vals = {"so_line": False}
        if "is_so_line_edited" in timesheets._fields:
            vals["is_so_line_edited"] = False
        timesheets.write(vals)
        body = self.env._(
            "Its billing was undone (%(order)s): the ticket may be corrected and "
            "billed again.",
            order=", ".join(lines.order_id.mapped("name")),
        )
        self._message_log_batch(bodies=dict.fromkeys(self.ids, body))

    # ------------------------------------------------------------ the run
    @api.model
    def _service_run_domain(self, date_from, date_to, partners=None):
        start = fields.Datetime.to_datetime(date_from)
        end = fields.Datetime.to_datetime(date_to + timedelta(days=1))
        domain = [
            ("service_billable", "=", True),
            ("service_billed", "=", False),
            ("closed", "=", True),
            ("closed_date", ">=", start),
            ("closed_date", "<", end),
            ("service_product_id", "!=", False),
            ("commercial_partner_id", "!=", False),
        ]
        if partners:
            domain.append(("commercial_partner_id", "in", partners.ids))
        return domain

    @api.model
    def _service_billing_run(
        self, date_from, date_to, partners=None, commit=False, batch=None
    ):
        """Bill every unbilled billable ticket closed from ``date_from`` to
        ``date_to`` (included): one order per customer with a line per ticket.
        Idempotent: a ticket billed before (another run, *Bill now*) is
        skipped by the engine's claims.

        With ``commit`` (the cron) the customers are billed ``batch`` at a
        time (default RUN_BATCH), each batch committed and the cron's progress
        reported, so an interrupted run resumes where it stopped. In one
        transaction (the wizard) they are billed in one engine call unless
        ``batch`` says otherwise. Returns the sale orders made."""
        tickets = self.sudo().search(
            self._service_run_domain(date_from, date_to, partners),
            order="commercial_partner_id, closed_date, id",
        )
        by_customer = defaultdict(lambda: self.browse())
        for ticket in tickets:
            by_customer[ticket.commercial_partner_id] |= ticket
        customers = list(by_customer)
        orders = self.env["sale.order"]
        size = batch or (RUN_BATCH if commit else max(len(customers), 1))
        for start in range(0, len(customers), size):
            group = customers[start : start + size]
            orders |= self._service_bill_customers(group, by_customer)
            if commit:
                # The cron commits each batch (Odoo 18 _notify_progress): an
                # interrupted run resumes after the last batch billed.
                self.env.cr.commit()  # pylint: disable=invalid-commit
                self.env["ir.cron"]._notify_progress(
                    done=start + len(group),
                    remaining=len(customers) - start - len(group),
                )
        return orders

    @api.model
    def _service_bill_customers(self, customers, by_customer):
        """Bill the tickets of ``customers`` in one call; a customer whose data
        the engine refuses is billed apart, and told in its chatter."""
        engine = self.env["service.billing"].sudo()

        def items_of(group):
            tickets = self.browse(
                [t.id for customer in group for t in by_customer[customer]]
            ).sudo()
            hours = tickets._service_timesheet_hours()
            items = []
            for ticket in tickets:
                if not ticket._service_problem(hours[ticket.id]):
                    items.append(ticket._service_billing_item(hours[ticket.id]))
            return items

        orders = self.env["sale.order"]
        items = items_of(customers)
        if not items:
            return orders
        try:
            with self.env.cr.savepoint():
                return engine.bill(items).order_id
        except (UserError, ValidationError):
            _logger.info("Ticket billing batch refused, billing its customers apart")
        for customer in customers:
            items = items_of([customer])
            if not items:
                continue
            try:
                with self.env.cr.savepoint():
                    orders |= engine.bill(items).order_id
            except (UserError, ValidationError) as error:
                _logger.info("Ticket billing of %s refused: %s", customer.name, error)
                customer.sudo().message_post(
                    body=self.env._(
                        "Its helpdesk tickets could not be billed: %(error)s",
                        error=str(error),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return orders

    @api.model
    def _cron_service_billing_run(self):
        """Monthly: bill the tickets closed last month, in every company."""
        last_month_end = fields.Date.context_today(self).replace(day=1) - timedelta(
            days=1
        )
        # the engine makes one order per company and customer
        self._service_billing_run(
            last_month_end.replace(day=1), last_month_end, commit=True
        )
