from odoo import api, fields, models

STATUSES = [
    ("customer", "At the customer"),
    ("workshop", "In our workshop"),
    ("repairer", "At an external repairer"),
    ("returned", "Back at the customer"),
]


class FsmEquipment(models.Model):
    """Equipment installed at a customer's site, with its warranty, meters,
    technical card and service history."""

    _inherit = "fsm.equipment"

    service_partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_service_partner_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
        help="The customer owning the equipment; defaults from its site's owner.",
    )
    serial_number = fields.Char(tracking=True, copy=False)
    product_id = fields.Many2one("product.product", string="Model", tracking=True)
    installed_on = fields.Date(string="Installed on", tracking=True)
    warranty_end = fields.Date(
        string="Warranty until",
        tracking=True,
        help="Last day covered by the warranty.",
    )
    under_warranty = fields.Boolean(
        compute="_compute_under_warranty",
        search="_search_under_warranty",
        help="Under warranty today.",
    )
    image_1920 = fields.Image(string="Photo", max_width=1920, max_height=1920)
    image_128 = fields.Image(related="image_1920", max_width=128, max_height=128)
    service_status = fields.Selection(
        STATUSES,
        string="Where it is",
        default="customer",
        required=True,
        tracking=True,
    )
    service_category_id = fields.Many2one(
        "fsm.equipment.category", string="Equipment category", tracking=True
    )
    service_properties = fields.Properties(
        string="Technical card",
        definition="service_category_id.equipment_properties_definition",
        copy=True,
    )
    service_reading_ids = fields.One2many(
        "fsm.equipment.reading", "equipment_id", string="Meter readings"
    )

    @api.depends("location_id.owner_id")
    def _compute_service_partner_id(self):
        for equipment in self:
            owner = equipment.location_id.owner_id
            if owner and not equipment.service_partner_id:
                equipment.service_partner_id = owner.commercial_partner_id

    def _under_warranty_on(self, day):
        """Whether the equipment is under warranty on ``day`` (a date)."""
        self.ensure_one()
        return bool(self.warranty_end) and day <= self.warranty_end

    @api.depends("warranty_end")
    @api.depends_context("tz")
    def _compute_under_warranty(self):
        today = fields.Date.context_today(self)
        for equipment in self:
            equipment.under_warranty = equipment._under_warranty_on(today)

    def _search_under_warranty(self, operator, value):
        today = fields.Date.context_today(self)
        positive = (operator == "=") == bool(value)
        if positive:
            return [("warranty_end", ">=", today)]
        return ["|", ("warranty_end", "=", False), ("warranty_end", "<", today)]
