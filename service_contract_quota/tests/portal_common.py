"""JSON-RPC helpers and a two-customer fixture for the portal access tests."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user
from odoo.tests.common import JsonRpcException

ACCESS_ERROR = "odoo.exceptions.AccessError"


class RpcMixin:
    """``call_kw`` over ``/web/dataset/call_kw`` as the logged-in user (HttpCase)."""

    def call_kw(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def assertRpcAccessError(self, model, method, *args, **kwargs):
        with self.assertRaises(JsonRpcException) as caught:
            self.call_kw(model, method, *args, **kwargs)
        self.assertEqual(str(caught.exception), ACCESS_ERROR, f"{model}.{method}")


class CustomerFixture:
    """Customers, each a company with a portal contact, a running contract (a
    line, a modification), a quota, billed work (order, ledger rows) and,
    when those addons are installed, a ticket and a finished remote session."""

    @classmethod
    def _service_product(cls):
        minute = cls.env.ref("service_contract_quota.uom_minute")
        return cls.env["product.product"].create(
            {
                "name": "Portal remote minute",
                "type": "service",
                "list_price": 1.5,
                "uom_id": minute.id,
                "uom_po_id": minute.id,
                "invoice_policy": "order",
            }
        )

    @classmethod
    def _customer(cls, tag, product, invoice=False):
        today = fields.Date.today()
        company = cls.env["res.partner"].create(
            {"name": f"{tag} Ltd", "is_company": True}
        )
        contact = cls.env["res.partner"].create(
            {
                "name": f"{tag} Contact",
                "parent_id": company.id,
                "email": f"{tag}@x.example",
            }
        )
        login = f"sbs-{tag.lower()}-portal"
        user = new_test_user(
            cls.env, login, groups="base.group_portal", partner_id=contact.id
        )
        contract = cls.env["contract.contract"].create(
            {
                "name": f"{tag} contract",
                "partner_id": company.id,
                "date_start": today - timedelta(days=40),
                "line_recurrence": True,
                "contract_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "name": f"{tag} line",
                            "quantity": 1,
                            "price_unit": 99.0,
                            "recurring_rule_type": "monthly",
                            "date_start": today - timedelta(days=40),
                        }
                    )
                ],
            }
        )
        contract.write(
            {
                "modification_ids": [
                    Command.create(
                        {"date": today, "description": f"{tag} modification"}
                    )
                ]
            }
        )
        quota = cls.env["service.quota"].create(
            {
                "name": f"{tag} quota",
                "contract_id": contract.id,
                "allowance": 300,
                "product_ids": [Command.set(product.ids)],
            }
        )
        lines = cls.env["service.billing"].bill(
            [
                {
                    "partner_id": contact.id,
                    "product_id": product.id,
                    "quantity": 30,
                    "source": contract,
                }
            ]
        )
        records = {
            "company": company,
            "contact": contact,
            "user": user,
            "login": login,
            "contract": contract,
            "quota": quota,
            "order": lines.order_id,
        }
        if invoice:
            lines.order_id.action_confirm()
            records["invoice"] = lines.order_id._create_invoices()
            records["invoice"].action_post()
        if "helpdesk.ticket" in cls.env:
            records["ticket"] = cls.env["helpdesk.ticket"].create(
                {
                    "name": f"{tag} ticket",
                    "description": f"<p>{tag} printer</p>",
                    "partner_id": contact.id,
                }
            )
        if "service.remote.session" in cls.env:
            session = cls.env["service.remote.session"].create(
                {"partner_id": company.id}
            )
            session.write({"state": "done", "service_quantity": 25})
            records["session"] = session
        return records
