import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import RemoteCase


class TestRemoteAccess(RemoteCase):
    def setUp(self):
        super().setUp()
        with self.at("10:00"):
            self.mine = self.new_session()
            self.mine.action_start()
            self.theirs = self.new_session(user=self.tech2)
            self.theirs.action_start()

    def test_technicians_see_and_act_on_their_own_sessions_only(self):
        Session = self.Session.with_user(self.technician)
        self.assertEqual(Session.search([]), self.mine)
        theirs = self.theirs.with_user(self.technician)
        with self.assertRaises(AccessError):
            theirs.read(["state"])
        for action in (
            "action_pause",
            "action_finish",
            "action_reset",
            "action_cancel",
        ):
            with self.assertRaises(AccessError):
                getattr(theirs, action)()
        with self.assertRaises(AccessError):
            theirs.action_connect(self.access_anydesk.id)
        self.assertEqual(self.theirs.state, "running")
        self.assertFalse(self.theirs.service_sale_order_id)
        with self.assertRaises(AccessError):
            self.theirs.interval_ids.with_user(self.technician).read(["start"])

    def test_state_and_billing_change_only_through_the_buttons(self):
        mine = self.mine.with_user(self.technician)
        for vals in (
            {"state": "done"},
            {
                "service_sale_order_id": self.env["sale.order"]
                .create({"partner_id": self.partner.id})
                .id
            },
            {"service_covered_quantity": 500},
        ):
            with self.assertRaises(UserError):
                mine.write(vals)
        with self.assertRaises(UserError):
            self.Session.with_user(self.technician).create(
                {"partner_id": self.partner.id, "state": "done"}
            )
        self.assertEqual(self.mine.state, "running")
        self.assertFalse(self.mine.service_sale_order_id)

    def test_technicians_do_not_open_sessions_for_someone_else(self):
        with self.assertRaises(AccessError):
            self.Session.with_user(self.technician).create(
                {"partner_id": self.partner.id, "user_id": self.tech2.id}
            )
        with self.assertRaises(AccessError):
            self.mine.with_user(self.technician).write({"user_id": self.tech2.id})

    def test_managers_see_and_act_on_all_sessions(self):
        Session = self.Session.with_user(self.manager)
        self.assertEqual(
            Session.search([]) & (self.mine | self.theirs), self.mine | self.theirs
        )
        with self.at("10:10"):
            self.theirs.with_user(self.manager).action_pause()
        self.assertEqual(self.theirs.state, "paused")

    def test_technicians_read_tools_managers_configure_them(self):
        tool = self.env["service.remote.tool"].with_user(self.technician)
        self.assertIn(self.anydesk, tool.search([]))
        with self.assertRaises(AccessError):
            tool.create({"name": "X", "url_template": "vnc://{remote_id}"})
        self.env["service.remote.tool"].with_user(self.manager).create(
            {"name": "X", "url_template": "vnc://{remote_id}"}
        )
        # Technicians keep customers' remote IDs up to date.
        self.env["service.remote.access"].with_user(self.technician).create(
            {
                "partner_id": self.partner_b.id,
                "tool_id": self.anydesk.id,
                "remote_id": "1",
            }
        )

    def test_plain_employees_see_no_session(self):
        employee = new_test_user(self.env, "sbs-remote-emp", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.Session.with_user(employee).search([])


@tagged("post_install", "-at_install")
class TestRemoteAccessHttp(HttpCase):
    """What technicians and portal users reach over JSON-RPC and the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        technician = "service_contract_quota.group_service_technician"
        cls.tech = new_test_user(cls.env, "sbs-rpc-tech", groups=technician)
        cls.tech2 = new_test_user(cls.env, "sbs-rpc-tech2", groups=technician)
        cls.customer_a = cls.env["res.partner"].create(
            {"name": "Portal Customer A", "is_company": True}
        )
        cls.customer_b = cls.env["res.partner"].create(
            {"name": "Portal Customer B", "is_company": True}
        )
        contact_a = cls.env["res.partner"].create(
            {"name": "Alice A", "parent_id": cls.customer_a.id, "email": "a@a.example"}
        )
        cls.portal_user = new_test_user(
            cls.env,
            "sbs-rpc-portal",
            groups="base.group_portal",
            partner_id=contact_a.id,
        )
        Session = cls.env["service.remote.session"]
        cls.done_a, cls.done_b, cls.open_a, cls.other_tech = Session.create(
            [
                {"partner_id": cls.customer_a.id, "user_id": cls.tech.id},
                {"partner_id": cls.customer_b.id, "user_id": cls.tech.id},
                {"partner_id": cls.customer_a.id, "user_id": cls.tech.id},
                {"partner_id": cls.customer_a.id, "user_id": cls.tech2.id},
            ]
        )
        (cls.done_a | cls.done_b).write(
            {"state": "done", "service_quantity": 25, "service_covered_quantity": 10}
        )

    def call(self, model, method, *args, **kwargs):
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": model,
                        "method": method,
                        "args": list(args),
                        "kwargs": kwargs,
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def test_technician_cannot_reach_another_technicians_session_over_rpc(self):
        self.authenticate("sbs-rpc-tech", "sbs-rpc-tech")
        found = self.call(
            "service.remote.session", "search_read", [], fields=["id", "user_id"]
        )["result"]
        self.assertNotIn(self.other_tech.id, {row["id"] for row in found})
        self.assertIn(self.open_a.id, {row["id"] for row in found})
        for method in ("action_start", "action_finish", "read"):
            answer = self.call("service.remote.session", method, [self.other_tech.id])
            self.assertIn("error", answer, method)
            self.assertIn("AccessError", answer["error"]["data"]["name"])
        self.other_tech.invalidate_recordset()
        self.assertEqual(self.other_tech.state, "draft")
        self.assertFalse(self.other_tech.interval_ids)

    def test_portal_user_sees_own_companys_finished_sessions_only(self):
        self.authenticate("sbs-rpc-portal", "sbs-rpc-portal")
        rows = self.call(
            "service.remote.session",
            "search_read",
            [],
            fields=["name", "service_covered_quantity", "service_quantity"],
        )["result"]
        self.assertEqual([row["id"] for row in rows], [self.done_a.id])
        answer = self.call("service.remote.session", "read", [self.done_b.id], ["name"])
        self.assertIn("error", answer)
        answer = self.call(
            "service.remote.session", "write", [self.done_a.id], {"description": "x"}
        )
        self.assertIn("error", answer)
        page = self.url_open("/my/remote-sessions")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.done_a.name, page.text)
        self.assertNotIn(self.done_b.name, page.text)
        self.assertNotIn(self.open_a.name, page.text)
        home = self.url_open("/my")
        self.assertIn("/my/remote-sessions", home.text)
