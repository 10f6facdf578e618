from odoo.exceptions import AccessError, UserError

from .activity_billing_common import ActivityBillingCase


class TestActivityBillingFlow(ActivityBillingCase):
    """Who approves, what approval locks, releasing, settings and the e-mail."""

    def orders_of(self, activity):
        return self.env["sale.order"].search(
            [
                ("order_line.service_source_model", "=", "fsm.order"),
                ("order_line.service_source_id", "=", activity.id),
            ]
        )

    def invoice_mails(self, activity):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "fsm.order"),
                ("res_id", "=", activity.id),
                ("subject", "like", "invoice"),
            ]
        )

    def test_approving_twice_bills_once(self):
        activity = self.signed()
        activity.with_user(self.manager).action_service_approve()
        order = activity.service_sale_order_id
        activity.with_user(self.manager).action_service_approve()
        (activity | self.signed(partner=self.partner_b)).with_user(
            self.manager
        ).action_service_approve()
        self.assertEqual(self.orders_of(activity), order)
        self.assertEqual(self.field_quota.period_used, 60)
        self.assertEqual(len(self.field_quota.move_ids), 1)

    def test_a_technician_cannot_approve_nor_bill(self):
        activity = self.signed()
        as_tech = activity.with_user(self.technician)
        with self.assertRaises(AccessError):
            as_tech.action_service_approve()
        with self.assertRaises(UserError):
            as_tech.write({"service_state": "approved"})
        with self.assertRaises(AccessError):
            as_tech.write(
                {"service_labour_adjusted": True, "service_approved_hours": 9}
            )
        with self.assertRaises(AccessError):
            as_tech.service_line_ids[0].write({"approved_qty": 10})
        with self.assertRaises(AccessError):
            as_tech.action_service_invoice()
        self.assertEqual(activity.service_state, "done")
        self.assertFalse(activity.service_labour_adjusted)
        self.assertEqual(activity.service_line_ids[0].approved_qty, 3)
        self.assertFalse(self.orders_of(activity))
        self.assertEqual(self.field_quota.period_used, 0)
        # a signed report is no longer the technician's to change
        with self.assertRaises(UserError):
            as_tech.service_line_ids[0].write({"used_qty": 4, "approved_qty": 4})
        self.assertEqual(activity.service_line_ids[0].used_qty, 3)

    def test_only_signed_activities_are_approved(self):
        activity = self.signed()
        activity.service_state = "in_progress"
        with self.assertRaises(UserError):
            activity.with_user(self.manager).action_service_approve()
        self.assertFalse(self.orders_of(activity))
        self.assertEqual(activity.service_state, "in_progress")

    def test_approved_work_is_locked_for_everyone(self):
        activity = self.signed()
        activity.with_user(self.manager).action_service_approve()
        timesheet = activity.service_timesheet_ids[0]
        line = activity.service_line_ids[0]
        for user in (self.technician, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    activity.with_user(user).write({"service_km": 1})
                with self.assertRaises(UserError):
                    activity.with_user(user).write({"service_state": "done"})
                with self.assertRaises(UserError):
                    line.with_user(user).write({"used_qty": 9})
                with self.assertRaises(UserError):
                    line.with_user(user).unlink()
                with self.assertRaises(UserError):
                    timesheet.with_user(user).write({"unit_amount": 5})
                with self.assertRaises(UserError):
                    timesheet.with_user(user).unlink()
        with self.assertRaises(UserError):
            activity.with_user(self.manager).write({"service_approved_hours": 9})
        with self.assertRaises(UserError):
            self.env["fsm.order.service.line"].create(
                {"order_id": activity.id, "product_id": self.gasket.id, "used_qty": 1}
            )
        with self.assertRaises(UserError):
            self.env["account.analytic.line"].create(
                {
                    "name": "Later",
                    "project_id": self.project.id,
                    "employee_id": self.worker.id,
                    "service_fsm_order_id": activity.id,
                    "unit_amount": 1,
                }
            )
        with self.assertRaises(UserError):
            activity.unlink()
        # a context key sent over RPC does not unlock it
        with self.assertRaises(UserError):
            activity.with_user(self.manager).with_context(service_billing=True).write(
                {"service_km": 1}
            )
        self.assertEqual(activity.service_km, 37)
        self.assertEqual(line.used_qty, 3)
        self.assertEqual(len(activity.service_timesheet_ids), 2)
        self.assertEqual(activity.service_state, "approved")

    def test_cancelling_the_order_releases_the_activity_to_approve_again(self):
        activity = self.signed()
        activity.with_user(self.manager).action_service_approve()
        first = activity.service_sale_order_id
        with self.assertRaises(UserError):  # a technician does not cancel it
            first.with_user(self.technician)._action_cancel()
        first.with_user(self.manager)._action_cancel()
        self.assertEqual(activity.service_state, "done")
        self.assertFalse(activity.service_billed)
        self.assertEqual(self.field_quota.period_used, 0)
        # corrected and approved again: billed again, on a new order
        activity.service_line_ids[0].with_user(self.manager).approved_qty = 1
        activity.with_user(self.manager).action_service_approve()
        second = activity.service_sale_order_id
        self.assertNotEqual(second, first)
        self.assertEqual(activity.service_state, "approved")
        self.assertEqual(
            second.order_line.filtered(
                lambda line: line.product_id == self.gasket
            ).product_uom_qty,
            1,
        )
        self.assertEqual(self.field_quota.period_used, 60)
        first.with_user(self.manager)._action_cancel()  # again: nothing more
        self.assertEqual(activity.service_state, "approved")

    def test_missing_labour_or_mileage_product_is_a_clear_error(self):
        activity = self.signed()
        self.env.company.service_fsm_labour_product_id = False
        with self.assertRaisesRegex(UserError, "Field labour"):
            activity.with_user(self.manager).action_service_approve()
        self.env.company.service_fsm_labour_product_id = self.labour
        self.env.company.service_fsm_mileage_product_id = False
        with self.assertRaisesRegex(UserError, "Mileage"):
            activity.with_user(self.manager).action_service_approve()
        self.assertEqual(activity.service_state, "done")
        self.assertFalse(self.orders_of(activity))
        # no kilometres: no mileage product needed
        no_km = self.signed(km=0)
        no_km.with_user(self.manager).action_service_approve()
        self.assertEqual(no_km.service_state, "approved")

    def test_invoicing_emails_the_customer_once(self):
        activity = self.signed()
        activity.with_user(self.manager).action_service_approve()
        self.assertFalse(self.invoice_mails(activity))  # a quotation, by default
        action = activity.with_user(self.manager).action_service_invoice()
        invoice = activity.service_invoice_id
        self.assertEqual(action["res_id"], invoice.id)
        self.assertEqual(activity.service_state, "invoiced")
        mail = self.invoice_mails(activity)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.customer)
        self.assertIn(invoice.name, mail.subject)
        self.assertIn(invoice.get_portal_url(), mail.body_html)
        activity.with_user(self.manager).action_service_invoice()  # nothing more
        self.assertEqual(len(self.invoice_mails(activity)), 1)
        self.assertEqual(activity.service_invoice_id, invoice)

    def test_the_company_setting_confirms_and_invoices_at_approval(self):
        self.env.company.service_auto_confirm = True
        confirmed = self.signed(partner=self.partner_b)
        confirmed.with_user(self.manager).action_service_approve()
        self.assertEqual(confirmed.service_sale_order_id.state, "sale")
        self.assertEqual(confirmed.service_state, "approved")
        self.env.company.service_auto_invoice = True
        activity = self.signed()
        activity.with_user(self.manager).action_service_approve()
        self.assertEqual(activity.service_state, "invoiced")
        self.assertEqual(activity.service_invoice_id.state, "posted")
        self.assertEqual(len(self.invoice_mails(activity)), 1)
        self.assertEqual(self.invoice_mails(activity).recipient_ids, self.customer)

    def test_settings_show_the_company_products(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.service_fsm_labour_product_id, self.labour)
        settings.service_fsm_mileage_product_id = self.gasket
        settings.execute()
        self.assertEqual(self.env.company.service_fsm_mileage_product_id, self.gasket)

    def test_the_list_action_approves_the_selected_activities(self):
        activities = self.signed() | self.signed(partner=self.partner_b)
        action = self.env.ref("field_service_activity.action_fsm_order_approve")
        action.with_user(self.manager).with_context(
            active_model="fsm.order", active_ids=activities.ids
        ).run()
        self.assertEqual(set(activities.mapped("service_state")), {"approved"})
        self.assertEqual(len(activities.service_sale_order_id), 2)
        with self.assertRaises(AccessError):  # not offered to technicians either
            action.with_user(self.technician).with_context(
                active_model="fsm.order", active_ids=self.signed().ids
            ).run()
