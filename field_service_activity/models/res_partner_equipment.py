from odoo import fields, models

TECHNICIAN = "service_contract_quota.group_service_technician"


def _ancestors(partner):
    """The partner and its parents, up to the top."""
    found = partner.browse()
    while partner and partner not in found:
        found |= partner
        partner = partner.parent_id
    return found


class ResPartner(models.Model):
    """The customer's installed base: equipment of the customer or of any of
    its contacts."""

    _inherit = "res.partner"

    service_equipment_ids = fields.Many2many(
        "fsm.equipment",
        string="Installed base",
        compute="_compute_service_equipment_ids",
        groups=TECHNICIAN,
    )
    service_equipment_count = fields.Integer(
        string="Installed equipment",
        compute="_compute_service_equipment_ids",
        groups=TECHNICIAN,
    )

    def _service_equipment_domain(self):
        return [
            (
                "service_partner_id",
                "child_of",
                self.commercial_partner_id.ids,
            )
        ]

    def _compute_service_equipment_ids(self):
        commercial = self.commercial_partner_id
        equipment = self.env["fsm.equipment"].search(
            commercial._service_equipment_domain()
        )
        for partner in self:
            root = partner.commercial_partner_id
            # child_of, as the search: the customer and every contact under it
            mine = equipment.filtered(
                lambda e, r=root: r in _ancestors(e.service_partner_id)
            )
            partner.service_equipment_ids = mine
            partner.service_equipment_count = len(mine)

    def action_service_equipment(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "field_service_activity.fsm_equipment_action"
        )
        action["domain"] = self.commercial_partner_id._service_equipment_domain()
        action["context"] = {
            "default_service_partner_id": self.commercial_partner_id.id
        }
        return action
