from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestActivityBillingTour(HttpCase):
    def test_manager_approves_the_signed_demo_activity_and_opens_its_invoice(self):
        """Demo manager: the activity signed at Acme waits for approval;
        approve it, invoice it, see the posted invoice."""
        activity = self.env.ref("field_service_activity.fsm_order_signed_acme_demo")
        self.assertEqual(activity.service_state, "done")
        self.start_tour(
            f"/odoo/action-fieldservice.action_fsm_operation_order/{activity.id}",
            "field_service_activity_approve_invoice",
            login="manager",
        )
        self.assertEqual(activity.service_state, "invoiced")
        invoice = activity.service_invoice_id
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(
            invoice.commercial_partner_id,
            self.env.ref("service_contract_quota.partner_acme_demo"),
        )
        labour = activity.service_sale_line_ids.filtered(
            lambda line: line.product_id
            == activity.company_id.service_fsm_labour_product_id
        )
        self.assertEqual(sum(labour.mapped("product_uom_qty")), 105)  # 1 h 45 min
        self.assertTrue(all(labour.mapped("service_covered")))
