from odoo import api, fields, models
from odoo.exceptions import UserError

STATES = [
    ("draft", "Draft invoice"),
    ("posted", "Invoiced"),
    ("cancel", "Invoice cancelled"),
]


class ServiceStatement(models.Model):
    """One monthly statement: a customer's invoice for a company, a currency
    and a month. The unique key makes a run idempotent: a month is billed
    once per key; a cancelled invoice lets the next run bill it again."""

    _name = "service.statement"
    _description = "Monthly Service Statement"
    _inherit = ["mail.thread"]
    _order = "date_from desc, partner_id, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, readonly=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    currency_id = fields.Many2one("res.currency", required=True, readonly=True)
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    invoice_id = fields.Many2one(
        "account.move", string="Invoice", readonly=True, tracking=True, copy=False
    )
    invoice_ids = fields.Many2many(
        "account.move",
        string="All invoices",
        readonly=True,
        copy=False,
        help="The invoices of this statement, cancelled ones included.",
    )
    state = fields.Selection(
        STATES, compute="_compute_state", store=True, tracking=True
    )
    amount_total = fields.Monetary(related="invoice_id.amount_total")
    contract_ids = fields.Many2many("contract.contract", string="Contracts")
    order_ids = fields.Many2many("sale.order", string="Service orders")

    _sql_constraints = [
        (
            "statement_unique",
            "unique(partner_id, company_id, currency_id, date_from)",
            "A customer has one statement per company, currency and month.",
        )
    ]

    @api.depends("partner_id", "date_from")
    def _compute_name(self):
        for statement in self:
            statement.name = statement.env._(
                "%(customer)s, %(month)s",
                customer=statement.partner_id.display_name or "",
                month=statement.date_from.strftime("%Y-%m")
                if statement.date_from
                else "",
            )

    @api.depends("invoice_id.state")
    def _compute_state(self):
        for statement in self:
            invoice = statement.invoice_id
            if not invoice or invoice.state == "cancel":
                statement.state = "cancel"
            else:
                statement.state = "posted" if invoice.state == "posted" else "draft"

    def write(self, vals):
        if set(vals) & {"partner_id", "company_id", "currency_id", "date_from"}:
            raise UserError(
                self.env._("The customer, company, currency and month are fixed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_cancelled(self):
        if any(s.state != "cancel" for s in self):
            raise UserError(
                self.env._(
                    "Only a statement whose invoice was cancelled can be deleted."
                )
            )

    def action_open_invoice(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.invoice_id.id,
            "views": [(False, "form")],
        }
