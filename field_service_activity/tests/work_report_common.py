from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.service_contract_quota.tests.common import TECHNICIAN, ServiceCase


class WorkReportCase(ServiceCase):
    """A customer's boiler at its site, two technicians with employees (time is
    logged as timesheets), and a planned activity with two parts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner.email = "customer@example.com"
        cls.technician_2 = new_test_user(cls.env, "sbs-tech-2", groups=TECHNICIAN)
        cls.env["hr.employee"].create(
            [
                {"name": "Tess", "user_id": cls.technician.id},
                {"name": "Theo", "user_id": cls.technician_2.id},
                {"name": "Max", "user_id": cls.manager.id},
            ]
        )
        cls.location = cls.env["fsm.location"].create(
            {"name": "Customer plant", "owner_id": cls.partner.id}
        )
        cls.person = cls.env["fsm.person"].create(
            {"partner_id": cls.technician.partner_id.id}
        )
        cls.equipment = cls.env["fsm.equipment"].create(
            {
                "name": "Work report test boiler",
                "location_id": cls.location.id,
                "service_partner_id": cls.partner.id,
                "serial_number": "CB24-0042",
            }
        )
        cls.filter = cls.env["product.product"].create(
            {"name": "Burner filter", "type": "consu", "list_price": 24.9}
        )
        cls.gasket = cls.env["product.product"].create(
            {"name": "Gasket set", "type": "consu", "list_price": 12.5}
        )

    def activity(self, **vals):
        """A planned activity of the technician at the customer's boiler."""
        return self.env["fsm.order"].create(
            {
                "location_id": self.location.id,
                "person_id": self.person.id,
                "service_equipment_id": self.equipment.id,
                "service_line_ids": [
                    Command.create({"product_id": self.filter.id, "planned_qty": 2}),
                    Command.create({"product_id": self.gasket.id, "planned_qty": 1}),
                ],
                **vals,
            }
        )

    def as_technician(self, order, user=None):
        return order.with_user(user or self.technician)
