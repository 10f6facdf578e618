from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestEquipmentTour(HttpCase):
    def test_technician_sends_an_equipment_away_and_returns_it(self):
        """Demo technician: an equipment in the workshop goes to a repairer,
        comes back and returns to the customer, from its form."""
        technician = self.env.ref("service_contract_quota.user_technician_demo")
        customer = self.env["res.partner"].create(
            {"name": "Tour Equipment Customer", "is_company": True}
        )
        self.env["res.partner"].create({"name": "Tour Repairs", "is_company": True})
        category = self.env["fsm.equipment.category"].create(
            {
                "name": "Tour boilers",
                "equipment_properties_definition": [
                    {"name": "fuel", "string": "Fuel", "type": "char"},
                    {"name": "power_kw", "string": "Power (kW)", "type": "float"},
                ],
            }
        )
        equipment = self.env["fsm.equipment"].create(
            {
                "name": "Tour boiler",
                "service_partner_id": customer.id,
                "service_category_id": category.id,
                "serial_number": "TOUR-1",
                "warranty_end": "2099-01-01",
                "service_properties": {"fuel": "gas", "power_kw": 18.0},
            }
        )
        equipment.with_user(technician)._service_move("receive", fault="Noisy pump")
        self.start_tour(
            f"/odoo/action-field_service_activity.fsm_equipment_action/{equipment.id}",
            "field_service_activity_workshop",
            login="technician",
        )
        self.assertEqual(equipment.service_status, "returned")
        moves = equipment.service_move_ids.sorted("id")
        self.assertEqual(
            moves.mapped("to_status"), ["workshop", "repairer", "workshop", "returned"]
        )
        self.assertEqual(moves[1].partner_id.name, "Tour Repairs")
        self.assertEqual(moves[1].note, "Replace the pump")
        self.assertEqual(set(moves.mapped("user_id")), {technician})

    def test_manager_adds_a_field_to_a_category_card(self):
        """Demo manager: the category form edits the card its equipment carry."""
        category = self.env["fsm.equipment.category"].create(
            {
                "name": "Tour card boilers",
                "equipment_properties_definition": [
                    {"name": "fuel", "string": "Fuel", "type": "char"},
                ],
            }
        )
        self.start_tour(
            f"/odoo/action-field_service_activity.fsm_equipment_category_action/{category.id}",
            "field_service_activity_category_card",
            login="manager",
        )
        labels = [p["string"] for p in category.equipment_properties_definition]
        self.assertEqual(labels, ["Fuel", "Flue diameter"])
        equipment = self.env["fsm.equipment"].create(
            {"name": "Tour card boiler", "service_category_id": category.id}
        )
        card = equipment.read(["service_properties"])[0]["service_properties"]
        self.assertEqual([p["string"] for p in card], ["Fuel", "Flue diameter"])
