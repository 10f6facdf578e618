from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import QuotaCase
from .portal_common import RpcMixin

SERVICE_FIELDS = (
    "service_support_note",
    "service_contract_id",
    "service_remaining",
    "service_balance_state",
)


class TestPartnerServiceFields(QuotaCase):
    """The customer's support note, active contract and remaining quota are for
    the service roles only; the active contract is the one billing would use."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(
            cls.env, "sbs-plain-employee", groups="base.group_user"
        )
        cls.partner.service_support_note = "Alarm code 4321"

    def test_plain_employee_cannot_read_service_fields(self):
        partner = self.partner.with_user(self.employee)
        for field in SERVICE_FIELDS:
            with self.assertRaises(AccessError, msg=field):
                partner.read([field])
        self.assertFalse(set(SERVICE_FIELDS) & set(partner.fields_get()))
        self.assertEqual(partner.read(["name"])[0]["name"], self.partner.name)

    def test_technician_reads_service_fields(self):
        [values] = self.partner.with_user(self.technician).read(list(SERVICE_FIELDS))
        self.assertEqual(values["service_support_note"], "Alarm code 4321")
        self.assertEqual(values["service_contract_id"][0], self.contract.id)
        self.assertEqual(values["service_remaining"], "600 minutes")
        self.assertEqual(values["service_balance_state"], "ok")

    def test_partner_form_works_without_service_groups(self):
        for user, shown in ((self.employee, False), (self.technician, True)):
            partner = self.partner.with_user(user)
            views = partner.get_views([(False, "form"), (False, "list")])
            fields = views["models"]["res.partner"]["fields"]
            for field in SERVICE_FIELDS:
                self.assertEqual(field in fields, shown, f"{user.login}: {field}")
            form = Form(partner)
            self.assertEqual(form.name, self.partner.name)

    def test_duplicating_a_customer_needs_no_service_group(self):
        salesman = new_test_user(
            self.env,
            "sbs-plain-salesman",
            groups="sales_team.group_sale_salesman,base.group_partner_manager",
        )
        copy = self.partner.with_user(salesman).copy()
        self.assertFalse(copy.service_support_note)

    def _customer_with(self, name, start, end=False, quota_dates=None, active=True):
        partner = self.env["res.partner"].create({"name": name, "is_company": True})
        contract = self._contract(partner, start, end)
        self._quota(contract, 100, self.remote, **(quota_dates or {}))
        contract.active = active
        return partner, contract

    def test_active_contract_is_running_today_and_not_archived(self):
        """Today is 2026-03-15; each quota is valid today, its contract is not."""
        year = {"date_start": date(2026, 1, 1), "date_end": date(2026, 12, 31)}
        archived, __ = self._customer_with("Archived", date(2026, 1, 1), active=False)
        ended, __ = self._customer_with(
            "Ended", date(2025, 1, 1), date(2026, 2, 28), quota_dates=year
        )
        future, __ = self._customer_with(
            "Not started", date(2026, 4, 1), quota_dates=year
        )
        partners = (archived | ended | future).with_user(self.technician)
        for partner in partners:
            self.assertFalse(partner.service_contract_id, partner.name)
            self.assertFalse(partner.service_remaining, partner.name)
        self.assertEqual(
            partners.mapped("service_balance_state"),
            [False, "expired", "not_started"],  # an archived contract says nothing
        )
        # Beside an archived contract, the running one is shown.
        running = self._contract(archived, date(2026, 3, 1))
        self._quota(running, 45, self.remote)
        partners.invalidate_recordset()
        self.assertEqual(partners[0].service_contract_id, running)
        self.assertEqual(partners[0].service_remaining, "45 minutes")
        contact = self.env["res.partner"].create(
            {"name": "Someone", "parent_id": archived.id}
        )
        self.assertEqual(
            contact.with_user(self.technician).service_contract_id, running
        )


@tagged("post_install", "-at_install")
class TestPartnerServiceFieldsPortal(RpcMixin, HttpCase):
    def test_portal_user_cannot_read_their_companys_service_fields(self):
        company = self.env["res.partner"].create(
            {
                "name": "Noted Customer",
                "is_company": True,
                "service_support_note": "Internal: slow payer",
            }
        )
        contact = self.env["res.partner"].create(
            {"name": "Noted Contact", "parent_id": company.id}
        )
        new_test_user(
            self.env,
            "sbs-noted-portal",
            groups="base.group_portal",
            partner_id=contact.id,
        )
        self.authenticate("sbs-noted-portal", "sbs-noted-portal")
        for field in SERVICE_FIELDS:
            self.assertRpcAccessError("res.partner", "read", company.ids, [field])
        fields = self.call_kw("res.partner", "fields_get", attributes=["type"])
        self.assertIn("name", fields)
        self.assertFalse(set(SERVICE_FIELDS) & set(fields))
        rows = self.call_kw(
            "res.partner", "search_read", [("id", "=", company.id)], ["name"]
        )
        self.assertEqual([row["id"] for row in rows], company.ids)
