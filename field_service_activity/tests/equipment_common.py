from contextlib import contextmanager

from odoo.tests import new_test_user

from odoo.addons.service_contract_quota.tests.common import ServiceCase


class EquipmentCase(ServiceCase):
    """A customer site, two equipment categories with their own technical card
    and one equipment there; 2026-03-15 is today."""

    freeze_time = "2026-03-15 10:00:00"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner.is_company = True
        cls.location = cls.env["fsm.location"].create(
            {"name": "Test Customer plant", "owner_id": cls.partner.id}
        )
        Category = cls.env["fsm.equipment.category"]
        cls.boilers = Category.create(
            {
                "name": "Boilers (test)",
                "equipment_properties_definition": [
                    {
                        "name": "fuel",
                        "string": "Fuel",
                        "type": "selection",
                        "selection": [["gas", "Gas"], ["oil", "Oil"]],
                    },
                    {"name": "power_kw", "string": "Power (kW)", "type": "float"},
                ],
            }
        )
        cls.printers = Category.create(
            {
                "name": "Printers (test)",
                "equipment_properties_definition": [
                    {"name": "colour", "string": "Colour", "type": "boolean"},
                    {"name": "network_name", "string": "Network name", "type": "char"},
                ],
            }
        )
        cls.equipment = cls.env["fsm.equipment"].create(
            {
                "name": "Test boiler",
                "location_id": cls.location.id,
                "serial_number": "TB-0001",
                "service_category_id": cls.boilers.id,
                "warranty_end": "2026-03-31",
            }
        )
        cls.second_technician = new_test_user(
            cls.env,
            "sbs-equip-tech-2",
            groups="service_contract_quota.group_service_technician",
        )

    @contextmanager
    def assertRaisesText(self, exception, pattern):
        """assertRaises (which rolls back to a savepoint, unlike
        assertRaisesRegex) and a message matching ``pattern``."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)
