import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY

_logger = logging.getLogger(__name__)

REQUEST_STATES = [
    ("queued", "Queued"),
    ("done", "Done"),
    ("failed", "Failed"),
]


class ServiceStatementRequest(models.Model):
    """A statement run asked for from the wizard and made by the cron worker.

    On a multi-worker Odoo an HTTP worker is killed after ``limit_time_real``
    (120 s by default), so a run over many customers does not belong in a
    request: the wizard queues it here and wakes the statement cron, which
    commits per batch of customers (an interrupted run resumes, the run is
    idempotent) and tells the user when it is done."""

    _name = "service.statement.request"
    _description = "Monthly Statement Run in the Background"
    _order = "id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        readonly=True,
        help="Empty: every customer on monthly statement.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Asked by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    state = fields.Selection(
        REQUEST_STATES, default="queued", required=True, readonly=True, index=True
    )
    statement_ids = fields.Many2many(
        "service.statement", string="Statements made", readonly=True
    )
    statement_count = fields.Integer(compute="_compute_statement_count")
    done_at = fields.Datetime(readonly=True)
    error = fields.Text(readonly=True)

    @api.depends("statement_ids")
    def _compute_statement_count(self):
        for request in self:
            request.statement_count = len(request.statement_ids)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for request in self:
            if request.date_to < request.date_from:
                raise ValidationError(
                    self.env._("The period must end on or after its first day.")
                )

    @api.model
    def _queue(self, date_from, date_to, partners, companies):
        """One request per company, and the statement cron woken at once."""
        requests = self.create(
            [
                {
                    "company_id": company.id,
                    "date_from": date_from,
                    "date_to": date_to,
                    "partner_ids": [(6, 0, partners.ids)],
                }
                for company in companies
            ]
        )
        self.env.ref("service_contract_quota.ir_cron_service_statement_run")._trigger()
        return requests

    @api.model
    def _run_queued(self):
        """Make the queued runs, oldest first, each committed as it goes."""
        for request in self.sudo().search([("state", "=", "queued")], order="id"):
            request._run()

    def _run(self):
        self.ensure_one()
        statements = self.env["service.statement"].with_company(self.company_id)
        try:
            made = statements._statement_run(
                self.date_from,
                self.date_to,
                partners=self.partner_ids or None,
                companies=self.company_id,
                commit=True,
            )
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            # Another transaction held what this batch needed: the batches
            # made are committed; the rest is taken again in a minute.
            self.env.cr.rollback()
            _logger.info("Statement run %s met a concurrent update: retried", self.id)
            self.env.ref(
                "service_contract_quota.ir_cron_service_statement_run"
            )._trigger(fields.Datetime.now() + timedelta(minutes=1))
            self.env.cr.commit()  # pylint: disable=invalid-commit
            return
        except Exception as error:  # noqa: BLE001 -- told to the user, the next run goes on
            self.env.cr.rollback()
            _logger.exception("Statement run %s failed", self.id)
            self.write(
                {
                    "state": "failed",
                    "error": str(error),
                    "done_at": fields.Datetime.now(),
                }
            )
            self._tell_user()
            self.env.cr.commit()  # pylint: disable=invalid-commit
            return
        self.write(
            {
                "state": "done",
                "statement_ids": [(6, 0, made.ids)],
                "done_at": fields.Datetime.now(),
            }
        )
        self._tell_user()
        self.env.cr.commit()  # pylint: disable=invalid-commit

    def _tell_user(self):
        if self.state == "done":
            message = self.env._(
                "Monthly statements of %(start)s to %(end)s: %(count)s made.",
                start=fields.Date.to_string(self.date_from),
                end=fields.Date.to_string(self.date_to),
                count=len(self.statement_ids),
            )
            kind = "success"
        else:
            message = self.env._(
                "The monthly statements of %(start)s to %(end)s failed: %(error)s",
                start=fields.Date.to_string(self.date_from),
                end=fields.Date.to_string(self.date_to),
                error=self.error,
            )
            kind = "danger"
        self.user_id._bus_send(
            "simple_notification",
            {
                "type": kind,
                "title": self.env._("Monthly statements"),
                "message": message,
            },
        )

    def action_open_statements(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Monthly Statements"),
            "res_model": "service.statement",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", self.statement_ids.ids)],
        }
