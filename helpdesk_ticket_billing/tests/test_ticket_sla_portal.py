from lxml import html

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.service_contract_quota.tests.common import MANAGER, TECHNICIAN


@tagged("post_install", "-at_install")
class TestTicketSlaPortal(HttpCase):
    """The customer's ticket page says when we will answer; the board is the
    managers'."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env["res.partner"].create(
            {"name": "Deadline Works", "is_company": True}
        )
        contact = cls.env["res.partner"].create(
            {"name": "Dana Deadline", "parent_id": company.id}
        )
        new_test_user(
            cls.env,
            "sbs-sla-portal",
            groups="base.group_portal",
            partner_id=contact.id,
            tz="America/New_York",
        )
        level = cls.env["helpdesk.sla.level"].create(
            {
                "name": "Portal level",
                "target_ids": [
                    Command.create(
                        {
                            "priority": "1",
                            "first_response_hours": 2,
                            "resolution_hours": 20,
                        }
                    )
                ],
            }
        )
        cls.env["contract.contract"].create(
            {
                "name": "Deadline Works support",
                "partner_id": company.id,
                "line_recurrence": True,
                "sla_level_id": level.id,
            }
        )
        team = cls.env["helpdesk.ticket.team"].create({"name": "Portal desk"})
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Screen flickers",
                "description": "<p>Every morning.</p>",
                "partner_id": contact.id,
                "team_id": team.id,
            }
        )

    def _page(self):
        self.authenticate("sbs-sla-portal", "sbs-sla-portal")
        response = self.url_open(f"/my/ticket/{self.ticket.id}")
        self.assertEqual(response.status_code, 200)
        return html.fromstring(response.text)

    def _shown(self, moment):
        return self.env["ir.qweb.field.datetime"].value_to_html(
            moment, {"tz_name": "America/New_York"}
        )

    def test_the_customer_sees_when_we_will_answer(self):
        self.assertTrue(self.ticket.sla_response_deadline)
        block = self._page().xpath("//div[@name='sla_deadline']")[0].text_content()
        self.assertIn("We will answer by", block)
        self.assertIn(self._shown(self.ticket.sla_response_deadline), block)
        self.assertIn("America/New_York", block)  # the customer's own time
        self.ticket.message_post(
            body="Which screen?",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=self.env.ref("base.user_admin").partner_id.id,
        )
        block = self._page().xpath("//div[@name='sla_deadline']")[0].text_content()
        self.assertIn("We aim to solve it by", block)
        self.assertIn(self._shown(self.ticket.sla_resolution_deadline), block)
        self.ticket.stage_id = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_awaiting"
        )
        page = self._page()
        self.assertFalse(page.xpath("//div[@name='sla_deadline']"))
        waiting = page.xpath("//div[@name='sla_waiting_customer']")[0]
        self.assertIn("waiting for your reply", waiting.text_content())

    def test_the_board_is_for_managers(self):
        manager = new_test_user(self.env, "sbs-sla-board-manager", groups=MANAGER)
        technician = new_test_user(self.env, "sbs-sla-board-tech", groups=TECHNICIAN)
        board = "helpdesk_ticket_billing.helpdesk_board_menu"
        self.assertIn(board, self._menus(manager))
        self.assertNotIn(board, self._menus(technician))
        self.assertIn(
            "helpdesk_ticket_billing.helpdesk_board_overdue_menu", self._menus(manager)
        )
        # each board view loads for a manager
        for xmlid in (
            "helpdesk_board_in_progress_action",
            "helpdesk_board_overdue_action",
            "helpdesk_board_waiting_action",
            "helpdesk_board_new_action",
            "helpdesk_board_time_action",
            "helpdesk_board_sla_action",
        ):
            action = self.env.ref(f"helpdesk_ticket_billing.{xmlid}")
            views = (
                self.env[action.res_model].with_user(manager).get_views(action.views)
            )
            self.assertEqual(set(views["views"]), {mode for _id, mode in action.views})

    def _menus(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        return {m.get("xmlid") for m in menus.values() if isinstance(m, dict)}
