from unittest.mock import patch

from odoo.exceptions import UserError

from .test_statement_run import StatementCase


class TestStatementBatch(StatementCase):
    """The invoices of a batch of customers are created together, as Odoo's
    own invoicing does; if that is refused, each customer is billed alone
    and only the one refused is left out (and told)."""

    def customers(self, count):
        made = self.env["res.partner"]
        for n in range(count):
            work = self.env["res.partner"].create({"name": f"Batch work {n}"})
            made |= self.statement_customer(f"Batch customer {n}", 5 + n, work)
        return made

    def amounts(self, customers):
        return [
            self.statements.search(
                [("partner_id", "=", c.id)]
            ).invoice_id.amount_untaxed
            for c in customers
        ]

    def test_one_creation_for_the_batch(self):
        customers = self.customers(3)
        moves = type(self.env["account.move"])
        real_create = moves.create
        sizes = []

        def create(records, vals_list):
            sizes.append(len(vals_list))
            return real_create(records, vals_list)

        with patch.object(moves, "create", create):
            statements = self.run_statements(partners=customers)
        self.assertEqual(sizes, [3])
        self.assertEqual(statements.partner_id, customers)
        # 5, 6 and 7 min at 2.00
        self.assertEqual(self.amounts(customers), [10.0, 12.0, 14.0])
        for statement in statements:
            self.assertIn(statement.name, statement.invoice_id.message_ids[0].body)
            self.assertEqual(
                set(statement.order_ids.mapped("invoice_status")), {"invoiced"}
            )

    def test_a_refused_batch_is_billed_one_by_one(self):
        customers = self.customers(3)
        refused = customers[1]
        moves = type(self.env["account.move"])
        real_create = moves.create

        def create(records, vals_list):
            if len(vals_list) > 1:
                raise UserError(records.env._("The batch is refused"))
            if vals_list[0]["partner_id"] == refused.id:
                raise UserError(records.env._("This customer is refused"))
            return real_create(records, vals_list)

        with patch.object(moves, "create", create):
            statements = self.run_statements(partners=customers)
        self.assertEqual(statements.partner_id, customers - refused)
        self.assertEqual(self.amounts(customers - refused), [10.0, 14.0])
        self.assertFalse(self.statements.search([("partner_id", "=", refused.id)]))
        self.assertIn("This customer is refused", refused.message_ids[0].body)
        self.assertEqual(len(refused.activity_ids), 1)
        # its orders stay to invoice, for the next run
        orders = self.env["sale.order"].search([("partner_id", "=", refused.id)])
        self.assertEqual(set(orders.mapped("invoice_status")), {"to invoice"})
