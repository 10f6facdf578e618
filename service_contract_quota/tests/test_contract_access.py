from odoo import Command
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import ServiceCase
from .portal_common import CustomerFixture, RpcMixin


class TestContractFormAccess(ServiceCase):
    """Technicians open the contracts of the Service app, as the web client does."""

    def _client_spec(self, models, model, depth=0):
        """The web_read specification the web client sends for the fields
        ``get_views`` returned: co-records' names, and the sub-views' fields."""
        spec = {}
        for name in models[model]["fields"]:
            field = self.env[model]._fields.get(name)
            if field is None:
                continue
            if field.type == "one2many" and field.comodel_name in models and not depth:
                spec[name] = {
                    "fields": self._client_spec(models, field.comodel_name, depth + 1)
                }
            elif field.relational:
                spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        return spec

    def test_technician_opens_contract_form_and_list(self):
        tag = self.env["contract.tag"].create({"name": "Gold support"})
        template = self.env["contract.template"].create({"name": "Standard"})
        self.contract.write(
            {
                "tag_ids": [Command.link(tag.id)],
                "contract_template_id": template.id,
                "modification_ids": [
                    Command.create(
                        {"date": self.contract.date_start, "description": "Upgrade"}
                    )
                ],
            }
        )
        self.env["service.quota"].create(
            {
                "name": "Hours",
                "contract_id": self.contract.id,
                "allowance": 60,
                "product_ids": [Command.set(self.product.ids)],
                "unit": "unit",
            }
        )
        action = self.env.ref("service_contract_quota.service_contract_action")
        views = [(view.view_id.id, view.view_mode) for view in action.view_ids]
        self.assertIn("form", [mode for __, mode in views])
        contract = self.contract.with_user(self.technician)
        result = contract.get_views([*views, (False, "kanban"), (False, "search")])
        spec = self._client_spec(result["models"], "contract.contract")
        for field in ("modification_ids", "tag_ids", "contract_line_ids"):
            self.assertIn(field, spec)
        [values] = contract.web_read(spec)
        self.assertIn("Upgrade", [m["description"] for m in values["modification_ids"]])
        self.assertEqual(values["tag_ids"][0]["display_name"], "Gold support")
        self.assertEqual(values["contract_template_id"]["display_name"], "Standard")
        self.assertTrue(
            contract.web_search_read([("id", "=", contract.id)], spec)["records"]
        )
        form = Form(contract, view="contract.contract_contract_customer_form_view")
        self.assertEqual(form.name, self.contract.name)
        self.assertEqual(
            len(form.modification_ids), len(self.contract.modification_ids)
        )


@tagged("post_install", "-at_install")
class TestContractPortalVisibility(RpcMixin, CustomerFixture, HttpCase):
    """One portal rule for a contract, its lines and modifications, its quotas
    and their ledger: the contract's customer is the user's commercial partner,
    or the user was invited to follow the contract."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product = cls._service_product()
        cls.a = cls._customer("Alpha", product)
        cls.b = cls._customer("Bravo", product)
        # A second contact of Alpha follows Alpha's contract; Alpha's fixture
        # contact does not (OCA subscribes the contract's partner, the company).
        # Charlie, of another company (the customer's accountant), is invited.
        cls.follower = cls._portal_contact("Alpha Follower", cls.a["company"])
        accountants = cls.env["res.partner"].create(
            {"name": "Charlie Accounting", "is_company": True}
        )
        cls.invited = cls._portal_contact("Charlie", accountants)
        cls.a["contract"].message_subscribe(
            partner_ids=(cls.follower | cls.invited).ids
        )

    @classmethod
    def _portal_contact(cls, name, company):
        contact = cls.env["res.partner"].create({"name": name, "parent_id": company.id})
        login = f"sbs-{name.lower().replace(' ', '-')}"
        new_test_user(cls.env, login, groups="base.group_portal", partner_id=contact.id)
        return contact

    def _own_records(self, customer):
        contract, quota = customer["contract"], customer["quota"]
        return {
            "contract.contract": contract.ids,
            "contract.line": contract.contract_line_ids.ids,
            "contract.modification": sorted(contract.modification_ids.ids),
            "service.quota": quota.ids,
            "service.quota.move": sorted(quota.move_ids.ids),
        }

    def _rpc_records(self):
        return {
            model: sorted(
                row["id"] for row in self.call_kw(model, "search_read", [], ["id"])
            )
            for model in (
                "contract.contract",
                "contract.line",
                "contract.modification",
                "service.quota",
                "service.quota.move",
            )
        }

    def _assert_pages_show_alpha_only(self, login):
        page = self.url_open("/my/quotas")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Alpha quota", page.text, login)
        self.assertIn("Alpha contract", page.text, login)
        self.assertNotIn("Bravo", page.text)
        quota = self.url_open(f"/my/quotas/{self.a['quota'].id}")
        self.assertEqual(quota.status_code, 200)
        self.assertIn("Alpha contract", quota.text)
        contracts = self.url_open("/my/contracts")
        self.assertIn("Alpha contract", contracts.text, login)
        self.assertNotIn("Bravo", contracts.text)
        contract = self.url_open(f"/my/contracts/{self.a['contract'].id}")
        self.assertEqual(contract.status_code, 200)
        self.assertIn("Alpha line", contract.text)

    def test_followers_and_other_contacts_see_their_contract_and_its_quotas(self):
        followers = self.a["contract"].message_partner_ids
        self.assertNotIn(self.a["contact"], followers)
        self.assertIn(self.follower, followers)
        for login in (self.a["login"], "sbs-alpha-follower"):
            self.authenticate(login, login)
            self.assertEqual(self._rpc_records(), self._own_records(self.a), login)
            self._assert_pages_show_alpha_only(login)

    def test_an_invited_follower_sees_the_whole_contract(self):
        """Invited to follow, Charlie sees the contract and its quotas alike."""
        self.authenticate("sbs-charlie", "sbs-charlie")
        self.assertEqual(self._rpc_records(), self._own_records(self.a))
        self._assert_pages_show_alpha_only("sbs-charlie")

    def test_another_customers_contact_sees_none_of_it(self):
        login = self.b["login"]
        self.authenticate(login, login)
        self.assertEqual(self._rpc_records(), self._own_records(self.b))
        for model, ids in self._own_records(self.a).items():
            self.assertRpcAccessError(model, "read", ids, ["display_name"])
        page = self.url_open("/my/quotas")
        self.assertIn("Bravo quota", page.text)
        self.assertNotIn("Alpha", page.text)
        for url in (
            f"/my/quotas/{self.a['quota'].id}",
            f"/my/contracts/{self.a['contract'].id}",
        ):
            response = self.url_open(url, allow_redirects=False)
            self.assertNotEqual(response.status_code, 200, url)
            self.assertNotIn("Alpha", response.text, url)
        self.assertNotIn("Alpha", self.url_open("/my/contracts").text)
