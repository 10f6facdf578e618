from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

TECHNICIAN = "service_contract_quota.group_service_technician"
MANAGER = "service_contract_quota.group_service_manager"


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
