from odoo.tests import HttpCase, new_test_user, tagged

from .common import TECHNICIAN


@tagged("post_install", "-at_install")
class TestServiceMenuTour(HttpCase):
    def test_technician_opens_service_menu(self):
        new_test_user(self.env, "sbs-tour-tech", groups=TECHNICIAN)
        partner = self.env["res.partner"].create({"name": "Tour Customer"})
        self.env["contract.contract"].create(
            {"name": "Tour customer contract", "partner_id": partner.id}
        )
        self.start_tour("/odoo", "service_contract_quota_menu", login="sbs-tour-tech")

    def test_demo_technician_logs_in_and_sees_service(self):
        """The README's demo login works and shows the Service app."""
        demo = self.env.ref("service_contract_quota.user_technician_demo")
        self.assertEqual(demo.login, "technician")
        self.authenticate("technician", "technician")
        menus = self.url_open("/web/webclient/load_menus/1").json()
        xmlids = {
            menu.get("xmlid") for menu in menus.values() if isinstance(menu, dict)
        }
        self.assertIn("service_contract_quota.service_menu_root", xmlids)
