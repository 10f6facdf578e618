from contextlib import contextmanager

from freezegun import freeze_time

from odoo.tests import new_test_user

from odoo.addons.service_contract_quota.tests.common import TECHNICIAN, QuotaCase


class RemoteCase(QuotaCase):
    """QuotaCase (600 min/month of "Remote minute" at 1.50, today 2026-03-15 10:00)
    plus technicians with employees, the remote support settings and a customer
    with remote IDs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tech2 = new_test_user(cls.env, "sbs-remote-tech2", groups=TECHNICIAN)
        employees = cls.env["hr.employee"].create(
            [
                {"name": "Quota Tech", "user_id": cls.technician.id},
                {"name": "Second Tech", "user_id": cls.tech2.id},
                {"name": "Quota Manager", "user_id": cls.manager.id},
            ]
        )
        cls.tech_employee = employees[0]
        cls.project = cls.env["project.project"].create(
            {"name": "Remote support test", "allow_timesheets": True}
        )
        cls.env.company.write(
            {
                "service_remote_product_id": cls.remote.id,
                "service_remote_project_id": cls.project.id,
                "service_rounding_rule_id": cls.env.ref(
                    "service_contract_quota.service_rounding_rule_minute"
                ).id,
            }
        )
        cls.anydesk = cls.env.ref("service_remote_timer.service_remote_tool_anydesk")
        cls.rdp = cls.env.ref("service_remote_timer.service_remote_tool_rdp")
        cls.access_anydesk, cls.access_rdp = cls.env["service.remote.access"].create(
            [
                {
                    "partner_id": cls.partner.id,
                    "tool_id": cls.anydesk.id,
                    "remote_id": "123 456 789",
                },
                {
                    "partner_id": cls.partner.id,
                    "tool_id": cls.rdp.id,
                    "remote_id": "srv.example:3389",
                },
            ]
        )
        cls.Session = cls.env["service.remote.session"]

    def new_session(self, user=None, **vals):
        vals.setdefault("partner_id", self.partner.id)
        return self.Session.with_user(user or self.technician).create(vals)

    @staticmethod
    def elapsed(session):
        """The clock as a new request reads it."""
        session.invalidate_recordset()
        return session.elapsed_seconds

    @contextmanager
    def at(self, clock):
        """Run the block at 2026-03-15 ``clock`` (HH:MM[:SS], UTC)."""
        with freeze_time(f"2026-03-15 {clock}"):
            yield
