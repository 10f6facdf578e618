from datetime import datetime

from odoo import Command

from odoo.addons.service_contract_quota.tests.common import QuotaCase


class ActivityBillingCase(QuotaCase):
    """Signed service activities ready for approval: a field customer with a
    60-minute quota on the labour, a customer without contract, the company's
    labour (90.00/h) and mileage (0.45/km) products, parts at 12.50 and 24.90."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        hour = cls.env.ref("uom.product_uom_hour")
        km = cls.env.ref("uom.product_uom_km")
        product = cls.env["product.product"]
        cls.labour = product.create(cls._service("Field labour", hour, 90.0))
        cls.mileage = product.create(cls._service("Mileage", km, 0.45))
        cls.gasket = product.create(cls._part("Gasket set", 12.50))
        cls.filter = product.create(cls._part("Burner filter", 24.90))
        cls.env.company.write(
            {
                "service_fsm_labour_product_id": cls.labour.id,
                "service_fsm_mileage_product_id": cls.mileage.id,
                "service_auto_confirm": False,
                "service_auto_invoice": False,
            }
        )
        cls.minute_rule = cls.env["service.rounding.rule"].create(
            {"name": "Field minute", "minimum_minutes": 1, "step_minutes": 1}
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Field customer",
                "email": "field@customer.example.com",
                "property_product_pricelist": cls.pricelist.id,
            }
        )
        cls.field_quota = cls._quota(
            cls._contract(cls.customer, cls.TODAY.replace(month=1, day=1)),
            allowance=60,
            products=cls.labour,
            rounding_rule_id=cls.minute_rule.id,
        )
        cls.partner_b.email = "b@customer.example.com"
        cls.project = cls.env["project.project"].create(
            {"name": "Field time", "allow_timesheets": True}
        )
        cls.worker = cls.env["hr.employee"].create({"name": "Field worker"})
        cls.env.company.service_rounding_rule_id = cls.minute_rule

    @classmethod
    def _part(cls, name, price):
        return {
            "name": name,
            "type": "consu",
            "list_price": price,
            "invoice_policy": "order",
            "taxes_id": [Command.clear()],
        }

    def signed(
        self, partner=None, kind="one_off", minutes=(45, 30), parts=None, km=37.0
    ):
        """A signed activity (set up as the technician's report would leave it):
        time entries of ``minutes``, parts [(product, used, kind)], kilometres."""
        partner = partner or self.customer
        if parts is None:
            parts = [(self.gasket, 3, "part"), (self.filter, 1, "material")]
        location = self.env["fsm.location"].create(
            {"name": f"{partner.name} site", "owner_id": partner.id}
        )
        start = datetime(2026, 3, 15, 8, 0)
        order = self.env["fsm.order"].create(
            {
                "location_id": location.id,
                "service_kind": kind,
                "scheduled_date_start": start,
                "date_start": start,
                "service_line_ids": [
                    Command.create(
                        {
                            "line_kind": line_kind,
                            "product_id": product.id,
                            "planned_qty": used,
                            "used_qty": used,
                        }
                    )
                    for product, used, line_kind in parts
                ],
            }
        )
        self.env["account.analytic.line"].create(
            [
                {
                    "name": f"Work {n}",
                    "project_id": self.project.id,
                    "employee_id": self.worker.id,
                    "service_fsm_order_id": order.id,
                    "date": self.TODAY,
                    "unit_amount": value / 60,
                }
                for n, value in enumerate(minutes)
            ]
        )
        order.write(
            {
                "service_state": "done",
                "signed_by": "Signing Customer",
                "signed_on": datetime(2026, 3, 15, 10, 0),
                "service_km": km,
            }
        )
        return order

    def lines_of(self, order):
        """(product, quantity, unit price, discount, subtotal) of each line."""
        return [
            (
                line.product_id,
                line.product_uom_qty,
                line.price_unit,
                line.discount,
                line.price_subtotal,
            )
            for line in order.order_line.sorted("sequence")
        ]
