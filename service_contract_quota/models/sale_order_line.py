from odoo import fields, models


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
