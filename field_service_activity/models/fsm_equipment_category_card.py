from odoo import api, fields, models


class FsmEquipmentCategory(models.Model):
    """The technical card editor: the category shows its own card, where a
    manager adds, renames and removes the fields its equipment carry."""

    _inherit = "fsm.equipment.category"

    card_category_id = fields.Many2one(
        "fsm.equipment.category",
        compute="_compute_card_category_id",
        store=True,
        help="Technical: the category itself, holder of the card being edited.",
    )
    card_preview = fields.Properties(
        string="Technical card",
        definition="card_category_id.equipment_properties_definition",
        copy=False,
        precompute=False,
        help="The fields each equipment of this category carries. The values "
        "entered here are only an example.",
    )
    equipment_ids = fields.One2many(
        "fsm.equipment", "service_category_id", string="Equipment"
    )
    equipment_count = fields.Integer(compute="_compute_equipment_count")

    @api.depends("name")
    def _compute_card_category_id(self):
        for category in self:
            category.card_category_id = category._origin

    def _compute_equipment_count(self):
        groups = self.env["fsm.equipment"]._read_group(
            [("service_category_id", "in", self.ids)],
            ["service_category_id"],
            ["__count"],
        )
        counts = {category.id: count for category, count in groups}
        for category in self:
            category.equipment_count = counts.get(category.id, 0)

    def action_view_equipment(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "field_service_activity.fsm_equipment_action"
        )
        action["domain"] = [("service_category_id", "=", self.id)]
        action["context"] = {"default_service_category_id": self.id}
        return action
