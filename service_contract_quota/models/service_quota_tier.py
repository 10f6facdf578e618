from odoo import api, fields, models


class ServiceQuotaTier(models.Model):
    _name = "service.quota.tier"
    _description = "Service Quota Overage Tier"
    _order = "quota_id, from_quantity, id"

    quota_id = fields.Many2one(
        "service.quota", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="quota_id.company_id", store=True)
    currency_id = fields.Many2one(related="quota_id.currency_id")
    unit_label = fields.Char(related="quota_id.unit_label", string="Unit")
    from_quantity = fields.Float(
        string="From",
        required=True,
        digits="Product Unit of Measure",
        help="Overage in the period (in the quota's unit) where this price starts.",
    )
    to_quantity = fields.Float(
        string="To",
        digits="Product Unit of Measure",
        help="Where it ends; leave at 0 on the last tier for no limit.",
    )
    open_ended = fields.Boolean(compute="_compute_open_ended", string="No limit")
    from_label = fields.Char(string="Overage from", compute="_compute_labels")
    to_label = fields.Char(string="Up to", compute="_compute_labels")
    price = fields.Monetary(
        required=True, help="Price per unit of the billed product in this band."
    )

    @api.depends("to_quantity")
    def _compute_open_ended(self):
        for tier in self:
            tier.open_ended = not tier.to_quantity

    @api.depends("from_quantity", "to_quantity", "unit_label")
    def _compute_labels(self):
        no_limit = self.env._("no limit")
        for tier in self:
            unit = tier.unit_label or ""
            tier.from_label = f"{tier.from_quantity:g} {unit}".strip()
            tier.to_label = (
                no_limit if tier.open_ended else f"{tier.to_quantity:g} {unit}".strip()
            )

    @api.constrains("from_quantity", "to_quantity", "price")
    def _check_band(self):
        self.quota_id._check_tiers()


class ServiceQuota(models.Model):
    _inherit = "service.quota"

    has_tiers = fields.Boolean(
        compute="_compute_has_tiers",
        store=True,
        help="Whether overage is priced by tiers (billing reads them only then).",
    )

    @api.depends("tier_ids")
    def _compute_has_tiers(self):
        for quota in self:
            quota.has_tiers = bool(quota.tier_ids)
