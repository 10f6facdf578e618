from odoo import api, fields, models

# What billing does with the sale orders it makes -> the company's flags
# (invoicing implies confirming: the engine reads the flags).
ORDER_POLICIES = {
    "draft": {"service_auto_confirm": False, "service_auto_invoice": False},
    "confirmed": {"service_auto_confirm": True, "service_auto_invoice": False},
    "invoiced": {"service_auto_confirm": True, "service_auto_invoice": True},
}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    service_rounding_rule_id = fields.Many2one(
        related="company_id.service_rounding_rule_id", readonly=False
    )
    service_rounding_max_minutes = fields.Integer(
        related="company_id.service_rounding_max_minutes", readonly=False
    )
    service_order_policy = fields.Selection(
        [
            ("draft", "Leave them as quotations"),
            ("confirmed", "Confirm them"),
            ("invoiced", "Confirm, invoice and post them"),
        ],
        string="Sale orders of billed work",
        default="draft",
        required=True,
        help="What happens to the sale orders billing service work creates. "
        "Invoicing confirms the order first.",
    )

    @api.model
    def get_values(self):
        values = super().get_values()
        company = self.env.company
        if company.service_auto_invoice:
            values["service_order_policy"] = "invoiced"
        elif company.service_auto_confirm:
            values["service_order_policy"] = "confirmed"
        else:
            values["service_order_policy"] = "draft"
        return values

    def set_values(self):
        result = super().set_values()
        flags = ORDER_POLICIES[self.service_order_policy]
        company = self.company_id
        if any(company[name] != value for name, value in flags.items()):
            company.write(flags)
        return result
