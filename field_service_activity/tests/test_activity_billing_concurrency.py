"""Two managers approving the same activity at once, in real, committed
transactions (the harness is ``service_contract_quota/tests/race.py``)."""

import uuid
from datetime import datetime

from odoo import SUPERUSER_ID, Command, api
from odoo.tests.common import new_test_user, tagged

from odoo.addons.service_contract_quota.tests.race import RaceCase

MANAGER = "service_contract_quota.group_service_manager"


@tagged("-standard", "-at_install", "post_install", "database_breaking")
class TestActivityApprovalRace(RaceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tag = uuid.uuid4().hex[:8]
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cls.user_ids = [
                new_test_user(env, f"sbs-race-fsm-{n}-{tag}", groups=MANAGER).id
                for n in range(2)
            ]
            cls.location_id = (
                env["fsm.location"]
                .create({"name": f"Race site {tag}", "owner_id": cls.partner_id})
                .id
            )

    @classmethod
    def _remove_extra(cls, env):
        orders = env["fsm.order"].search([("location_id", "=", cls.location_id)])
        env.cr.execute(
            "DELETE FROM fsm_order_service_line WHERE order_id = ANY(%s)", [orders.ids]
        )
        env.cr.execute("DELETE FROM fsm_order WHERE id = ANY(%s)", [orders.ids])
        env["fsm.location"].browse(cls.location_id).unlink()
        env["res.users"].browse(cls.user_ids).active = False

    def _activity(self):
        """A signed activity: 30 minutes of the covered service used as a part."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            order = env["fsm.order"].create(
                {
                    "location_id": self.location_id,
                    "date_start": datetime.now(),
                    "service_line_ids": [
                        Command.create({"product_id": self.product_id, "used_qty": 30})
                    ],
                }
            )
            order.write(
                {
                    "service_state": "done",
                    "signed_by": "Race signer",
                    "signed_on": datetime.now(),
                }
            )
            return order.id

    def test_two_managers_approving_at_once_bill_once(self):
        quota_id = self._new_quota(100)
        activity_id = self._activity()

        def approve(user_id):
            def call(env):
                env = env(user=user_id)
                return env["fsm.order"].browse(activity_id).action_service_approve()

            return call

        results = self._race([approve(uid) for uid in self.user_ids])
        self.assertEqual(results, [True, True])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            activity = env["fsm.order"].browse(activity_id)
            orders = env["sale.order"].search(
                [
                    ("order_line.service_source_model", "=", "fsm.order"),
                    ("order_line.service_source_id", "=", activity_id),
                ]
            )
            quota = env["service.quota"].browse(quota_id)
            self.assertEqual(activity.service_state, "approved")
            self.assertEqual(len(orders), 1, "one sale order, not two")
            self.assertEqual(activity.service_sale_order_id, orders)
            self.assertEqual(quota.period_used, 30)
            self.assertEqual(len(quota.move_ids), 1)
            self.assertIn(activity.service_approved_by.id, self.user_ids)
