from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..lib.warranty import under_warranty, warranty_days_left

MANAGER = "service_contract_quota.group_service_manager"


class FsmEquipment(models.Model):
    """Warranty on a day, company consistency, service history and the guard on
    where the equipment is."""

    _inherit = "fsm.equipment"
    # OCA fieldservice declares no company check: an equipment could point to
    # another company's customer, site or category.
    _check_company_auto = True

    service_partner_id = fields.Many2one(check_company=True)
    location_id = fields.Many2one(check_company=True)
    current_location_id = fields.Many2one(check_company=True)
    service_category_id = fields.Many2one(check_company=True)
    product_id = fields.Many2one(check_company=True)
    image_128 = fields.Image(string="Thumbnail", store=True)
    image_512 = fields.Image(
        string="Photo (medium)",
        related="image_1920",
        max_width=512,
        max_height=512,
        store=True,
    )
    warranty_days_left = fields.Integer(
        compute="_compute_under_warranty", help="Days of warranty left today."
    )
    service_order_ids = fields.Many2many(
        "fsm.order",
        string="Service history",
        compute="_compute_service_order_ids",
        help="Activities on this equipment, as its main equipment or one of "
        "the order's equipment.",
    )
    service_order_count = fields.Integer(
        string="Service activities", compute="_compute_service_order_ids"
    )
    service_move_ids = fields.One2many(
        "fsm.equipment.move", "equipment_id", string="Workshop history"
    )
    service_reading_count = fields.Integer(
        string="Readings", compute="_compute_service_reading_count"
    )

    def _under_warranty_on(self, day):
        """Whether the equipment is under warranty on ``day`` (a date)."""
        self.ensure_one()
        return under_warranty(self.warranty_end or None, day)

    @api.depends("warranty_end")
    @api.depends_context("tz")
    def _compute_under_warranty(self):
        today = fields.Date.context_today(self)
        for equipment in self:
            equipment.under_warranty = equipment._under_warranty_on(today)
            equipment.warranty_days_left = warranty_days_left(
                equipment.warranty_end or None, today
            )

    def _service_order_domain(self):
        return [
            "|",
            ("service_equipment_id", "in", self.ids),
            ("equipment_ids", "in", self.ids),
        ]

    def _compute_service_order_ids(self):
        orders = self.env["fsm.order"].search(
            self._service_order_domain(),
            order="scheduled_date_start desc, id desc",
        )
        for equipment in self:
            mine = orders.filtered(
                lambda o, e=equipment: o.service_equipment_id == e
                or e in o.equipment_ids
            )
            equipment.service_order_ids = mine
            equipment.service_order_count = len(mine)

    def _compute_service_reading_count(self):
        groups = self.env["fsm.equipment.reading"]._read_group(
            [("equipment_id", "in", self.ids)], ["equipment_id"], ["__count"]
        )
        counts = {equipment.id: count for equipment, count in groups}
        for equipment in self:
            equipment.service_reading_count = counts.get(equipment.id, 0)

    def write(self, vals):
        if "service_status" in vals and not self.env.su:
            self._service_check_status_write(vals["service_status"])
            changed = self.filtered(
                lambda e: e.service_status != vals["service_status"]
            )
            before = {equipment: equipment.service_status for equipment in changed}
            result = super().write(vals)
            changed._service_record_correction(before)
            return result
        return super().write(vals)

    def _service_check_status_write(self, status):
        """Where an equipment is changes through the workshop actions; only a
        service manager may correct it by hand."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._(
                    "Use the workshop actions (receive, send to a repairer, back "
                    "from the repairer, return to the customer) to move an "
                    "equipment; only a service manager may correct where it is."
                )
            )

    def _service_record_correction(self, before):
        """A manager's correction of the status leaves a row in the workshop
        history and a note in the chatter."""
        labels = dict(self._fields["service_status"]._description_selection(self.env))
        for equipment in self:
            equipment._service_log_move(
                before[equipment],
                equipment.service_status,
                note=self.env._("Corrected by hand"),
            )
            equipment.message_post(
                body=self.env._(
                    "%(user)s corrected where the equipment is: %(old)s -> %(new)s.",
                    user=self.env.user.name,
                    old=labels.get(before[equipment]),
                    new=labels.get(equipment.service_status),
                )
            )

    def action_service_orders(self):
        """The activities on this equipment."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "fieldservice.action_fsm_operation_order"
        )
        action["domain"] = self._service_order_domain()
        action["context"] = {
            "default_service_equipment_id": self.id,
            "default_location_id": self.location_id.id,
        }
        return action

    def action_service_readings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "field_service_activity.fsm_equipment_reading_action"
        )
        action["domain"] = [("equipment_id", "=", self.id)]
        action["context"] = {"default_equipment_id": self.id}
        return action

    def _service_portal_activities(self, customer):
        """The activities on this equipment that ``customer`` (a commercial
        partner) is the customer of; read as superuser for the portal page, to
        show only their name, date and status."""
        self.ensure_one()
        return (
            self.env["fsm.order"]
            .sudo()
            .search(
                self._service_order_domain()
                + [("service_partner_id", "child_of", customer.ids)],
                order="scheduled_date_start desc, id desc",
            )
        )
