from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    service_rounding_rule_id = fields.Many2one(
        "service.rounding.rule",
        string="Rounding rule",
        company_dependent=True,
        help="How timed work on this service is rounded, unless the contract "
        "quota sets its own rule; defaults to the company's rule.",
    )
    service_quota_coverable = fields.Boolean(
        string="Quotas may cover it",
        default=True,
        help="Clear it to bill this service at its price even to customers whose "
        "quota covers its category (an emergency surcharge, travel).",
    )
    service_billing_note = fields.Char(
        string="Billed",
        compute="_compute_service_billing_note",
        help="How recorded time on this service becomes a quantity to bill.",
    )

    @api.depends("uom_id")
    @api.depends_context("lang")
    def _compute_service_billing_note(self):
        for template in self:
            if not template.uom_id:
                template.service_billing_note = False
            elif template._service_sold_by_time():
                template.service_billing_note = self.env._(
                    "Sold by time (%(uom)s): recorded time is rounded by the rule "
                    "and billed in whole minutes at the price per minute.",
                    uom=template.uom_id.name,
                )
            else:
                template.service_billing_note = self.env._(
                    "Sold in %(uom)s: recorded time is billed as one %(uom)s per "
                    "piece of work (with a rule billing per piece of work).",
                    uom=template.uom_id.name,
                )

    def _service_sold_by_time(self):
        minute = self.env["service.billing"]._minute_uom()
        return self.uom_id.category_id == minute.category_id

    @api.constrains("service_rounding_rule_id", "uom_id")
    def _check_service_rounding_rule(self):
        for template in self:
            rule = template.service_rounding_rule_id
            if rule.per_unit and template._service_sold_by_time():
                raise ValidationError(
                    self.env._(
                        "%(product)s is sold by time (%(uom)s): rule %(rule)s bills "
                        "one unit per piece of work and would bill 1 %(uom)s for any "
                        "length. Choose a timed rule.",
                        product=template.display_name,
                        uom=template.uom_id.name,
                        rule=rule.name,
                    )
                )

    @api.constrains("service_quota_coverable")
    def _check_service_quota_coverable(self):
        excluded = self.filtered(lambda t: not t.service_quota_coverable)
        if not excluded:
            return
        quotas = (
            self.env["service.quota"]
            .sudo()
            .with_context(active_test=False)
            .search([("product_ids.product_tmpl_id", "in", excluded.ids)])
        )
        if quotas:
            raise ValidationError(
                self.env._(
                    "%(product)s is a covered service of quota %(quota)s: remove it "
                    "from the quota before excluding it from quotas.",
                    product=(quotas.product_ids.product_tmpl_id & excluded)[
                        :1
                    ].display_name,
                    quota=quotas[:1].display_name,
                )
            )
