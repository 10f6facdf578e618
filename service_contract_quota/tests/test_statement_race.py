"""The statement run racing a manual *Create invoice* on the same sale order,
with real committed transactions from two threads (``race.py``).

Whichever commits first, each sale line is invoiced exactly once and the
other side ends cleanly: the request is retried on fresh data and finds
nothing left (a clear UserError for the manual invoice, no statement for the
run); the cron, which Odoo does not retry, postpones the customer to a fresh
transaction and bills it then."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests.common import tagged
from odoo.tools import mute_logger

from .race import RaceCase


def this_month():
    today = date.today()
    first = today.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last


@tagged("-standard", "-at_install", "post_install", "database_breaking")
class TestStatementRace(RaceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["res.partner"].browse(
                cls.partner_id
            ).service_invoicing_policy = "statement"
            cls.admin_id = env.ref("base.user_admin").id
            company = env.ref("base.main_company")
            cls.company_id = company.id
            cls.post_before = company.service_statement_post
            company.service_statement_post = False

    @classmethod
    def _remove_extra(cls, env):
        env["res.company"].browse(
            cls.company_id
        ).service_statement_post = cls.post_before
        cls._remove_documents(env)

    @classmethod
    def _remove_documents(cls, env):
        """The month's statements, invoices and orders of the customer (a
        month is billed once: each test starts from an unbilled month)."""
        partner = env["res.partner"].browse(cls.partner_id)
        env.cr.execute(
            "DELETE FROM service_statement WHERE partner_id = %s", [cls.partner_id]
        )
        invoices = env["account.move"].search(
            [("partner_id", "child_of", cls.partner_id)]
        )
        invoices.filtered(lambda m: m.state != "draft").button_draft()
        invoices.with_context(force_delete=True).unlink()
        orders = env["sale.order"].search([("partner_id", "=", cls.partner_id)])
        cls._cancel_in_sql(env, orders)
        env.invalidate_all()
        partner.activity_ids.unlink()
        env["res.partner"].search([("name", "=like", "Statement race work %")]).unlink()

    # --------------------------------------------------------------- setup
    def _confirmed_order(self):
        """A committed, confirmed service order of two lines (12 and 30 min
        at 1.00) of the statement customer, not invoiced."""
        self.addCleanup(self._remove_month)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            works = env["res.partner"].create(
                [{"name": f"Statement race work {n}"} for n in range(2)]
            )
            lines = env["service.billing"].bill(
                [
                    {
                        "partner_id": self.partner_id,
                        "product_id": self.product_id,
                        "quantity": minutes,
                        "source": work,
                    }
                    for minutes, work in zip((12, 30), works, strict=True)
                ]
            )
            order = lines.order_id
            self.assertEqual(len(order), 1)
            if order.state != "sale":
                order.action_confirm()
            self.assertEqual(order.invoice_status, "to invoice")
            return order.id

    def _remove_month(self):
        with self.registry.cursor() as cr:
            self._remove_documents(api.Environment(cr, SUPERUSER_ID, {}))

    # -------------------------------------------------------------- calls
    def _statement(self, env):
        first, last = this_month()
        partner = env["res.partner"].browse(self.partner_id)
        return (
            env["service.statement"]._statement_run(first, last, partners=partner).ids
        )

    def _cron_statement(self, env):
        """As the cron runs it: committing per batch, never retried."""
        first, last = this_month()
        partner = env["res.partner"].browse(self.partner_id)
        return (
            env["service.statement"]
            ._statement_run(first, last, partners=partner, commit=True)
            .ids
        )

    def _manual(self, order_id):
        def create_invoice(env):
            wizard = (
                env["sale.advance.payment.inv"]
                .with_context(active_model="sale.order", active_ids=[order_id])
                .create({"advance_payment_method": "delivered"})
            )
            try:
                with env.cr.savepoint():
                    wizard.create_invoices()
            except UserError as error:
                return f"refused: {error.args[0]}"
            return "invoiced"

        return create_invoice

    # ----------------------------------------------------------- runners
    def _run(self, call, uid, before=None, retry=True):
        """Run ``call(env)`` as ``uid`` in its own transaction, as a request
        (``retrying``) or, without ``retry``, as the cron; ``before`` runs
        once its snapshot is taken (a transaction started earlier)."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, uid, {})
            first_try = [True]

            def attempt():
                if first_try[0]:
                    first_try[0] = False
                    env.cr.execute("SELECT 1")  # the snapshot
                    if before:
                        before()
                return call(env)

            if retry:
                return retrying(attempt, env)
            result = attempt()
            env.cr.commit()  # pylint: disable=invalid-commit
            return result

    def _one_after_the_other(self, first, second):
        """``second`` takes its snapshot, ``first`` runs and commits, then
        ``second`` goes on from its old snapshot. Each is (call, uid, retry)."""
        snapshot, committed = threading.Event(), threading.Event()

        def run_first():
            if not snapshot.wait(30):
                raise TimeoutError("the second never started")
            try:
                return self._run(first[0], first[1], retry=first[2])
            finally:
                committed.set()

        def wait_for_first():
            snapshot.set()
            if not committed.wait(120):
                raise TimeoutError("the first never committed")

        def run_second():
            return self._run(
                second[0], second[1], before=wait_for_first, retry=second[2]
            )

        with (
            mute_logger("odoo.service.model", "odoo.sql_db"),
            ThreadPoolExecutor(2) as pool,
        ):
            futures = [pool.submit(run_first), pool.submit(run_second)]
            return [future.result(timeout=180) for future in futures]

    def _at_once(self, calls):
        barrier = threading.Barrier(len(calls))

        def run(call, uid):
            return self._run(call, uid, before=lambda: barrier.wait(timeout=30))

        with (
            mute_logger("odoo.service.model", "odoo.sql_db"),
            ThreadPoolExecutor(len(calls)) as pool,
        ):
            futures = [pool.submit(run, call, uid) for call, uid in calls]
            return [future.result(timeout=180) for future in futures]

    # ------------------------------------------------------------- checks
    def assertInvoicedOnce(self, order_id):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            order = env["sale.order"].browse(order_id)
            self.assertEqual(order.invoice_status, "invoiced")
            invoices = order.invoice_ids.filtered(lambda m: m.state != "cancel")
            self.assertEqual(len(invoices), 1)
            for line in order.order_line:
                self.assertEqual(line.qty_invoiced, line.product_uom_qty)
                self.assertEqual(len(line.invoice_lines), 1)
                self.assertEqual(line.invoice_lines.quantity, line.product_uom_qty)
            self.assertEqual(invoices.amount_untaxed, 42.0)
            return invoices

    def assertRefusedClearly(self, result):
        self.assertTrue(result.startswith("refused: "), result)
        self.assertIn("No items are available to invoice", result)

    # -------------------------------------------------------------- tests
    def test_the_run_commits_first_the_manual_invoice_is_refused_clearly(self):
        order_id = self._confirmed_order()
        made, manual = self._one_after_the_other(
            (self._statement, SUPERUSER_ID, True),
            (self._manual(order_id), self.admin_id, True),
        )
        self.assertEqual(len(made), 1)
        self.assertRefusedClearly(manual)
        invoice = self.assertInvoicedOnce(order_id)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertEqual(env["service.statement"].browse(made).invoice_id, invoice)

    def test_the_manual_invoice_commits_first_the_run_bills_nothing_twice(self):
        order_id = self._confirmed_order()
        manual, made = self._one_after_the_other(
            (self._manual(order_id), self.admin_id, True),
            (self._statement, SUPERUSER_ID, True),
        )
        self.assertEqual(manual, "invoiced")
        self.assertEqual(made, [])
        self.assertInvoicedOnce(order_id)

    def test_the_cron_behind_a_manual_invoice_postpones_and_bills_nothing_twice(self):
        order_id = self._confirmed_order()
        manual, made = self._one_after_the_other(
            (self._manual(order_id), self.admin_id, True),
            (self._cron_statement, SUPERUSER_ID, False),
        )
        self.assertEqual(manual, "invoiced")
        self.assertEqual(made, [])
        self.assertInvoicedOnce(order_id)

    def test_the_cron_first_then_the_manual_invoice(self):
        order_id = self._confirmed_order()
        made, manual = self._one_after_the_other(
            (self._cron_statement, SUPERUSER_ID, False),
            (self._manual(order_id), self.admin_id, True),
        )
        self.assertEqual(len(made), 1)
        self.assertRefusedClearly(manual)
        self.assertInvoicedOnce(order_id)

    def test_both_at_once_invoice_each_line_once(self):
        order_id = self._confirmed_order()
        made, manual = self._at_once(
            [(self._statement, SUPERUSER_ID), (self._manual(order_id), self.admin_id)]
        )
        # exactly one of them invoiced the order; the other ended cleanly
        if made:
            self.assertRefusedClearly(manual)
        else:
            self.assertEqual(manual, "invoiced")
        self.assertInvoicedOnce(order_id)
