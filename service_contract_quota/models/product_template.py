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
