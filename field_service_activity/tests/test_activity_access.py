from datetime import datetime

from odoo.exceptions import AccessError, UserError

from .activity_common import ActivityCase


class TestActivityAccess(ActivityCase):
    """Technicians see the activities they are assigned to; managers all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start = datetime(2026, 3, 2, 9, 0)
        cls.mine = cls.activity(person_id=cls.worker.id, scheduled_date_start=start)
        cls.requested = cls.activity(person_ids=[cls.worker.id])
        cls.theirs = cls.activity(
            person_id=cls.other_worker.id, scheduled_date_start=start
        )
        cls.nobodys = cls.activity()

    def test_a_technician_sees_only_own_activities(self):
        orders = self.env["fsm.order"].with_user(self.technician)
        found = orders.search(
            [
                (
                    "id",
                    "in",
                    (self.mine | self.requested | self.theirs | self.nobodys).ids,
                )
            ]
        )
        self.assertEqual(found, self.mine | self.requested)
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.technician).read(["name"])
        with self.assertRaises(AccessError):
            self.nobodys.with_user(self.technician).write({"description": "<p>x</p>"})

    def test_a_manager_sees_every_activity(self):
        found = (
            self.env["fsm.order"]
            .with_user(self.manager)
            .search([("id", "in", (self.mine | self.theirs | self.nobodys).ids)])
        )
        self.assertEqual(found, self.mine | self.theirs | self.nobodys)

    def test_a_technician_cannot_create_nor_send_an_estimate(self):
        with self.assertRaises(AccessError):
            self.env["fsm.order"].with_user(self.technician).create(
                {"location_id": self.site.id}
            )
        with self.assertRaises(UserError):
            self.mine.with_user(self.technician).action_service_send_estimate()
        self.assertEqual(self.mine.service_estimate_state, "none")

    def test_nobody_sets_the_estimate_answer_by_hand(self):
        for user in (self.technician, self.manager):
            with self.assertRaises(UserError):
                self.mine.with_user(user).write(
                    {"service_estimate_state": "accepted", "service_estimate_by": "Me"}
                )
        self.assertEqual(self.mine.service_estimate_state, "none")

    def test_a_technician_reassigned_loses_the_activity(self):
        self.mine.with_user(self.manager).person_id = self.other_worker
        self.assertFalse(
            self.env["fsm.order"]
            .with_user(self.technician)
            .search([("id", "=", self.mine.id)])
        )
        self.assertTrue(
            self.env["fsm.order"]
            .with_user(self.other_technician)
            .search([("id", "=", self.mine.id)])
        )
