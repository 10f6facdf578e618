from datetime import datetime

from odoo.exceptions import UserError, ValidationError

from .common import RemoteCase


def at(hour, minute):
    return datetime(2026, 3, 15, hour, minute)


class TestRemoteBadInput(RemoteCase):
    freeze_time = "2026-03-15 12:00:00"  # the corrections below are in the past

    def paused_session(self):
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.at("10:10"):
            session.action_pause()
        with self.at("10:20"):
            session.action_resume()
        with self.at("10:30"):
            session.action_pause()
        return session

    def test_a_stop_before_its_start_is_refused(self):
        session = self.paused_session()
        first = session.interval_ids.sorted("start")[0]
        with self.assertRaises(ValidationError) as error:
            first.with_user(self.manager).write({"stop": at(9, 50)})
        self.assertIn("stops before it starts", str(error.exception))
        self.assertEqual(first.stop, at(10, 10))
        self.assertEqual(self.elapsed(session), 1200)

    def test_an_interval_edited_to_overlap_another_is_refused(self):
        session = self.paused_session()
        first = session.interval_ids.sorted("start")[0]
        with self.assertRaises(ValidationError) as error:
            first.with_user(self.manager).write({"stop": at(10, 25)})
        self.assertIn("overlap", str(error.exception))
        with self.assertRaises(ValidationError):
            self.env["service.remote.interval"].with_user(self.manager).create(
                {"session_id": session.id, "start": at(10, 5), "stop": at(10, 8)}
            )
        self.assertEqual(len(session.interval_ids), 2)
        self.assertEqual(self.elapsed(session), 1200)

    def test_correcting_an_interval_of_a_paused_session_recounts_the_clock(self):
        session = self.paused_session()
        first = session.interval_ids.sorted("start")[0]
        first.with_user(self.manager).write({"stop": at(10, 15)})
        self.assertEqual(self.elapsed(session), 1500)
        self.assertEqual(session.duration_minutes, 25)

    def test_an_open_interval_cannot_be_typed_in(self):
        session = self.paused_session()
        with self.assertRaises(ValidationError):
            self.env["service.remote.interval"].with_user(self.manager).create(
                {"session_id": session.id, "start": at(11, 0)}
            )
        self.assertEqual(session.state, "paused")

    def test_intervals_of_a_running_session_are_not_edited(self):
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.assertRaises(UserError):
            session.interval_ids.with_user(self.manager).write({"start": at(9, 0)})
        self.assertEqual(session.interval_ids.start, at(10, 0))

    def test_tool_templates_are_validated(self):
        Tool = self.env["service.remote.tool"]
        with self.assertRaises(ValidationError) as error:
            Tool.create({"name": "Bad", "url_template": "anydesk:{host}"})
        self.assertIn("{host}", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            Tool.create(
                {"name": "Evil", "url_template": "javascript:alert({remote_id})"}
            )
        self.assertIn("javascript", str(error.exception))
        with self.assertRaises(ValidationError):
            self.anydesk.write({"url_template": "data:text/html,{remote_id}"})
        self.assertEqual(self.anydesk.url_template, "anydesk:{remote_id}")
        self.assertFalse(Tool.search([("name", "in", ["Bad", "Evil"])]))

    def test_finishing_without_customer_or_product_is_refused(self):
        session = self.new_session(partner_id=False)
        with self.at("10:00"):
            session.action_start()
        with self.at("10:05"), self.assertRaises(ValidationError) as error:
            session.action_finish()
        self.assertIn("customer", str(error.exception))
        self.assertEqual(session.state, "running")
        session.write({"partner_id": self.partner.id, "product_id": False})
        with self.at("10:06"), self.assertRaises(ValidationError) as error:
            session.action_finish()
        self.assertIn("service", str(error.exception))
        self.assertEqual(session.state, "running")
        self.assertFalse(session.service_sale_order_id)

    def test_finishing_a_session_without_time_is_refused(self):
        session = self.new_session()
        with self.assertRaises(ValidationError):
            session.action_finish()
        self.assertEqual(session.state, "draft")

    def test_finishing_without_timesheet_project_changes_nothing(self):
        self.env.company.service_remote_project_id = False
        session = self.new_session()
        with self.at("10:00"):
            session.action_start()
        with self.at("10:05"), self.assertRaises(UserError):
            session.action_finish()
        self.assertEqual(session.state, "running")
        self.assertFalse(
            self.env["sale.order"].search([("partner_id", "=", self.partner.id)])
        )
        self.assertEqual(self.quota.remaining, 600)

    def test_a_quota_of_another_customer_is_refused_at_finish(self):
        other = self._contract(self.partner_b, self.TODAY.replace(day=1))
        other_quota = self._quota(other, allowance=100, products=self.remote)
        session = self.new_session()
        session.with_user(self.manager).write({"quota_id": other_quota.id})
        with self.at("10:00"):
            session.action_start()
        with self.at("10:05"), self.assertRaises(ValidationError):
            session.action_finish()
        self.assertEqual(other_quota.remaining, 100)

    def test_an_interval_in_the_future_is_refused(self):
        session = self.paused_session()
        with self.assertRaises(ValidationError) as error:
            self.env["service.remote.interval"].with_user(self.manager).create(
                {"session_id": session.id, "start": at(12, 30), "stop": at(13, 0)}
            )
        self.assertIn("future", str(error.exception))
        self.assertEqual(len(session.interval_ids), 2)

    def test_an_interval_cannot_move_to_another_session(self):
        session = self.paused_session()
        billed = self.new_session()
        with self.at("11:00"):
            billed.action_start()
        with self.at("11:10"):
            billed.action_finish()
        with self.assertRaises(UserError):
            session.interval_ids[:1].with_user(self.technician).write(
                {"session_id": billed.id}
            )
        self.assertEqual(billed.duration_minutes, 10)
        self.assertEqual(len(session.interval_ids), 2)

    def test_a_context_key_sent_by_a_client_opens_no_back_door(self):
        """Clock actions write with sudo(); no RPC context can stand in for them."""
        session = self.paused_session()
        with self.at("11:00"):
            session.action_finish()
        done = session.with_user(self.technician).with_context(
            service_remote_clock=True
        )
        with self.assertRaises(UserError):
            done.write({"state": "paused", "service_sale_order_id": False})
        with self.assertRaises(UserError):
            done.interval_ids[:1].unlink()
        with self.assertRaises(UserError):
            self.Session.with_user(self.technician).with_context(
                service_remote_clock=True
            ).create({"partner_id": self.partner.id, "state": "done"})
        self.assertEqual(session.state, "done")
        self.assertEqual(len(session.timesheet_ids), 1)
