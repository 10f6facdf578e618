from datetime import date
from unittest.mock import patch

from .common import TicketCase

FEB = (date(2026, 2, 1), date(2026, 2, 28))


class TestTicketBillingRun(TicketCase):
    """The monthly run: one order per customer, a line per ticket, never twice."""

    def run_billing(self, period=FEB, batch=None):
        """The run over this test's customers (the database may hold others)."""
        customers = self.env["res.partner"].search(
            [("name", "in", [self.partner.name, "Customer B"])]
        ) | self.env["res.partner"].search([("name", "like", "Run customer")])
        return self.env["helpdesk.ticket"]._service_billing_run(
            *period, customers, batch=batch
        )

    def orders_of(self, partner):
        return self.env["sale.order"].search([("partner_id", "=", partner.id)])

    def test_a_month_of_two_customers(self):
        # A: 600 min a month, 650 min of tickets in February (one over the edge)
        a_tickets = [
            self.ticket([150, 150], closed=date(2026, 2, day), name=f"A{day}")
            for day in (3, 10)
        ] + [self.ticket([50], closed=date(2026, 2, 20), name="A20")]
        march = self.ticket([30], name="March")  # another month: not billed
        free = self.env["helpdesk.ticket.category"].create(
            {"name": "Our bug", "service_billable": False}
        )
        self.ticket([40], closed=date(2026, 2, 5), category_id=free.id)
        # B: no contract
        b_ticket = self.ticket([25], partner=self.partner_b, closed=date(2026, 2, 9))
        orders = self.run_billing()
        self.assertEqual(len(orders), 2)
        order_a = self.orders_of(self.partner)
        self.assertEqual(
            order_a, orders.filtered(lambda o: o.partner_id == self.partner)
        )
        self.assertEqual(
            [(line.product_uom_qty, line.discount) for line in order_a.order_line],
            [(300, 100), (300, 100), (50, 0)],
        )
        self.assertEqual(order_a.amount_untaxed, 75.0)  # 50 min x 1.50
        self.assertEqual(
            sorted(
                self.quota.move_ids.mapped(lambda m: (m.quantity, m.overage_quantity))
            ),
            [(0, 50), (300, 0), (300, 0)],
        )
        self.assertTrue(all(t.service_billed for t in a_tickets))
        self.assertFalse(march.service_billed)
        order_b = self.orders_of(self.partner_b)
        self.assertEqual(order_b.order_line.mapped("product_uom_qty"), [25])
        self.assertEqual(order_b.amount_untaxed, 37.5)
        self.assertTrue(b_ticket.service_billed)
        # running it again makes nothing
        self.assertFalse(self.run_billing())
        self.assertEqual(
            self.orders_of(self.partner) | self.orders_of(self.partner_b), orders
        )
        self.assertEqual(len(self.quota.move_ids), 3)

    def test_a_run_stopped_after_its_first_batch_finishes_the_rest_when_restarted(self):
        customers = self.env["res.partner"].create(
            [{"name": f"Run customer {n}"} for n in range(3)]
        )
        tickets = [
            self.ticket([20], partner=c, closed=date(2026, 2, 2)) for c in customers
        ]
        real = type(self.env["helpdesk.ticket"])._service_bill_customers
        calls = []

        def stop_after_first(model, batch, by_customer):
            if calls:
                raise RuntimeError("worker killed")
            calls.append(batch)
            return real(model, batch, by_customer)

        # (not assertRaises: it would roll back what the first batch did)
        with patch.object(
            type(self.env["helpdesk.ticket"]),
            "_service_bill_customers",
            stop_after_first,
        ):
            try:
                self.run_billing(batch=1)
                self.fail("the run was not interrupted")
            except RuntimeError as error:
                self.assertEqual(str(error), "worker killed")
        self.assertEqual([t.service_billed for t in tickets], [True, False, False])
        orders = self.run_billing(batch=1)
        self.assertEqual(len(orders), 2)
        self.assertTrue(all(t.service_billed for t in tickets))
        for customer in customers:
            self.assertEqual(len(self.orders_of(customer)), 1)

    def test_bill_now_then_the_run_bills_nothing_twice(self):
        ticket = self.ticket([30], closed=date(2026, 2, 12))
        ticket.action_service_bill()
        self.assertFalse(self.run_billing())
        self.assertEqual(len(self.orders_of(self.partner)), 1)
        self.assertEqual(self.quota.move_ids.quantity, 30)

    def test_a_customer_with_bad_data_is_told_and_the_others_are_billed(self):
        broken = self.ticket([20], partner=self.partner_b, closed=date(2026, 2, 2))
        good = self.ticket([20], closed=date(2026, 2, 3))
        # the service of B's ticket is no longer sold
        minute = self.env.ref("service_contract_quota.uom_minute")
        gone = self.env["product.product"].create(
            self._service("Old remote", minute, 1.5)
        )
        broken.service_product_id = gone
        gone.sale_ok = False
        orders = self.run_billing()
        self.assertEqual(orders.partner_id, self.partner)
        self.assertTrue(good.service_billed)
        self.assertFalse(broken.service_billed)
        self.assertIn("could not be billed", self.partner_b.message_ids[:1].body or "")

    def test_the_wizard_bills_the_chosen_customers(self):
        self.ticket([20], closed=date(2026, 2, 2))
        other = self.ticket([20], partner=self.partner_b, closed=date(2026, 2, 2))
        wizard = (
            self.env["helpdesk.ticket.billing.run"]
            .with_user(self.manager)
            .create(
                {
                    "date_from": FEB[0],
                    "date_to": FEB[1],
                    "partner_ids": self.partner.ids,
                }
            )
        )
        action = wizard.action_run()
        orders = self.env["sale.order"].search(action["domain"])
        self.assertEqual(orders.partner_id, self.partner)
        self.assertFalse(other.service_billed)
        with self.assertRaises(Exception):  # noqa: B017 - access refused
            self.env["helpdesk.ticket.billing.run"].with_user(self.technician).create(
                {"date_from": FEB[0], "date_to": FEB[1]}
            )
