from unittest.mock import patch

from psycopg2 import errors

from odoo.exceptions import AccessError, UserError

from .test_statement_run import MARCH, StatementCase


class TestStatementInTheBackground(StatementCase):
    """*Make in the background*: the wizard queues the run for the cron
    worker (an HTTP worker would be killed on a long run) and wakes it."""

    def setUp(self):
        super().setUp()
        self.requests = self.env["service.statement.request"]
        self.cron = self.env.ref("service_contract_quota.ir_cron_service_statement_run")
        self.commits = []
        # the cron commits as it goes (a test may not): count instead
        patcher = patch.object(self.env.cr, "commit", lambda: self.commits.append(1))
        patcher.start()
        self.addCleanup(patcher.stop)

    def queue(self, user=None, companies=None, **values):
        wizard = (
            self.env["service.statement.run"]
            .with_user(user or self.manager)
            .with_context(allowed_company_ids=(companies or self.env.company).ids)
            .create({"date_from": MARCH[0], "date_to": MARCH[1], **values})
        )
        return wizard.action_run_background()

    def notices_to(self, user):
        self.env.cr.precommit.run()  # the bus is written before a commit
        return (
            self.env["bus.bus"]
            .search([("message", "like", "simple_notification")])
            .filtered(lambda n: str(user.partner_id.id) in n.channel)
        )

    def test_the_wizard_queues_the_run_and_wakes_the_cron(self):
        self.month_of_work()
        triggers_before = self.env["ir.cron.trigger"].search_count(
            [("cron_id", "=", self.cron.id)]
        )
        action = self.queue()
        self.assertEqual(action["tag"], "display_notification")
        request = self.requests.search([])
        self.assertEqual(len(request), 1)
        self.assertEqual(
            (request.state, request.user_id, request.company_id),
            ("queued", self.manager, self.env.company),
        )
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)]),
            triggers_before + 1,
        )
        # nothing made in the request itself
        self.assertFalse(self.statements.search([("partner_id", "=", self.partner.id)]))

        self.statements._cron_statement_run()
        statement = self.statements.search([("partner_id", "=", self.partner.id)])
        self.assertEqual(statement.invoice_id.amount_untaxed, 295.0)
        self.assertEqual((request.state, request.statement_ids), ("done", statement))
        self.assertTrue(request.done_at)
        self.assertTrue(self.commits, "the run commits batch by batch")
        notice = self.notices_to(self.manager)
        self.assertEqual(len(notice), 1)
        self.assertIn("1 made", notice.message)

        # the scheduler running again makes nothing twice
        self.statements._cron_statement_run()
        self.assertEqual(
            self.statements.search([("partner_id", "=", self.partner.id)]), statement
        )
        self.assertEqual(len(self.notices_to(self.manager)), 1)

    def test_chosen_customers_only(self):
        self.month_of_work()
        other = self.statement_customer("Customer E", 5, self.sources[20])
        self.queue(partner_ids=other.ids)
        self.statements._cron_statement_run()
        request = self.requests.search([])
        self.assertEqual(request.statement_ids.partner_id, other)
        self.assertFalse(self.statements.search([("partner_id", "=", self.partner.id)]))

    def test_a_technician_cannot_queue_a_run(self):
        self.month_of_work()
        with self.assertRaises(AccessError):
            self.queue(user=self.technician)
        with self.assertRaises(AccessError):
            self.requests.with_user(self.technician).create(
                {"date_from": MARCH[0], "date_to": MARCH[1]}
            )
        self.assertFalse(self.requests.search([]))

    def test_a_manager_cannot_edit_or_delete_a_request(self):
        self.queue()
        request = self.requests.with_user(self.manager).search([])
        with self.assertRaises(AccessError):
            request.write({"state": "done"})
        with self.assertRaises(AccessError):
            request.unlink()
        self.assertEqual(request.state, "queued")

    def test_a_period_ending_before_it_starts_is_refused(self):
        with self.assertRaises(UserError):
            self.queue(date_from=MARCH[1], date_to=MARCH[0])
        self.assertFalse(self.requests.search([]))

    def test_another_companys_runs_are_not_seen(self):
        other = self.env["res.company"].create({"name": "Other Service Co"})
        self.manager.write({"company_ids": [(4, other.id)]})
        self.queue(companies=self.env.company | other)  # one run per company
        outsider = self.manager.copy(
            {
                "login": "sbs-other-manager",
                "company_id": other.id,
                "company_ids": [(6, 0, other.ids)],
            }
        )
        mine = self.requests.with_user(self.manager).search([])
        self.assertEqual(mine.company_id, self.env.company | other)
        theirs = self.requests.with_user(outsider).search([])
        self.assertEqual(theirs.company_id, other)
        with self.assertRaises(AccessError):
            (mine - theirs).with_user(outsider).read(["state"])

    def test_a_failed_run_is_told_and_the_next_one_still_runs(self):
        self.month_of_work()
        self.queue()
        self.queue()
        first, second = self.requests.search([], order="id")
        real_run = type(self.statements)._statement_run
        calls = []

        def run(statements, *args, **kwargs):
            calls.append(1)
            if len(calls) == 1:
                raise UserError(self.env._("The tax office is closed"))
            return real_run(statements, *args, **kwargs)

        with (
            patch.object(type(self.statements), "_statement_run", run),
            patch.object(self.env.cr, "rollback", lambda: None),
        ):
            self.statements._cron_statement_run()
        self.assertEqual((first.state, second.state), ("failed", "done"))
        self.assertIn("The tax office is closed", first.error)
        self.assertEqual(len(second.statement_ids), 1)
        notices = self.notices_to(self.manager)
        self.assertEqual(len(notices), 2)
        self.assertTrue(any("failed" in n.message for n in notices))

    def test_a_concurrent_update_leaves_the_run_queued_and_retried(self):
        self.month_of_work()
        self.queue()
        request = self.requests.search([])
        triggers = self.env["ir.cron.trigger"].search_count(
            [("cron_id", "=", self.cron.id)]
        )

        def run(statements, *args, **kwargs):
            raise errors.SerializationFailure("could not serialize access")

        with (
            patch.object(type(self.statements), "_statement_run", run),
            patch.object(self.env.cr, "rollback", lambda: None),
        ):
            self.requests._run_queued()
        self.assertEqual(request.state, "queued")
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)]),
            triggers + 1,
        )
        self.assertFalse(self.notices_to(self.manager))
