from odoo import api, fields, models


class ServiceBillableMixin(models.AbstractModel):
    """What every record the billing engine bills inherits (session, ticket, visit).

    It links the record to the sale order lines that billed it (through the
    engine's claims, the one place that says "billed") and derives its billed
    figures from those lines: nothing is copied onto the record and nothing is
    reset by hand when the work is released. The engine calls two hooks:

    - :meth:`_service_billing_billed` after it billed these records,
    - :meth:`_service_billing_released` after their lines were cancelled,
      deleted or fully credited: the quota got its units back and the records
      may be billed again.

    A billing run finds every billable model with :meth:`_service_billable_models`.
    """

    _name = "service.billable.mixin"
    _description = "Billable Service Work"

    service_claim_ids = fields.One2many(
        "service.billed.source", "source_id", string="Billing claims", readonly=True
    )
    service_sale_line_ids = fields.Many2many(
        "sale.order.line",
        compute="_compute_service_sale_line_ids",
        string="Sale order lines",
        help="The lines that billed this work.",
    )
    service_sale_order_id = fields.Many2one(
        "sale.order",
        compute="_compute_service_billing",
        store=True,
        index="btree_not_null",
        string="Sale order",
    )
    service_billed = fields.Boolean(
        compute="_compute_service_billing", store=True, string="Billed"
    )
    service_quantity = fields.Float(
        compute="_compute_service_billing",
        store=True,
        digits="Product Unit of Measure",
        string="Billable quantity",
        help="Quantity on the sale order lines, covered part included.",
    )
    service_covered_quantity = fields.Float(
        compute="_compute_service_billing",
        store=True,
        digits="Product Unit of Measure",
        string="Covered quantity",
        help="Part of the quantity the contract quota covers (100 % discount).",
    )
    service_currency_id = fields.Many2one(
        "res.currency", compute="_compute_service_billing", store=True
    )
    service_amount = fields.Monetary(
        compute="_compute_service_billing",
        store=True,
        currency_field="service_currency_id",
        string="Billed amount",
        help="What the customer pays for this work, untaxed.",
    )

    # Claims and their lines are written in SQL by the engine, which then
    # refreshes these figures (_service_refresh_billing); a later change of a
    # line's quantity, price or discount refreshes them too (sale.order.line).
    @api.depends("service_claim_ids")
    def _compute_service_billing(self):
        for record in self:
            lines = record._service_lines()
            quantity = covered = amount = 0.0
            for line in lines:  # one pass (a billing run refreshes thousands)
                quantity += line.product_uom_qty
                covered += line.product_uom_qty if line.service_covered else 0.0
                amount += line.price_subtotal
            first = lines[:1]
            record.service_sale_order_id = first.order_id
            record.service_billed = bool(record.service_claim_ids)
            record.service_quantity = quantity
            record.service_covered_quantity = covered
            record.service_currency_id = first.currency_id
            record.service_amount = amount

    @api.depends("service_claim_ids.sale_line_ids")
    def _compute_service_sale_line_ids(self):
        for record in self:
            record.service_sale_line_ids = record.sudo()._service_lines()

    def _service_lines(self):
        """The lines that billed this record: those naming it as their source,
        else all the lines of the piece of work it was billed with."""
        self.ensure_one()
        lines = self.service_claim_ids.sale_line_ids
        mine = lines.filtered(
            lambda line: line.service_source_model == self._name
            and line.service_source_id == self.id
        )
        return mine or lines

    def action_service_open_order(self):
        """Open the sale order that billed this work."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.service_sale_order_id.id,
            "views": [(False, "form")],
        }

    @api.model
    def _service_billable_models(self):
        """Names of the models that inherit this mixin."""
        registry = self.env.registry
        todo, found = [self._name], set()
        while todo:  # the models inheriting the mixin, directly or not
            for name in registry[todo.pop()]._inherit_children:
                if name not in found:
                    found.add(name)
                    todo.append(name)
        return sorted(name for name in found if not registry[name]._abstract)

    def _service_worked_minutes(self):
        """Hook: the minutes worked on this record, shown on the invoice's
        specification next to the billed quantity; None when the record keeps
        no time. Default: its ``duration_minutes``, if it has that field."""
        self.ensure_one()
        if "duration_minutes" in self._fields:
            return self.duration_minutes or 0.0
        return None

    def _service_billing_billed(self, lines):
        """Hook: ``lines`` (all of this call's) billed these records."""

    def _service_billing_released(self, lines):
        """Hook: ``lines`` that billed these records were cancelled, deleted or
        fully credited; the records may be billed again."""

    def _service_refresh_billing(self):
        """Recompute the billed figures now (claims are written in SQL)."""
        self.invalidate_recordset(["service_claim_ids"])
        for name, field in self._fields.items():
            if field.compute == "_compute_service_billing":
                self.env.add_to_compute(field, self)
            elif field.compute == "_compute_service_sale_line_ids":
                self.invalidate_recordset([name])
