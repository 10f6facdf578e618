from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import format_datetime

from ..lib.planning import Slot, conflicts

PLANNING_FIELDS = ("person_id", "scheduled_date_start")


class FsmOrder(models.Model):
    """Planning: which activities still need a technician or a date, overlaps
    in a technician's plan, and the customer's e-mail when a visit is planned
    or moved."""

    _inherit = "fsm.order"

    service_to_plan = fields.Boolean(
        string="To plan",
        compute="_compute_service_to_plan",
        store=True,
        index=True,
        help="Not done yet and without a technician or a scheduled start.",
    )
    service_overlap_warning = fields.Text(
        string="Planning overlap",
        compute="_compute_service_overlap_warning",
        help="Other activities of the same technician at the same time.",
    )

    @api.depends("person_id", "scheduled_date_start", "service_state")
    def _compute_service_to_plan(self):
        for order in self:
            order.service_to_plan = order.service_state == "planned" and not (
                order.person_id and order.scheduled_date_start
            )

    def _service_slot(self):
        self.ensure_one()
        start = self.scheduled_date_start
        end = self.scheduled_date_end
        if not end and self.scheduled_duration:
            end = start + timedelta(hours=self.scheduled_duration)
        return Slot(self.id or self._origin.id or 0, start, end or start)

    @api.depends(
        "person_id",
        "scheduled_date_start",
        "scheduled_date_end",
        "scheduled_duration",
    )
    def _compute_service_overlap_warning(self):
        planned = self.filtered(lambda o: o.person_id and o.scheduled_date_start)
        (self - planned).service_overlap_warning = False
        if not planned:
            return
        slots = {order: order._service_slot() for order in planned}
        earliest = min(slot.start for slot in slots.values())
        latest = max(max(slot.start, slot.end) for slot in slots.values())
        others = self.search(
            [
                ("person_id", "in", planned.person_id.ids),
                ("scheduled_date_start", "!=", False),
                ("scheduled_date_start", "<=", latest),
                ("service_state", "in", ("planned", "in_progress")),
                ("stage_id.is_closed", "=", False),
                "|",
                ("scheduled_date_end", "=", False),
                ("scheduled_date_end", ">=", earliest),
            ]
        )
        for order, slot in slots.items():
            same_person = others.filtered(
                lambda o, order=order: o.person_id == order.person_id
            )
            found = conflicts(slot, [other._service_slot() for other in same_person])
            if not found:
                order.service_overlap_warning = False
                continue
            activities = [
                other._service_planned_label()
                for other in others.browse([hit.key for hit in found])
            ]
            order.service_overlap_warning = self.env._(
                "%(technician)s is already planned at this time: %(activities)s.",
                technician=order.person_id.name,
                activities=", ".join(activities),
            )

    def _service_planned_label(self):
        self.ensure_one()
        when = format_datetime(self.env, self.scheduled_date_start)
        return f"{self.name} ({when})"

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders.filtered(
            lambda o: o.person_id and o.scheduled_date_start
        )._service_send_planning()
        return orders

    def write(self, vals):
        if not set(vals) & set(PLANNING_FIELDS) and "scheduled_date_end" not in vals:
            return super().write(vals)
        before = {
            order: (order.person_id, order.scheduled_date_start) for order in self
        }
        result = super().write(vals)
        moved = self.filtered(
            lambda o: o.person_id
            and o.scheduled_date_start
            and (o.person_id, o.scheduled_date_start) != before[o]
        )
        moved._service_send_planning()
        return result

    def _service_send_planning(self):
        """E-mail the customer the planned date and technician (once per
        change of either)."""
        template = self.env.ref(
            "field_service_activity.mail_template_activity_planned",
            raise_if_not_found=False,
        )
        if not template:
            return
        for order in self.filtered(
            lambda o: o.service_partner_id and o.service_state == "planned"
        ):
            order.message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )
