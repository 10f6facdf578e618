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
    from_quantity = fields.Float(
        required=True,
        digits="Product Unit of Measure",
        help="Overage in the period (in the quota's unit) where this price starts.",
    )
    to_quantity = fields.Float(
        digits="Product Unit of Measure",
        help="Where it ends; leave empty on the last tier for no limit.",
    )
    open_ended = fields.Boolean(compute="_compute_open_ended")
    price = fields.Monetary(
        required=True, help="Price per unit of the billed product in this band."
    )

    @api.depends("to_quantity")
    def _compute_open_ended(self):
        for tier in self:
            tier.open_ended = not tier.to_quantity

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
