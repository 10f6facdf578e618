from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.statement import previous_month


class ServiceStatementRun(models.TransientModel):
    _name = "service.statement.run"
    _description = "Make Monthly Statements"

    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        help="Leave empty for every customer on monthly statement.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        tz = self.env.user.tz or self.env.company.partner_id.tz or "UTC"
        first, last = previous_month(fields.Datetime.now(), tz)
        values.setdefault("date_from", first)
        values.setdefault("date_to", last)
        return values

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise ValidationError(
                    self.env._("The period must end on or after its first day.")
                )

    def action_run(self):
        self.ensure_one()
        self.env["service.statement"].check_access("create")
        statements = self.env["service.statement"]._statement_run(
            self.date_from,
            self.date_to,
            partners=self.partner_ids or None,
            companies=self.env.companies,
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Monthly Statements"),
            "res_model": "service.statement",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", statements.ids)],
        }
