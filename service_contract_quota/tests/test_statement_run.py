from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command

from ..models import service_statement_run
from .common import QuotaCase

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


class StatementCase(QuotaCase):
    """March 2026: the customer is on monthly statement with a 200.00 flat-fee
    contract and a 600 min quota; Customer B is invoiced per order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        company.write(
            {
                "service_auto_confirm": True,
                "service_auto_invoice": True,
                "service_invoicing_policy": "per_order",
                "service_statement_post": False,
            }
        )
        unit = cls.env.ref("uom.product_uom_unit")
        cls.fee = cls.env["product.product"].create(
            cls._service("Flat support fee", unit, 200.0)
        )
        cls._flat_fee(cls.contract)
        cls.partner.service_invoicing_policy = "statement"
        cls.statements = cls.env["service.statement"]

    @classmethod
    def _flat_fee(cls, contract):
        contract.write(
            {
                "contract_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.fee.id,
                            "name": "Flat fee #START# - #END#",
                            "quantity": 1,
                            "price_unit": 200.0,
                            "uom_id": cls.fee.uom_id.id,
                            "recurring_rule_type": "monthly",
                            "recurring_invoicing_type": "pre-paid",
                            "date_start": date(2026, 3, 1),
                        }
                    )
                ]
            }
        )

    def statement_customer(self, name, minutes, source):
        """A new customer on monthly statement with ``minutes`` of the
        uncovered service billed for ``source``."""
        customer = self.env["res.partner"].create(
            {
                "name": name,
                "service_invoicing_policy": "statement",
                "property_product_pricelist": self.pricelist.id,
            }
        )
        self.bill(self.other, minutes, source, partner=customer)
        return customer

    def run_statements(self, **kwargs):
        return self.statements._statement_run(*MARCH, **kwargs)

    def invoices_of(self, partner):
        return self.env["account.move"].search(
            [
                ("partner_id.commercial_partner_id", "=", partner.id),
                ("move_type", "=", "out_invoice"),
            ]
        )

    def month_of_work(self):
        """Covered (100 min), partly covered (550: 500 covered, 50 at 1.50),
        uncovered (10 min of another service at 2.00) for the customer; 10
        min for Customer B."""
        orders = self.bill(self.remote, 100, self.sources[0], day=date(2026, 3, 2))
        orders |= self.bill(self.remote, 550, self.sources[1], day=date(2026, 3, 9))
        orders |= self.bill(self.other, 10, self.sources[2], day=date(2026, 3, 12))
        per_order = self.bill(self.other, 10, self.sources[3], partner=self.partner_b)
        return orders, per_order


class TestStatementRun(StatementCase):
    def test_one_invoice_with_the_flat_fee_and_all_the_work_to_the_cent(self):
        orders, per_order = self.month_of_work()
        # the engine confirmed the statement customer's orders, invoiced none
        self.assertEqual(set(orders.mapped("state")), {"sale"})
        self.assertFalse(orders.invoice_ids)
        # the per-order customer is invoiced at once, as before
        self.assertEqual(per_order.invoice_status, "invoiced")
        b_invoices = self.invoices_of(self.partner_b)
        self.assertEqual(len(b_invoices), 1)
        self.assertEqual(b_invoices.state, "posted")

        statements = self.run_statements()
        self.assertEqual(statements.partner_id, self.partner)
        invoice = statements.invoice_id
        self.assertEqual(self.invoices_of(self.partner), invoice)
        self.assertEqual(invoice.state, "draft")
        self.assertEqual(invoice.invoice_date, date(2026, 3, 31))
        # 200 flat fee + 50 min overage x 1.50 + 10 min x 2.00
        self.assertEqual(invoice.amount_untaxed, 295.0)
        products = invoice.invoice_line_ids.filtered(
            lambda line: line.display_type == "product"
        )
        fee = products.filtered("contract_line_id")
        self.assertEqual((fee.product_id, fee.price_subtotal), (self.fee, 200.0))
        self.assertIn("03/01/2026 - 03/31/2026", fee.name)
        # every order line is on it, linked: Odoo's invoiced quantities agree
        self.assertEqual(products.sale_line_ids, orders.order_line)
        self.assertEqual(set(orders.mapped("invoice_status")), {"invoiced"})
        covered = products.filtered(lambda line: line.discount == 100)
        self.assertEqual(sum(covered.mapped("quantity")), 600)
        # the contract advanced once; OCA's cron bills nothing more for March
        self.assertEqual(self.contract.recurring_next_date, date(2026, 4, 1))
        self.env["contract.contract"].cron_recurring_create_invoice(date(2026, 3, 31))
        self.assertEqual(self.invoices_of(self.partner), invoice)
        # nor later: the statement customer's contract is left to the run
        self.env["contract.contract"].cron_recurring_create_invoice(date(2026, 4, 1))
        self.assertEqual(self.invoices_of(self.partner), invoice)
        self.assertEqual(self.invoices_of(self.partner_b), b_invoices)
        self.assertEqual(self.contract.service_invoicing_policy, "statement")

    def test_running_twice_makes_nothing_new(self):
        self.month_of_work()
        first = self.run_statements()
        self.assertEqual(len(first), 1)
        self.assertFalse(self.run_statements())
        self.assertEqual(self.invoices_of(self.partner), first.invoice_id)
        self.assertEqual(self.contract.recurring_next_date, date(2026, 4, 1))

    def test_posted_when_the_company_says_so(self):
        self.env.company.service_statement_post = True
        self.month_of_work()
        statement = self.run_statements()
        self.assertEqual(statement.invoice_id.state, "posted")
        self.assertEqual(statement.state, "posted")

    def test_cancelling_the_invoice_and_rerunning_bills_the_month_again_once(self):
        orders, _per_order = self.month_of_work()
        statement = self.run_statements()
        first = statement.invoice_id
        first.button_cancel()
        self.assertEqual(statement.state, "cancel")
        self.assertEqual(set(orders.mapped("invoice_status")), {"to invoice"})
        again = self.run_statements()
        self.assertEqual(again, statement)  # the same statement, a new invoice
        second = statement.invoice_id
        self.assertNotEqual(second, first)
        self.assertEqual(second.amount_untaxed, 295.0)
        self.assertEqual(
            second.invoice_line_ids.filtered("contract_line_id").price_subtotal, 200.0
        )
        self.assertEqual(statement.invoice_ids, first | second)
        # the contract's period is billed from the cancelled invoice: not advanced twice
        self.assertEqual(self.contract.recurring_next_date, date(2026, 4, 1))
        self.assertFalse(self.run_statements())
        self.assertEqual(
            self.invoices_of(self.partner).filtered(lambda m: m.state != "cancel"),
            second,
        )

    def test_a_manual_invoice_first_leaves_only_the_contract_to_the_run(self):
        orders, _per_order = self.month_of_work()
        manual = orders._create_invoices()
        statement = self.run_statements()
        self.assertEqual(statement.invoice_id.amount_untaxed, 200.0)
        self.assertEqual(orders.invoice_ids, manual)

    def test_a_customer_with_bad_data_is_told_and_the_others_are_invoiced(self):
        self.month_of_work()
        customer_c = self.env["res.partner"].create(
            {
                "name": "Customer C",
                "service_invoicing_policy": "statement",
                "property_product_pricelist": self.pricelist.id,
            }
        )
        customer_d = self.env["res.partner"].create(
            {
                "name": "Customer D",
                "service_invoicing_policy": "statement",
                "property_product_pricelist": self.pricelist.id,
                "invoice_warn": "block",
                "invoice_warn_msg": "Unpaid since 2024",
            }
        )
        gone = self.env["product.product"].create(
            self._service("Old service", self.remote.uom_id, 3.0)
        )
        self.bill(gone, 10, self.sources[5], partner=customer_c)
        self.bill(self.other, 10, self.sources[6], partner=customer_d)
        gone.active = False
        statements = self.run_statements()
        self.assertEqual(statements.partner_id, self.partner)
        for customer, why in ((customer_c, "archived"), (customer_d, "blocked")):
            self.assertFalse(self.invoices_of(customer))
            self.assertIn(why, customer.message_ids[:1].body)
            self.assertEqual(
                customer.activity_ids.summary, "Monthly statement not made"
            )

    def test_a_run_stopped_after_its_first_batch_finishes_the_rest(self):
        customers = self.env["res.partner"].create(
            [
                {
                    "name": f"Statement customer {n}",
                    "service_invoicing_policy": "statement",
                    "property_product_pricelist": self.pricelist.id,
                }
                for n in range(3)
            ]
        )
        for n, customer in enumerate(customers):
            self.bill(self.other, 10 + n, self.sources[10 + n], partner=customer)
        model = type(self.statements)
        real = model._statement_batch
        calls = []

        def stop_after_first(statements, batch, todo, date_from, date_to, **kw):
            if calls:
                raise RuntimeError("worker killed")
            calls.append(batch)
            return real(statements, batch, todo, date_from, date_to, **kw)

        # the cron's run, batch by batch (its commits counted, a test may not)
        # (not assertRaises: it would roll back what the first batch did)
        commits = []
        with (
            patch.object(service_statement_run, "RUN_BATCH", 1),
            patch.object(model, "_statement_batch", stop_after_first),
            patch.object(self.env.cr, "commit", lambda: commits.append(1)),
        ):
            try:
                self.run_statements(partners=customers, commit=True)
                self.fail("the run was not interrupted")
            except RuntimeError as error:
                self.assertEqual(str(error), "worker killed")
        self.assertEqual(len(commits), 1)
        self.assertEqual([len(self.invoices_of(c)) for c in customers], [1, 0, 0])
        with (
            patch.object(service_statement_run, "RUN_BATCH", 1),
            patch.object(self.env.cr, "commit", lambda: commits.append(1)),
        ):
            rest = self.run_statements(partners=customers, commit=True)
        self.assertEqual(rest.partner_id, customers[1:])
        self.assertEqual([len(self.invoices_of(c)) for c in customers], [1, 1, 1])
        self.assertEqual(
            [self.invoices_of(c).amount_untaxed for c in customers], [20.0, 22.0, 24.0]
        )

    def test_the_cron_runs_on_the_first_in_the_company_time_zone(self):
        self.month_of_work()
        self.env.company.partner_id.tz = "Europe/Berlin"
        commits = []
        # the cron commits each batch (a test may not): count them instead
        with patch.object(self.env.cr, "commit", lambda: commits.append(1)):
            with freeze_time("2026-03-31 12:00:00"):
                self.statements._cron_statement_run()
            self.assertFalse(
                self.statements.search([("partner_id", "=", self.partner.id)])
            )
            with freeze_time("2026-03-31 22:30:00"):  # April 1, 00:30 in Berlin
                self.statements._cron_statement_run()
        self.assertEqual(len(commits), 1)
        statement = self.statements.search([("partner_id", "=", self.partner.id)])
        self.assertEqual((statement.date_from, statement.date_to), MARCH)
        self.assertEqual(statement.invoice_id.amount_untaxed, 295.0)

    def test_the_wizard_bills_the_chosen_customers(self):
        self.month_of_work()
        other = self.statement_customer("Customer E", 5, self.sources[20])
        wizard = (
            self.env["service.statement.run"]
            .with_user(self.manager)
            .create(
                {"date_from": MARCH[0], "date_to": MARCH[1], "partner_ids": other.ids}
            )
        )
        action = wizard.action_run()
        made = self.statements.search(action["domain"])
        self.assertEqual(made.partner_id, other)
        self.assertFalse(self.statements.search([("partner_id", "=", self.partner.id)]))
