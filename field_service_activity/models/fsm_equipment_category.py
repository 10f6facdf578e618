from odoo import fields, models


class FsmEquipmentCategory(models.Model):
    """A kind of installed equipment (boiler, printer, lift...): it defines the
    technical card (company-defined fields) of its equipment."""

    _name = "fsm.equipment.category"
    _description = "Equipment category"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    equipment_properties_definition = fields.PropertiesDefinition(
        string="Technical card fields"
    )
