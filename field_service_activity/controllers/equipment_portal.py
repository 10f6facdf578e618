from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class EquipmentPortal(CustomerPortal):
    """The customer's installed equipment on the portal. Portal users read
    equipment through their record rule (their company's only)."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "service_equipment_count" in counters:
            equipment = request.env["fsm.equipment"]
            values["service_equipment_count"] = (
                equipment.search_count([]) if equipment.has_access("read") else 0
            )
        return values

    def _service_status_labels(self):
        return dict(
            request.env["fsm.equipment"]
            ._fields["service_status"]
            ._description_selection(request.env)
        )

    @http.route(["/my/equipment"], type="http", auth="user", website=True)
    def portal_my_equipment_list(self, **kw):
        equipment = request.env["fsm.equipment"]
        if not equipment.has_access("read"):
            return request.redirect("/my")
        # Searched with the user's rules, displayed with sudo (sites, models).
        found = equipment.search([], order="name, id").sudo()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "equipments": found,
                "statuses": self._service_status_labels(),
                "page_name": "service_equipment_list",
            }
        )
        return request.render("field_service_activity.portal_my_equipment_list", values)

    @http.route(
        ["/my/equipment/<int:equipment_id>"], type="http", auth="user", website=True
    )
    def portal_my_equipment(self, equipment_id, **kw):
        try:
            equipment = self._document_check_access("fsm.equipment", equipment_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "equipment": equipment,
                "statuses": self._service_status_labels(),
                "readings": equipment.service_reading_ids.sorted(
                    lambda r: (r.meter, r.date), reverse=True
                ),
                "activities": equipment._service_portal_activities(
                    request.env.user.commercial_partner_id
                ),
                "activity_states": dict(
                    request.env["fsm.order"]
                    ._fields["service_state"]
                    ._description_selection(request.env)
                ),
                "page_name": "service_equipment",
            }
        )
        return request.render("field_service_activity.portal_my_equipment", values)
