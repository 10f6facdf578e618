from datetime import date

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

TECHNICIAN = "service_contract_quota.group_service_technician"
MANAGER = "service_contract_quota.group_service_manager"


def service_product_vals(name, uom, price):
    """Values of a service sold in ``uom`` at ``price``, invoiced on order,
    without taxes."""
    return {
        "name": name,
        "type": "service",
        "list_price": price,
        "uom_id": uom.id,
        "uom_po_id": uom.id,
        "invoice_policy": "order",
        "taxes_id": [Command.clear()],
    }


class ServiceCase(BaseCommon):
    """Users of both roles, a plain employee and a customer with a contract."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.technician = new_test_user(cls.env, "sbs-tech", groups=TECHNICIAN)
        cls.manager = new_test_user(cls.env, "sbs-manager", groups=MANAGER)
        cls.employee = new_test_user(cls.env, "sbs-employee", groups="base.group_user")
        cls.product = cls.env["product.product"].create(
            {"name": "Support fee", "type": "service", "list_price": 100.0}
        )
        cls.contract = cls.env["contract.contract"].create(
            {
                "name": "Support for Test Customer",
                "partner_id": cls.partner.id,
                "line_recurrence": True,
                "contract_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "name": "Monthly support",
                            "quantity": 1,
                            "price_unit": 100.0,
                            "recurring_rule_type": "monthly",
                        }
                    )
                ],
            }
        )

    def visible_menu_xmlids(self, user):
        """XML ids of the menus ``user`` sees in the web client."""
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        return {menu.get("xmlid") for menu in menus.values() if isinstance(menu, dict)}


class QuotaCase(BaseCommon):
    """A customer with a 600 min / month remote support quota; 2026-03-15 is today."""

    TODAY = date(2026, 3, 15)
    freeze_time = "2026-03-15 10:00:00"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.technician = new_test_user(cls.env, "sbs-quota-tech", groups=TECHNICIAN)
        cls.manager = new_test_user(cls.env, "sbs-quota-manager", groups=MANAGER)
        minute = cls.env.ref("service_contract_quota.uom_minute")
        hour = cls.env.ref("uom.product_uom_hour")
        unit = cls.env.ref("uom.product_uom_unit")
        product = cls.env["product.product"]
        cls.pricelist = cls.env["product.pricelist"].create(
            {"name": "Service EUR", "currency_id": cls.env.company.currency_id.id}
        )
        cls.remote = product.create(cls._service("Remote minute", minute, 1.5))
        cls.onsite = product.create(cls._service("On-site hour", hour, 90.0))
        cls.incident = product.create(cls._service("Incident", unit, 45.0))
        cls.other = product.create(cls._service("Not covered", minute, 2.0))
        cls.partner.property_product_pricelist = cls.pricelist
        cls.partner_b = cls.env["res.partner"].create(
            {"name": "Customer B", "property_product_pricelist": cls.pricelist.id}
        )
        cls.contract = cls._contract(cls.partner, date(2026, 1, 1), date(2026, 12, 31))
        cls.quota = cls._quota(
            cls.contract, allowance=600, products=cls.remote | cls.onsite
        )
        # Sources: any record works; the engine bills each at most once.
        cls.sources = cls.env["res.partner"].create(
            [{"name": f"Work {n}"} for n in range(30)]
        )

    @classmethod
    def _service(cls, name, uom, price):
        return service_product_vals(name, uom, price)

    @classmethod
    def _contract(cls, partner, start, end=False):
        return cls.env["contract.contract"].create(
            {
                "name": f"Support {partner.name} {start}",
                "partner_id": partner.id,
                "line_recurrence": True,
                "date_start": start,
                "date_end": end,
            }
        )

    @classmethod
    def _quota(cls, contract, allowance, products, **vals):
        return cls.env["service.quota"].create(
            {
                "name": f"{allowance} per period",
                "contract_id": contract.id,
                "allowance": allowance,
                "product_ids": [Command.set(products.ids)],
                **vals,
            }
        )

    def bill(self, product, quantity=None, source=None, partner=None, day=None, **item):
        """Bill one item; return its sale order."""
        return self.bill_lines(product, quantity, source, partner, day, **item).order_id

    def bill_lines(
        self, product, quantity=None, source=None, partner=None, day=None, **item
    ):
        """Bill one item; return the sale order lines the engine returned."""
        item.update(
            {
                "partner_id": (partner or self.partner).id,
                "product_id": product.id,
                "source": source or self.sources[0],
                "date": day or self.TODAY,
            }
        )
        if quantity is not None:
            item["quantity"] = quantity
        return self.env["service.billing"].bill([item])
