from datetime import date, datetime

from odoo.tests import new_test_user

from odoo.addons.service_contract_quota.tests.common import TECHNICIAN, ServiceCase


class ActivityCase(ServiceCase):
    """A customer site with a boiler under warranty until 2026-06-30 and a
    printer out of it, two technicians (as field service workers), parts."""

    WARRANTY_END = date(2026, 6, 30)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner.write({"is_company": True, "email": "customer@example.com"})
        cls.other_technician = new_test_user(cls.env, "sbs-tech-2", groups=TECHNICIAN)
        for user in (cls.technician, cls.other_technician, cls.manager):
            user.tz = "Europe/Berlin"
        person = cls.env["fsm.person"]
        cls.worker = person.create({"partner_id": cls.technician.partner_id.id})
        cls.other_worker = person.create(
            {"partner_id": cls.other_technician.partner_id.id}
        )
        cls.site = cls.env["fsm.location"].create(
            {
                "name": "Customer head office",
                "owner_id": cls.partner.id,
                "partner_id": cls.partner.id,
                "tz": "Europe/Berlin",
            }
        )
        equipment = cls.env["fsm.equipment"]
        cls.boiler = equipment.create(
            {
                "name": "Boiler",
                "location_id": cls.site.id,
                "current_location_id": cls.site.id,
                "service_partner_id": cls.partner.id,
                "warranty_end": cls.WARRANTY_END,
            }
        )
        cls.printer = equipment.create(
            {
                "name": "Printer",
                "location_id": cls.site.id,
                "current_location_id": cls.site.id,
                "service_partner_id": cls.partner.id,
                "warranty_end": date(2020, 1, 31),
            }
        )
        product = cls.env["product.product"]
        cls.gasket = product.create(
            {"name": "Gasket", "type": "consu", "list_price": 12.5}
        )
        cls.hour = product.create(
            {
                "name": "On-site hour",
                "type": "service",
                "list_price": 80.0,
                "uom_id": cls.env.ref("uom.product_uom_hour").id,
                "uom_po_id": cls.env.ref("uom.product_uom_hour").id,
            }
        )

    @classmethod
    def activity(cls, **vals):
        """An activity at the customer's site created by the manager."""
        values = {"location_id": cls.site.id, "service_partner_id": cls.partner.id}
        values.update(vals)
        return cls.env["fsm.order"].with_user(cls.manager).create(values)

    @staticmethod
    def at(*args):
        return datetime(*args)
