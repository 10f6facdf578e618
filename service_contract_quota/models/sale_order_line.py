from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    service_quota_id = fields.Many2one(
        "service.quota",
        string="Quota",
        readonly=True,
        index="btree_not_null",
        copy=False,
    )
    service_covered = fields.Boolean(
        string="Covered by quota",
        readonly=True,
        copy=False,
        help="Sold at 100 % discount: the contract quota covers this work.",
    )
    service_source_model = fields.Char(readonly=True, copy=False, index=True)
    service_source_id = fields.Many2oneReference(
        string="Billed record",
        model_field="service_source_model",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    service_quota_move_ids = fields.One2many(
        "service.quota.move", "sale_line_id", string="Quota ledger", readonly=True
    )
    service_source_name = fields.Char(
        string="Billed work",
        compute="_compute_service_source_name",
        help="The session, ticket or visit this line bills.",
    )

    @api.depends("service_source_model", "service_source_id")
    def _compute_service_source_name(self):
        ids = defaultdict(set)
        for line in self.filtered("service_source_id"):
            if line.service_source_model in self.env:
                ids[line.service_source_model].add(line.service_source_id)
        names = {}
        for model, model_ids in ids.items():
            # the reference is shown to whoever reads the line
            for record in self.env[model].sudo().browse(model_ids).exists():
                names[model, record.id] = record.display_name
        for line in self:
            key = (line.service_source_model, line.service_source_id)
            line.service_source_name = names.get(key, False)

    def _prepare_invoice_line(self, **optional_values):
        """The product's name on its own line: Odoo joins it to the line text
        with a space, and the invoice form then drops the text's first line
        break (it expects "product\\ndescription")."""
        vals = super()._prepare_invoice_line(**optional_values)
        product = self.product_id.display_name
        if self.service_source_model and vals.get("name") == f"{product} {self.name}":
            vals["name"] = f"{product}\n{self.name}"
        return vals

    def write(self, vals):
        result = super().write(vals)
        if {"product_uom_qty", "price_unit", "discount"} & set(vals):
            billed = self.filtered("service_source_model")
            if billed:
                self.env["service.billing"]._refresh_sources(billed)
        return result

    def unlink(self):
        """Deleting a line releases its piece of work, whose other lines go too."""
        self.check_access("unlink")  # refuse before anything is released
        released = self.env["sale.order.line"]
        for order in self.order_id:
            released |= self.env["service.billing"]._release_lines(
                self.filtered(lambda line, order=order: line.order_id == order),
                self.env._("Line deleted from %(order)s", order=order.name),
            )
        return super(SaleOrderLine, (self | released).exists()).unlink()

    def action_open_service_source(self):
        """Open the record (session, ticket, visit) this line bills."""
        self.ensure_one()
        model = self.service_source_model
        if not model or model not in self.env:
            raise UserError(self.env._("This line bills no recorded work."))
        record = self.env[model].browse(self.service_source_id).exists()
        if not record:
            raise UserError(
                self.env._(
                    "The work billed on %(line)s no longer exists.",
                    line=self.display_name,
                )
            )
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": model,
            "res_id": record.id,
            "views": [(False, "form")],
            "target": "current",
        }
