import base64
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command

from .activity_billing_common import ActivityBillingCase

T0 = datetime(2026, 3, 16, 8, 0)  # a Monday, within the customer's contract
SIGNATURE = base64.b64encode(
    base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
        "60e6kgAAAABJRU5ErkJggg=="
    )
)


class TestActivityEndToEnd(ActivityBillingCase):
    """Each kind of activity from planning to its invoice, through the public
    actions only: the manager plans, the technician clocks time, reports parts
    and kilometres, the customer signs, the manager approves and invoices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["hr.employee"].create({"name": "Tess", "user_id": cls.technician.id})
        cls.person = cls.env["fsm.person"].create(
            {"partner_id": cls.technician.partner_id.id}
        )

    def equipment(self, partner, warranty_end=None):
        location = self.env["fsm.location"].create(
            {"name": f"{partner.name} plant", "owner_id": partner.id}
        )
        return self.env["fsm.equipment"].create(
            {
                "name": f"Boiler of {partner.name}",
                "location_id": location.id,
                "service_partner_id": partner.id,
                "warranty_end": warranty_end,
            }
        )

    def visit(self, equipment, minutes=75, km=37, **vals):
        """Plan, work, report and sign one visit; returns the activity."""
        manager = self.env["fsm.order"].with_user(self.manager)
        activity = manager.create(
            {
                "service_equipment_id": equipment.id,
                "person_id": self.person.id,
                "scheduled_date_start": T0,
                "scheduled_duration": 2,
                "service_line_ids": [
                    Command.create({"product_id": self.gasket.id, "planned_qty": 2})
                ],
                **vals,
            }
        )
        self.assertEqual(activity.service_state, "planned")
        mine = activity.with_user(self.technician)
        with freeze_time(T0):
            mine.action_service_start()
        self.assertEqual(activity.service_state, "in_progress")
        with freeze_time(T0 + timedelta(minutes=minutes)):
            mine.action_service_stop()
            mine.write({"service_km": km})
        wizard = (
            self.env["fsm.order.sign.wizard"]
            .with_user(self.technician)
            .with_context(active_id=activity.id)
            .create(
                {
                    "order_id": activity.id,
                    "signed_by": "Alice Baker",
                    "signature": SIGNATURE,
                }
            )
        )
        with freeze_time(T0 + timedelta(minutes=minutes + 5)):
            wizard.action_sign()
        self.assertEqual(activity.service_state, "done")
        return activity

    def approve_and_invoice(self, activity):
        as_manager = activity.with_user(self.manager)
        as_manager.action_service_approve()
        self.assertEqual(activity.service_state, "approved")
        as_manager.action_service_invoice()
        self.assertEqual(activity.service_state, "invoiced")
        invoice = activity.service_invoice_id
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.partner_id, activity.service_partner_id)
        return invoice

    def invoice_lines(self, invoice):
        return [
            (line.product_id, line.quantity, line.price_unit, line.discount)
            for line in invoice.invoice_line_ids.sorted("sequence")
        ]

    def test_contract_covered_one_off_visit_to_its_invoice(self):
        activity = self.visit(self.equipment(self.customer))
        self.assertEqual(activity.service_kind, "one_off")
        self.assertEqual(activity.service_quota_id, self.field_quota)
        invoice = self.approve_and_invoice(activity)
        self.assertEqual(
            self.invoice_lines(invoice),
            [  # 75 minutes: 60 covered by the quota, 15 at 1.50 a minute
                (self.labour, 60, 1.5, 100),
                (self.labour, 15, 1.5, 0),
                (self.gasket, 2, 12.5, 0),
                (self.mileage, 37, 0.45, 0),
            ],
        )
        self.assertAlmostEqual(invoice.amount_untaxed, 22.5 + 25 + 16.65, places=2)
        self.assertEqual(self.field_quota.period_used, 60)
        self.assertEqual(self.field_quota.remaining, 0)
        moves = self.field_quota.move_ids
        self.assertEqual((moves.quantity, moves.overage_quantity), (60, 15))
        self.assertEqual(moves.date, T0.date())

    def test_warranty_visit_is_proposed_and_billed_at_100_percent(self):
        # the warranty's last day is the planned day: still under warranty
        equipment = self.equipment(self.customer, warranty_end=T0.date())
        activity = self.visit(equipment)
        self.assertEqual(activity.service_kind, "warranty")
        invoice = self.approve_and_invoice(activity)
        self.assertEqual(
            self.invoice_lines(invoice),
            [
                (self.labour, 75, 1.5, 100),
                (self.gasket, 2, 12.5, 100),
                (self.mileage, 37, 0.45, 100),
            ],
        )
        self.assertEqual(invoice.amount_total, 0)
        self.assertFalse(self.field_quota.move_ids, "no quota consumed")
        # the day after its warranty, the same equipment is billed
        equipment.warranty_end = T0.date() - timedelta(days=1)
        later = self.visit(equipment)
        self.assertEqual(later.service_kind, "one_off")

    def test_customer_without_contract_is_billed_in_full(self):
        activity = self.visit(self.equipment(self.partner_b), minutes=30, km=10)
        self.assertFalse(activity.service_quota_id)
        invoice = self.approve_and_invoice(activity)
        self.assertEqual(
            self.invoice_lines(invoice),
            [
                (self.labour, 30, 1.5, 0),
                (self.gasket, 2, 12.5, 0),
                (self.mileage, 10, 0.45, 0),
            ],
        )
        self.assertAlmostEqual(invoice.amount_untaxed, 45 + 25 + 4.5, places=2)

    def test_recurring_visit_plans_its_next_once_and_is_billed(self):
        activity = self.visit(
            self.equipment(self.partner_b),
            minutes=30,
            km=0,
            service_kind="recurring",
            service_recurrence_interval=1,
            service_recurrence_unit="yearly",
        )
        following = self.env["fsm.order"].search(
            [("service_previous_id", "=", activity.id)]
        )
        self.assertEqual(len(following), 1)
        self.assertEqual(
            following.scheduled_date_start.date(), date(2027, 3, 16), "a year later"
        )
        self.assertEqual(following.service_state, "planned")
        invoice = self.approve_and_invoice(activity)
        self.assertEqual(
            self.invoice_lines(invoice),
            [(self.labour, 30, 1.5, 0), (self.gasket, 2, 12.5, 0)],
        )
        self.assertEqual(
            self.env["fsm.order"].search_count(
                [("service_previous_id", "=", activity.id)]
            ),
            1,
            "approving and invoicing plan nothing more",
        )

    def test_a_statement_customer_is_invoiced_by_the_statement_run(self):
        self.customer.service_invoicing_policy = "statement"
        activity = self.visit(self.equipment(self.customer))
        as_manager = activity.with_user(self.manager)
        as_manager.action_service_approve()
        action = as_manager.action_service_invoice()
        order = activity.service_sale_order_id
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.invoice_ids, "no invoice of its own")
        self.assertEqual(activity.service_state, "approved")
        # the month's statement takes the visit's order, with no change to it
        self.env.company.service_statement_post = True
        statement = self.env["service.statement"]._statement_run(
            date(2026, 3, 1), date(2026, 3, 31), partners=self.customer
        )
        self.assertEqual(statement.invoice_id.state, "posted")
        self.assertEqual(
            statement.invoice_id.invoice_line_ids.sale_line_ids, order.order_line
        )
        self.assertEqual(order.invoice_status, "invoiced")
        self.assertEqual(activity.service_state, "invoiced")
