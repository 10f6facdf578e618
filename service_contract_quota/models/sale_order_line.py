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
