from odoo import api, fields, models


class ServiceBilling(models.AbstractModel):
    _inherit = "service.billing"

    @api.model
    def _demo_bill(self):
        """Demo data: a few pieces of work for the demo customers (idempotent)."""
        ref = self.env.ref
        today = fields.Date.context_today(self)
        work = [
            (
                "partner_acme_contact_demo",
                "product_remote_support_demo",
                45,
                "Printer driver",
            ),
            (
                "partner_acme_demo",
                "product_onsite_hour_demo",
                2.0,
                "Network switch replaced",
            ),
            ("partner_globex_demo", "product_incident_demo", 1, "Mail server down"),
            (
                "partner_initech_demo",
                "product_remote_support_demo",
                25,
                "VPN client setup",
            ),
        ]
        sources = self.env["res.partner"]
        for xmlid, product, quantity, description in work:
            partner = ref(f"service_contract_quota.{xmlid}")
            lines = self.bill(
                [
                    {
                        "partner_id": partner.id,
                        "product_id": ref(f"service_contract_quota.{product}").id,
                        "quantity": quantity,
                        "date": today,
                        "description": description,
                        "source": partner,
                    }
                ]
            )
            sources |= partner
            # An xml id, so uninstalling the addon removes the demo orders too.
            self.env["ir.model.data"]._update_xmlids(
                [
                    {
                        "xml_id": f"service_contract_quota.sale_order_{xmlid}",
                        "record": lines.order_id,
                        "noupdate": True,
                    }
                ]
            )
        return sources
