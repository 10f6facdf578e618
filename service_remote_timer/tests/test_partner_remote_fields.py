from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.service_contract_quota.tests.portal_common import RpcMixin

from .common import RemoteCase

SESSION_FIELDS = ("support_note", "remote_access_ids")


class TestPartnerRemoteFields(RemoteCase):
    """Customers' remote IDs (and, through the session, their support note)
    are for the service roles only."""

    def test_plain_employee_cannot_read_remote_ids(self):
        employee = new_test_user(self.env, "sbs-remote-plain", groups="base.group_user")
        partner = self.partner.with_user(employee)
        with self.assertRaises(AccessError):
            partner.read(["service_remote_access_ids"])
        self.assertFalse("service_remote_access_ids" in partner.fields_get())
        fields = partner.get_views([(False, "form")])["models"]["res.partner"]
        self.assertFalse("service_remote_access_ids" in fields["fields"])

    def test_technician_reads_remote_ids_and_support_note(self):
        self.partner.service_support_note = "Call the front desk first"
        [values] = self.partner.with_user(self.technician).read(
            ["service_remote_access_ids"]
        )
        self.assertEqual(
            values["service_remote_access_ids"],
            (self.access_anydesk | self.access_rdp).ids,
        )
        session = self.new_session()
        [values] = session.read(list(SESSION_FIELDS))
        self.assertEqual(values["support_note"], "Call the front desk first")
        self.assertEqual(len(values["remote_access_ids"]), 2)


@tagged("post_install", "-at_install")
class TestPartnerRemoteFieldsPortal(RpcMixin, HttpCase):
    def test_portal_user_reads_no_support_note_or_remote_ids(self):
        company = self.env["res.partner"].create(
            {
                "name": "Remote Noted Ltd",
                "is_company": True,
                "service_support_note": "Internal: never promise on-site",
            }
        )
        self.env["service.remote.access"].create(
            {
                "partner_id": company.id,
                "tool_id": self.env.ref(
                    "service_remote_timer.service_remote_tool_anydesk"
                ).id,
                "remote_id": "999 888 777",
            }
        )
        contact = self.env["res.partner"].create(
            {"name": "Remote Noted Contact", "parent_id": company.id}
        )
        new_test_user(
            self.env,
            "sbs-remote-noted",
            groups="base.group_portal",
            partner_id=contact.id,
        )
        session = self.env["service.remote.session"].create({"partner_id": company.id})
        session.write({"state": "done", "service_quantity": 5})
        self.authenticate("sbs-remote-noted", "sbs-remote-noted")
        for field in SESSION_FIELDS:
            self.assertRpcAccessError(
                "service.remote.session", "read", session.ids, [field]
            )
        self.assertRpcAccessError(
            "res.partner", "read", company.ids, ["service_remote_access_ids"]
        )
        fields = self.call_kw(
            "service.remote.session", "fields_get", attributes=["type"]
        )
        self.assertIn("name", fields)
        self.assertFalse(set(SESSION_FIELDS) & set(fields))
        rows = self.call_kw(
            "service.remote.session", "search_read", [], ["name", "service_quantity"]
        )
        self.assertEqual([row["id"] for row in rows], session.ids)
