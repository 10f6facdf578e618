import logging
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY

from ..lib.statement import batches, is_first_of_month, previous_month, utc_bounds
from .service_lock import lock_rows

_logger = logging.getLogger(__name__)

RUN_BATCH = 20  # customers per committed batch of the cron


class ServiceStatement(models.Model):
    """The monthly statement run: one invoice per statement customer, company
    and currency with the contracts' periods due in the month (OCA
    ``contract``'s own recurrence) and the uninvoiced service orders."""

    _inherit = "service.statement"

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_statement_run(self):
        """Hourly: the runs queued from the wizard (*Make in the
        background*) first; then, in each company where it is the 1st of
        the month (company time zone), last month's statements."""
        self.env["service.statement.request"]._run_queued()
        now = fields.Datetime.now()
        for company in self.env["res.company"].sudo().search([]):
            tz = company.partner_id.tz or "UTC"
            if not is_first_of_month(now, tz):
                continue
            first, last = previous_month(now, tz)
            self.with_company(company)._statement_run(
                first, last, companies=company, commit=True
            )

    # ------------------------------------------------------------------- run
    @api.model
    def _statement_run(
        self, date_from, date_to, partners=None, companies=None, commit=False
    ):
        """Make the statements of ``date_from``..``date_to`` for the statement
        customers (all, or ``partners``) in ``companies`` (default: all).
        Idempotent; with ``commit`` each batch of customers is committed and
        the cron's progress reported, so an interrupted run resumes.
        Returns the statements made."""
        companies = companies or self.env["res.company"].sudo().search([])
        todo = self._statement_customers(date_from, date_to, partners, companies)
        customers = sorted(todo, key=lambda p: p.id)
        made = self.browse()
        done = 0
        # The cron is not retried by Odoo: a customer whose orders a user
        # invoiced since the batch began is billed again after the commit
        postponed = []
        extra = {"postponed": postponed} if commit else {}
        # The cron commits every RUN_BATCH customers (an interrupted run
        # resumes); a run in one transaction creates all its invoices at once.
        for batch in batches(customers, RUN_BATCH if commit else len(customers) or 1):
            made |= self._statement_batch(batch, todo, date_from, date_to, **extra)
            done += len(batch)
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
                self.env["ir.cron"]._notify_progress(
                    done=done - len(postponed),
                    remaining=len(customers) - done + len(postponed),
                )
        if postponed:
            # a fresh transaction: what the user invoiced is seen, and skipped
            again, postponed = postponed, []
            made |= self._statement_batch(
                again, todo, date_from, date_to, postponed=postponed
            )
            self.env.cr.commit()  # pylint: disable=invalid-commit
            # still busy: the cron runs again soon for the rest
            self.env["ir.cron"]._notify_progress(
                done=len(customers) - len(postponed), remaining=len(postponed)
            )
        return made

    @api.model
    def _statement_customers(self, date_from, date_to, partners, companies):
        """{customer: companies} of the statement customers with something
        to bill: a contract period due, or an uninvoiced service order."""
        found = defaultdict(lambda: self.env["res.company"])
        for company in companies:
            __, end = utc_bounds(date_from, date_to, company.partner_id.tz or "UTC")
            orders = (
                self.env["sale.order"]
                .sudo()
                ._read_group(self._order_domain(company, end, partners), ["partner_id"])
            )
            contracts = (
                self.env["contract.contract"]
                .sudo()
                ._read_group(
                    self._contract_domain(company, date_to, partners), ["partner_id"]
                )
            )
            for (partner,) in orders + contracts:
                customer = partner.commercial_partner_id
                if customer._service_on_statement(company):
                    found[customer] |= company
        # a month whose invoice was cancelled is billed again
        cancelled = self.sudo().search(
            [
                ("date_from", "=", date_from),
                ("state", "=", "cancel"),
                ("company_id", "in", companies.ids),
            ]
            + (
                [("partner_id", "in", partners.commercial_partner_id.ids)]
                if partners
                else []
            )
        )
        for statement in cancelled:
            found[statement.partner_id] |= statement.company_id
        return found

    @api.model
    def _customers_domain(self, partners):
        """Records of ``partners``' commercial entities (all without them)."""
        if not partners:
            return []
        return [
            (
                "partner_id.commercial_partner_id",
                "in",
                partners.commercial_partner_id.ids,
            )
        ]

    @api.model
    def _order_domain(self, company, end, partners=None):
        domain = [
            ("company_id", "=", company.id),
            ("state", "=", "sale"),
            ("invoice_status", "=", "to invoice"),
            ("date_order", "<", end),
            ("order_line.service_source_model", "!=", False),
        ]
        return domain + self._customers_domain(partners)

    @api.model
    def _contract_domain(self, company, date_to, partners=None):
        domain = [
            ("company_id", "=", company.id),
            ("contract_type", "=", "sale"),
            ("generation_type", "=", "invoice"),
            ("recurring_next_date", "<=", date_to),
        ]
        return domain + self._customers_domain(partners)

    @api.model
    def _statement_batch(self, customers, todo, date_from, date_to, postponed=None):
        """Bill the customers of the batch: each prepared on its own (a
        customer whose data is refused is told, chatter and activity, and
        the others are billed), then their invoices created in one batch, as
        Odoo's own invoicing does. Should the batch creation be refused, the
        customers are billed again one by one, each invoice on its own.

        A customer whose orders were invoiced or changed by a concurrent
        transaction since this one began (the orders' lock fails) is, with a
        ``postponed`` list (the cron, which commits and is not retried),
        appended to it to be billed again on fresh data; otherwise the error
        goes up and Odoo retries the whole request."""
        mark = len(postponed) if postponed is not None else 0
        try:
            with self.env.cr.savepoint():
                pending = []
                self._statement_each(
                    customers, todo, date_from, date_to, postponed, pending
                )
                return self._statement_create(pending)
        except (
            UserError,
            ValidationError,
            *PG_CONCURRENCY_EXCEPTIONS_TO_RETRY,
        ) as error:
            _logger.info("Statements of a batch billed one by one: %s", error)
            if postponed is not None:
                del postponed[mark:]
        return self._statement_each(customers, todo, date_from, date_to, postponed)

    @api.model
    def _statement_each(
        self, customers, todo, date_from, date_to, postponed, pending=None
    ):
        """Each customer in its own savepoint; with ``pending``, the invoices
        are prepared there and created afterwards by the caller."""
        made = self.browse()
        found = self._statement_prefetch(customers, todo, date_from, date_to)
        for customer in customers:
            try:
                with self.env.cr.savepoint():
                    for company in todo[customer]:
                        made |= self._statement_customer(
                            customer,
                            company,
                            date_from,
                            date_to,
                            found[customer.id, company.id],
                            pending,
                        )
            except (UserError, ValidationError) as error:
                _logger.info("Statement of %s refused: %s", customer.id, error)
                self._statement_problem(customer, date_from, error)
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY as error:
                if postponed is None:
                    raise
                _logger.info(
                    "Statement of %s postponed, its orders changed: %s",
                    customer.id,
                    error.pgcode,
                )
                postponed.append(customer)
        return made

    @api.model
    def _statement_prefetch(self, customers, todo, date_from, date_to):
        """{(customer id, company id): (orders, contracts, statements)} of the
        batch, read in three queries per company rather than per customer."""
        found = {}
        companies = self.env["res.company"].union(*(todo[c] for c in customers))
        for company in companies:
            members = self.env["res.partner"].union(
                *(c for c in customers if company in todo[c])
            )
            env = self.with_company(company).sudo().env
            __, end = utc_bounds(date_from, date_to, company.partner_id.tz or "UTC")
            orders = env["sale.order"].search(
                self._order_domain(company, end, members), order="date_order, id"
            )
            contracts = env["contract.contract"].search(
                self._contract_domain(company, date_to, members), order="id"
            )
            statements = self.sudo().search(
                [
                    ("partner_id", "in", members.ids),
                    ("company_id", "=", company.id),
                    ("date_from", "=", date_from),
                ]
            )
            kinds = (orders, contracts, statements)
            groups = ({}, {}, {})
            for group, records in zip(groups, kinds, strict=True):
                for record in records:
                    key = record.partner_id.commercial_partner_id.id
                    group.setdefault(key, []).append(record.id)
            for member in members:
                found[member.id, company.id] = tuple(
                    records.browse(group.get(member.id, []))
                    for group, records in zip(groups, kinds, strict=True)
                )
        return found

    def _statement_problem(self, customer, date_from, error):
        message = self.env._(
            "The monthly statement of %(month)s could not be made: %(error)s",
            month=date_from.strftime("%Y-%m"),
            error=str(error.args[0] if error.args else error),
        )
        customer = customer.sudo()
        customer.message_post(body=message, subtype_xmlid="mail.mt_note")
        user = (
            customer.user_id or self.env.ref("base.user_admin", False) or self.env.user
        )
        customer.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Monthly statement not made"),
            note=message,
            user_id=user.id,
        )

    # ------------------------------------------------------------ a customer
    @api.model
    def _statement_customer(
        self, customer, company, date_from, date_to, found, pending=None
    ):
        """The statements of one customer in one company, one per currency:
        ``found`` its orders, contracts and statements of the month
        (:meth:`_statement_prefetch`); with ``pending``, prepared to be
        created by the caller."""
        orders, contracts, statements = found
        lock_rows(orders)  # serialised with a manual Create invoice
        made = self.browse()
        cancelled = statements.filtered(lambda s: s.state == "cancel")
        currencies = orders.currency_id | contracts.currency_id | cancelled.currency_id
        for currency in currencies:
            key = {
                "partner_id": customer.id,
                "company_id": company.id,
                "currency_id": currency.id,
                "date_from": date_from,
            }
            statement = statements.filtered(lambda s, c=currency: s.currency_id == c)
            if statement and statement.state != "cancel":
                continue  # this month is billed: nothing twice
            made |= self.sudo()._statement_make(
                statement,
                key,
                date_to,
                orders.filtered(lambda o, c=currency: o.currency_id == c),
                contracts.filtered(lambda k, c=currency: k.currency_id == c),
                pending,
            )
        return made

    def _statement_make(self, statement, key, date_to, orders, contracts, pending=None):
        customer = self.env["res.partner"].browse(key["partner_id"])
        company = self.env["res.company"].browse(key["company_id"])
        self._check_customer(customer)
        lines = []
        # A month billed again after its invoice was cancelled: the contract
        # periods of that invoice are billed again from it (same period and
        # price); the contracts' dates, advanced once, are not moved.
        if statement.invoice_id.state == "cancel":
            for line in statement.invoice_id.invoice_line_ids.filtered(
                "contract_line_id"
            ):
                lines.append(self._copy_contract_line(line))
        header = None
        for vals in self._contract_invoice_values(contracts, date_to):
            header = header or vals
            lines += [command[2] for command in vals["invoice_line_ids"]]
        for order in orders.with_company(company):
            invoiceable = order._get_invoiceable_lines()
            if not invoiceable.filtered(lambda line: not line.display_type):
                continue
            lines.append(
                {
                    "display_type": "line_section",
                    "name": self.env._(
                        "%(order)s of %(date)s",
                        order=order.name,
                        date=fields.Date.to_string(order.date_order.date()),
                    ),
                }
            )
            lines += [line._prepare_invoice_line() for line in invoiceable]
        if not any(
            not vals.get("display_type") or vals["display_type"] == "product"
            for vals in lines
        ):
            return self.browse()
        self._check_lines(lines, company)
        if orders:
            header = orders[0].with_company(company)._prepare_invoice()
            header.pop("transaction_ids", None)
        elif not header:
            header = contracts[:1]._prepare_invoice(date_to)
        origins = orders.mapped("name") + contracts.mapped("name")
        header.update(
            invoice_date=date_to,
            invoice_origin=", ".join(origins)[:2000] or False,
            currency_id=key["currency_id"],
            company_id=company.id,
            invoice_line_ids=[
                Command.create(dict(vals, sequence=n))
                for n, vals in enumerate(lines, 1)
            ],
        )
        prepared = {
            "statement": statement,
            "key": key,
            "date_to": date_to,
            "orders": orders,
            "contracts": contracts,
            "header": header,
        }
        if pending is not None:
            pending.append(prepared)
            return self.browse()
        return self._statement_create([prepared])

    def _statement_create(self, prepared):
        """The invoices of the ``prepared`` statements, created in one batch
        per company (posted when the company says so), and their statements."""
        made = self.sudo().browse()
        by_company = defaultdict(list)
        for item in prepared:
            by_company[item["key"]["company_id"]].append(item)
        for company_id, items in by_company.items():
            company = self.env["res.company"].browse(company_id)
            invoices = (
                self.env["account.move"]
                .sudo()
                .with_company(company)
                .with_context(default_move_type="out_invoice")
                .create([item["header"] for item in items])
            )
            if company.service_statement_post:
                invoices.action_post()
            new = []
            for item, invoice in zip(items, invoices, strict=True):
                item["contracts"]._invoice_followers(invoice)
                values = {
                    "invoice_id": invoice.id,
                    "invoice_ids": [Command.link(invoice.id)],
                    "order_ids": [Command.link(o.id) for o in item["orders"]],
                    "contract_ids": [Command.link(c.id) for c in item["contracts"]],
                }
                if item["statement"]:
                    item["statement"].write(values)
                    made |= item["statement"]
                else:
                    new.append(dict(item["key"], date_to=item["date_to"], **values))
            made |= made.create(new)
            done = made.filtered(lambda s, i=invoices: s.invoice_id in i)
            invoices._message_log_batch(
                bodies={
                    statement.invoice_id.id: self.env._(
                        "Monthly statement %(name)s.", name=statement.name
                    )
                    for statement in done
                },
                message_type="comment",
            )
        return made

    def _contract_invoice_values(self, contracts, date_to):
        """The invoice values of every contract period due by ``date_to``,
        from OCA ``contract`` (which advances each contract past the period).
        A contract behind by several periods gives one set per period."""
        result = []
        for _attempt in range(400):  # a daily contract behind for a year
            due = contracts.filtered(
                lambda c: c.recurring_next_date and c.recurring_next_date <= date_to
            )
            if not due:
                break
            values = due._prepare_recurring_invoices_values(date_to)
            if not values:
                break
            result += values
            due._compute_recurring_next_date()
        return result

    @staticmethod
    def _copy_contract_line(line):
        return {
            "display_type": line.display_type,
            "name": line.name,
            "product_id": line.product_id.id,
            "product_uom_id": line.product_uom_id.id,
            "quantity": line.quantity,
            "price_unit": line.price_unit,
            "discount": line.discount,
            "contract_line_id": line.contract_line_id.id,
            "analytic_distribution": line.analytic_distribution,
        }

    def _check_customer(self, customer):
        if customer.invoice_warn == "block":
            raise UserError(
                self.env._(
                    "Invoicing %(customer)s is blocked: %(message)s",
                    customer=customer.display_name,
                    message=customer.invoice_warn_msg or "",
                )
            )

    def _check_lines(self, lines, company):
        products = (
            self.env["product.product"]
            .with_context(active_test=False)
            .browse({vals["product_id"] for vals in lines if vals.get("product_id")})
        )
        for product in products:
            if not product.active:
                raise UserError(
                    self.env._(
                        "Product %(product)s is archived.",
                        product=product.display_name,
                    )
                )
            accounts = product.product_tmpl_id.with_company(
                company
            ).get_product_accounts()
            if not accounts.get("income"):
                raise UserError(
                    self.env._(
                        "Product %(product)s has no income account in %(company)s.",
                        product=product.display_name,
                        company=company.name,
                    )
                )
