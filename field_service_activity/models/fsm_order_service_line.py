from odoo import api, fields, models

KINDS = [
    ("labour", "Labour"),
    ("part", "Part"),
    ("material", "Material"),
]


class FsmOrderServiceLine(models.Model):
    """A part, material or labour estimate of a service activity: planned by the
    manager, used as reported by the technician, approved by the manager."""

    _name = "fsm.order.service.line"
    _description = "Activity part, material or labour"
    _order = "order_id, sequence, id"

    order_id = fields.Many2one(
        "fsm.order", string="Activity", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    line_kind = fields.Selection(KINDS, string="Kind", required=True, default="part")
    product_id = fields.Many2one(
        "product.product",
        required=True,
        domain="[('sale_ok', '=', True), ('type', '!=', 'combo')]",
    )
    name = fields.Char(
        string="Description", compute="_compute_name", store=True, readonly=False
    )
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    planned_qty = fields.Float(string="Planned", digits="Product Unit of Measure")
    used_qty = fields.Float(
        string="Used",
        digits="Product Unit of Measure",
        help="What the technician used on site.",
    )
    approved_qty = fields.Float(
        string="Approved",
        digits="Product Unit of Measure",
        compute="_compute_approved_qty",
        store=True,
        readonly=False,
        help="What is billed: the used quantity unless a manager changed it.",
    )
    price_unit = fields.Float(
        string="Estimated unit price",
        digits="Product Price",
        compute="_compute_price_unit",
        store=True,
        readonly=False,
    )
    currency_id = fields.Many2one(related="order_id.company_id.currency_id")
    estimate_subtotal = fields.Monetary(
        string="Estimate", compute="_compute_estimate_subtotal", store=True
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True)

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            line.name = line.product_id.display_name or line.name

    @api.depends("used_qty")
    def _compute_approved_qty(self):
        for line in self:
            line.approved_qty = line.used_qty

    @api.depends("product_id")
    def _compute_price_unit(self):
        for line in self:
            line.price_unit = line.product_id.lst_price

    @api.depends("planned_qty", "price_unit", "currency_id")
    def _compute_estimate_subtotal(self):
        for line in self:
            amount = line.planned_qty * line.price_unit
            line.estimate_subtotal = (
                line.currency_id.round(amount) if line.currency_id else amount
            )
