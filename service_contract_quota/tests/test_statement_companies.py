"""Monthly statements across companies and currencies: one invoice per
company and currency, each user sees the statements of its own companies, and
a run for one company leaves the other's customers alone."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import MANAGER
from .test_statement_run import MARCH, StatementCase


class CompaniesCase(StatementCase):
    """March 2026, company A (the test company, USD) and company B with its
    own chart of accounts; the customer on monthly statement works in both."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create(
            {"name": "Statement Two", "currency_id": cls.company_a.currency_id.id}
        )
        cls.env["account.chart.template"].try_loading(
            "generic_coa", cls.company_b, install_demo=False
        )
        cls.env.user.company_ids |= cls.company_b
        cls.company_b.write(
            {
                "service_auto_confirm": True,
                "service_auto_invoice": True,
                "service_statement_post": False,
            }
        )
        usd = cls.company_a.currency_id
        cls.eur = cls.env.ref("base.EUR")
        cls.eur.active = True
        # A second pricelist of company A, in euros, with its own price
        cls.pricelist_eur = cls.env["product.pricelist"].create(
            {
                "name": "Service EUR (euro)",
                "currency_id": cls.eur.id,
                "company_id": cls.company_a.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": cls.other.id,
                            "compute_price": "fixed",
                            "fixed_price": 2.35,
                        }
                    )
                ],
            }
        )
        cls.pricelist_b = cls.env["product.pricelist"].create(
            {
                "name": "Service of company B",
                "currency_id": usd.id,
                "company_id": cls.company_b.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": cls.other.id,
                            "compute_price": "fixed",
                            "fixed_price": 1.25,
                        }
                    )
                ],
            }
        )
        cls.partner.with_company(
            cls.company_b
        ).property_product_pricelist = cls.pricelist_b

    def bill_in_b(self, minutes, source, partner=None):
        return self.bill(
            self.other,
            minutes,
            source,
            partner=partner,
            day=MARCH[0].replace(day=20),
            company_id=self.company_b.id,
        )

    def month_in_two_companies_and_currencies(self):
        """Company A in USD: 100 covered min and 10 min at 2.00 (+ the 200.00
        flat fee); company A in EUR: 7 min at 2.35; company B: 12 min at 1.25."""
        usd = self.bill(self.remote, 100, self.sources[0], day=MARCH[0].replace(day=2))
        usd |= self.bill(self.other, 10, self.sources[1], day=MARCH[0].replace(day=3))
        self.partner.property_product_pricelist = self.pricelist_eur
        eur = self.bill(self.other, 7, self.sources[2], day=MARCH[0].replace(day=4))
        self.partner.property_product_pricelist = self.pricelist
        two = self.bill_in_b(12, self.sources[3])
        self.assertEqual(
            [o.currency_id for o in usd | eur | two],
            [usd.currency_id[:1]] * 2 + [self.eur, self.company_a.currency_id],
        )
        self.assertEqual(two.company_id, self.company_b)
        self.assertEqual(set((usd | eur | two).mapped("state")), {"sale"})
        return usd, eur, two


class TestStatementCompaniesAndCurrencies(CompaniesCase):
    def test_one_invoice_per_company_and_currency_to_the_cent(self):
        usd, eur, two = self.month_in_two_companies_and_currencies()
        statements = self.run_statements()
        self.assertEqual(len(statements), 3)
        self.assertEqual(statements.partner_id, self.partner)
        by_key = {(s.company_id, s.currency_id): s.invoice_id for s in statements}
        dollar = self.company_a.currency_id
        self.assertEqual(
            set(by_key),
            {
                (self.company_a, dollar),
                (self.company_a, self.eur),
                (self.company_b, dollar),
            },
        )
        invoices = self.invoices_of(self.partner)
        self.assertEqual(invoices, statements.invoice_id)

        def products(invoice):
            return invoice.invoice_line_ids.filtered(
                lambda line: line.display_type == "product"
            )

        # company A, dollars: the flat fee, the covered and the billed work
        a_usd = by_key[self.company_a, dollar]
        self.assertEqual(
            (a_usd.company_id, a_usd.currency_id), (self.company_a, dollar)
        )
        self.assertEqual(a_usd.amount_untaxed, 220.0)
        lines = products(a_usd)
        self.assertEqual(lines.filtered("contract_line_id").price_subtotal, 200.0)
        self.assertEqual(lines.sale_line_ids, usd.order_line)
        self.assertEqual(
            sorted(
                (line.quantity, line.price_unit, line.discount, line.price_subtotal)
                for line in lines - lines.filtered("contract_line_id")
            ),
            [(10.0, 2.0, 0.0, 20.0), (100.0, 1.5, 100.0, 0.0)],
        )
        # company A, euros: only the euro work, no second flat fee
        a_eur = by_key[self.company_a, self.eur]
        self.assertEqual(a_eur.currency_id, self.eur)
        self.assertEqual(a_eur.journal_id.company_id, self.company_a)
        lines = products(a_eur)
        self.assertFalse(lines.filtered("contract_line_id"))
        self.assertEqual(lines.sale_line_ids, eur.order_line)
        self.assertEqual(
            [(line.quantity, line.price_unit, line.price_subtotal) for line in lines],
            [(7.0, 2.35, 16.45)],
        )
        self.assertEqual(a_eur.amount_untaxed, 16.45)
        # company B: its own invoice, in its own journal, at its own price
        b_usd = by_key[self.company_b, dollar]
        self.assertEqual(b_usd.company_id, self.company_b)
        self.assertEqual(b_usd.journal_id.company_id, self.company_b)
        lines = products(b_usd)
        self.assertEqual(lines.sale_line_ids, two.order_line)
        self.assertEqual(
            [(line.quantity, line.price_unit, line.price_subtotal) for line in lines],
            [(12.0, 1.25, 15.0)],
        )
        self.assertEqual(b_usd.amount_untaxed, 15.0)
        # Odoo's invoiced quantities agree; a second run makes nothing
        for order in usd | eur | two:
            self.assertEqual(order.invoice_status, "invoiced")
            for line in order.order_line:
                self.assertEqual(line.qty_invoiced, line.product_uom_qty)
        self.assertFalse(self.run_statements())
        self.assertEqual(self.invoices_of(self.partner), invoices)

    def test_a_customer_without_contract_gets_all_its_orders_on_one_invoice(self):
        customer = self.env["res.partner"].create(
            {
                "name": "No contract Ltd",
                "service_invoicing_policy": "statement",
                "property_product_pricelist": self.pricelist.id,
            }
        )
        orders = self.env["sale.order"]
        for n, (minutes, day) in enumerate(((5, 2), (8, 9), (13, 30))):
            orders |= self.bill(
                self.other,
                minutes,
                self.sources[10 + n],
                partner=customer,
                day=MARCH[0].replace(day=day),
            )
        self.assertEqual(len(orders), 3)
        self.assertEqual(set(orders.mapped("state")), {"sale"})
        self.assertFalse(orders.invoice_ids)
        statement = self.run_statements(partners=customer)
        self.assertEqual(statement.partner_id, customer)
        self.assertFalse(statement.contract_ids)
        self.assertEqual(statement.order_ids, orders)
        invoice = statement.invoice_id
        self.assertEqual(self.invoices_of(customer), invoice)
        self.assertEqual(orders.invoice_ids, invoice)
        # one section per order, its lines under it: 26 min at 2.00
        sections = invoice.invoice_line_ids.filtered(
            lambda line: line.display_type == "line_section"
        )
        self.assertEqual(len(sections), 3)
        for order in orders:
            self.assertTrue(any(order.name in s.name for s in sections))
        products = invoice.invoice_line_ids.filtered(
            lambda line: line.display_type == "product"
        )
        self.assertEqual(products.sale_line_ids, orders.order_line)
        self.assertEqual(sorted(products.mapped("quantity")), [5.0, 8.0, 13.0])
        self.assertEqual(invoice.amount_untaxed, 52.0)
        self.assertEqual(set(orders.mapped("invoice_status")), {"invoiced"})


class TestStatementMultiCompany(CompaniesCase):
    """Record rules: a user of company B neither reads nor writes company A's
    statements; the run for company A leaves company B alone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_a = new_test_user(
            cls.env,
            "sbs-stmt-manager-a",
            groups=MANAGER,
            company_id=cls.company_a.id,
            company_ids=[Command.set(cls.company_a.ids)],
        )
        cls.manager_b = new_test_user(
            cls.env,
            "sbs-stmt-manager-b",
            groups=MANAGER,
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )

    def test_a_user_of_company_b_cannot_read_or_write_company_a_statements(self):
        self.month_in_two_companies_and_currencies()
        statements = self.run_statements()
        in_a = statements.filtered(lambda s: s.company_id == self.company_a)
        in_b = statements - in_a
        self.assertEqual(len(in_a), 2)
        self.assertEqual(len(in_b), 1)
        as_b = self.env["service.statement"].with_user(self.manager_b)
        self.assertEqual(as_b.search([]), in_b)
        with self.assertRaises(AccessError):
            in_a[0].with_user(self.manager_b).read(["name", "amount_total"])
        with self.assertRaises(AccessError):
            in_a[0].with_user(self.manager_b).write({"invoice_id": False})
        self.assertTrue(in_a[0].invoice_id)
        # the user of company B reads and follows its own statement
        self.assertEqual(
            in_b.with_user(self.manager_b).read(["company_id"])[0]["company_id"][0],
            self.company_b.id,
        )
        in_b.with_user(self.manager_b).message_subscribe(self.manager_b.partner_id.ids)
        # and the user of company A, the other way round
        as_a = self.env["service.statement"].with_user(self.manager_a)
        self.assertEqual(as_a.search([]), in_a)
        with self.assertRaises(AccessError):
            in_b.with_user(self.manager_a).read(["name"])

    def test_the_run_for_company_a_never_touches_company_b_customers(self):
        usd, eur, two = self.month_in_two_companies_and_currencies()
        # a customer of company B only, on statement, whose data is bad: a
        # run that looked at it would leave a message and an activity
        only_b = self.env["res.partner"].create(
            {
                "name": "Only in B",
                "service_invoicing_policy": "statement",
                "invoice_warn": "block",
                "invoice_warn_msg": "Do not invoice",
            }
        )
        only_b.with_company(
            self.company_b
        ).property_product_pricelist = self.pricelist_b
        order_b = self.bill_in_b(9, self.sources[5], partner=only_b)
        messages = only_b.message_ids
        # the wizard of a manager of company A, for every customer
        wizard = (
            self.env["service.statement.run"]
            .with_user(self.manager_a)
            .create({"date_from": MARCH[0], "date_to": MARCH[1]})
        )
        action = wizard.action_run()
        made = self.env["service.statement"].search(action["domain"])
        self.assertEqual(made.company_id, self.company_a)
        self.assertEqual(len(made), 2)
        self.assertEqual(made.invoice_id.company_id, self.company_a)
        # company B: nothing invoiced, nobody told
        self.assertEqual((two | order_b).mapped("invoice_status"), ["to invoice"] * 2)
        self.assertFalse((two | order_b).invoice_ids)
        self.assertEqual(only_b.message_ids, messages)
        self.assertFalse(only_b.activity_ids)
        self.assertFalse(
            self.env["service.statement"].search(
                [("company_id", "=", self.company_b.id)]
            )
        )
        # company B's own run then bills company B only
        made_b = self.statements._statement_run(*MARCH, companies=self.company_b)
        self.assertEqual(made_b.company_id, self.company_b)
        self.assertEqual(made_b.invoice_id.amount_untaxed, 15.0)
        self.assertEqual(two.invoice_status, "invoiced")
        self.assertIn("Do not invoice", only_b.message_ids[:1].body)
        self.assertEqual(set((usd | eur).mapped("invoice_status")), {"invoiced"})
