from odoo import Command, api, fields, models
from odoo.exceptions import UserError

MANAGER = "service_contract_quota.group_service_manager"
# What only a service manager decides on an activity.
MANAGER_FIELDS = {
    "service_kind",
    "service_partner_id",
    "service_quota_id",
    "service_quota_manual",
}


class FsmOrder(models.Model):
    """Creating an activity under customer > equipment: the equipment fills the
    customer and the site, the kind is proposed from its warranty, and only
    service managers decide the kind, the customer and the quota."""

    _inherit = "fsm.order"

    service_is_manager = fields.Boolean(
        compute="_compute_service_is_manager",
        default=lambda self: self.env.user.has_group(MANAGER),
        help="The current user is a service manager (the form opens what only "
        "managers change).",
    )

    @api.depends_context("uid")
    def _compute_service_is_manager(self):
        self.service_is_manager = self.env.user.has_group(MANAGER)

    def _service_is_draft(self):
        """Still being prepared: planned, nothing billed."""
        self.ensure_one()
        return self.service_state == "planned" and not self.service_billed

    def _service_proposed_kind(self):
        """The kind the activity's equipment and day suggest, or False when they
        suggest nothing: warranty while the equipment is under warranty on the
        planned day, back to one-off when a warranty proposal no longer holds."""
        self.ensure_one()
        if not self.service_equipment_id or not self._service_is_draft():
            return False
        covered = self.service_equipment_id._under_warranty_on(self._service_day())
        if covered and self.service_kind == "one_off":
            return "warranty"
        if not covered and self.service_kind == "warranty":
            return "one_off"
        return False

    @api.onchange("service_equipment_id")
    def _onchange_service_equipment_id(self):
        equipment = self.service_equipment_id
        if not equipment:
            return
        if equipment.location_id:
            self.location_id = equipment.location_id
        if equipment not in self.equipment_ids:
            self.equipment_ids = [Command.link(equipment.id)]

    @api.onchange("service_equipment_id", "scheduled_date_start", "date_start")
    def _onchange_service_kind_proposal(self):
        if proposal := self._service_proposed_kind():
            self.service_kind = proposal

    @api.model_create_multi
    def create(self, vals_list):
        equipment_model = self.env["fsm.equipment"]
        for vals in vals_list:
            self._check_service_manager(
                {key: vals[key] for key in ("service_quota_id",) if key in vals}
            )
            if vals.get("service_quota_id"):
                vals["service_quota_manual"] = True
            equipment = equipment_model.browse(vals.get("service_equipment_id"))
            if equipment:
                if not vals.get("location_id") and equipment.location_id:
                    vals["location_id"] = equipment.location_id.id
                if "equipment_ids" not in vals:
                    vals["equipment_ids"] = [Command.link(equipment.id)]
            if "service_kind" not in vals and vals.get("service_recurrence_until"):
                vals["service_kind"] = "recurring"
        orders = super().create(vals_list)
        for order, vals in zip(orders, vals_list, strict=True):
            if "service_kind" in vals:
                continue
            if proposal := order._service_proposed_kind():
                order.sudo().service_kind = proposal
        return orders

    def write(self, vals):
        self._check_service_manager(vals)
        if "service_quota_id" in vals:
            vals = dict(vals, service_quota_manual=bool(vals["service_quota_id"]))
        return super().write(vals)

    def _check_service_manager(self, vals):
        """Refuse a change of what only managers decide, for anyone else
        (values written unchanged, as forms do, pass)."""
        names = set(vals) & MANAGER_FIELDS
        if self.env.su or not names or self.env.user.has_group(MANAGER):
            return
        changed = [name for name in names if self._service_differs(name, vals[name])]
        if changed:
            raise UserError(
                self.env._(
                    "Only service managers change the kind, the customer or the "
                    "quota of a service activity."
                )
            )

    def _service_differs(self, name, value):
        """Whether writing ``value`` to field ``name`` changes a record of self
        (always, when creating)."""
        if not self:
            return bool(value)
        field = self._fields[name]
        for order in self:
            current = order[name]
            if field.type == "many2one":
                current = current.id
                value = value.id if isinstance(value, models.BaseModel) else value
            if (current or False) != (value or False):
                return True
        return False
