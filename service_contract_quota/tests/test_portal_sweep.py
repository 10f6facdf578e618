from odoo.osv import expression
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .portal_common import ACCESS_ERROR, CustomerFixture, RpcMixin

# Fields that say who wrote a record, not whose it is: the fixture is written
# by the test's superuser, never by a customer.
LOG_FIELDS = {"create_uid", "write_uid"}


@tagged("post_install", "-at_install")
class TestPortalSweep(RpcMixin, CustomerFixture, HttpCase):
    """Every model a portal user may read, swept over JSON-RPC.

    The models are those the database's access rights let the portal user read
    (found at run time, so an addon adding a portal ACL is swept too). Customer
    B's records are the fixture's: its partners and user, contract, lines,
    modifications, quota, ledger, periods, order and lines, invoice and its
    items, ticket, remote session, and the messages on all of those. A record
    is B's when it is one of them or points at one (many2one, or model and
    res_id). Customer A's portal user must find none of them, with search_read
    (archived records included), read_group or read of B's ids, and must still
    find A's own contract, lines, modifications, quota, ledger, ticket and
    session. Anything else (countries, currencies, stages...) holds no
    customer data and may be read.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product = cls._service_product()
        cls.a = cls._customer("Alpha", product)
        cls.b = cls._customer("Bravo", product, invoice=True)
        cls.env.flush_all()
        cls.foreign = cls._records_of(cls.b)
        cls.own = cls._records_of(cls.a)

    @classmethod
    def _records_of(cls, customer):
        """{model: set of ids} of one fixture customer."""
        records = [
            customer["company"] | customer["contact"],
            customer["user"],
            customer["contract"],
            customer["contract"].contract_line_ids,
            customer["contract"].modification_ids,
            customer["quota"],
            customer["quota"].move_ids,
            customer["quota"].period_total_ids,
            customer["order"],
            customer["order"].order_line,
        ]
        if "invoice" in customer:
            records += [customer["invoice"], customer["invoice"].line_ids]
        records += [customer[key] for key in ("ticket", "session") if key in customer]
        by_model = {}
        for recordset in records:
            by_model.setdefault(recordset._name, set()).update(recordset.ids)
        messages = cls.env["mail.message"].search(
            expression.OR(
                [("model", "=", model), ("res_id", "in", list(ids))]
                for model, ids in by_model.items()
            )
        )
        by_model["mail.message"] = set(messages.ids)
        return by_model

    def _portal_models(self, user):
        access = self.env["ir.model.access"].search(
            [("perm_read", "=", True), ("group_id", "in", user.groups_id.ids)]
        )
        return sorted(
            name
            for name in set(access.model_id.mapped("model"))
            if name in self.env and not self.env[name]._abstract
        )

    def _is_foreign(self, record):
        """Why ``record`` (sudo) is customer B's, or None."""
        if record.id in self.foreign.get(record._name, ()):
            return "is B's"
        for name, field in record._fields.items():
            if (
                field.type == "many2one"
                and field.store
                and name not in LOG_FIELDS
                and field.comodel_name in self.foreign
                and record[name].id in self.foreign[field.comodel_name]
            ):
                return f"{name} is B's {field.comodel_name},{record[name].id}"
        model_field = next(
            (name for name in ("model", "res_model") if name in record._fields), None
        )
        if model_field and "res_id" in record._fields:
            if record.res_id in self.foreign.get(record[model_field] or "", ()):
                return f"is about B's {record[model_field]},{record.res_id}"
        return None

    def _foreign_rows(self, model, ids):
        return {
            record.id: reason
            for record in self.env[model].sudo().browse(ids)
            if (reason := self._is_foreign(record))
        }

    def _groupable_links(self, model):
        """Stored many2one fields of ``model`` the portal user may group by and
        that can point at B's records."""
        env = self.env(user=self.a["user"])
        return [
            name
            for name, field in self.env[model]._fields.items()
            if field.type == "many2one"
            and field.store
            and name not in LOG_FIELDS
            and field.comodel_name in self.foreign
            and field.is_accessible(env)
        ]

    def test_portal_user_reaches_only_own_customers_records(self):
        models = self._portal_models(self.a["user"])
        for name in ("contract.line", "contract.modification", "service.quota"):
            self.assertIn(name, models)
        self.authenticate(self.a["login"], self.a["login"])
        all_records = {"active_test": False}
        found = {}
        leaks = []
        for model in models:
            try:
                rows = self.call_kw(
                    model, "search_read", [], ["id"], context=all_records
                )
            except JsonRpcException as error:
                self.assertEqual(str(error), ACCESS_ERROR, model)
                continue
            ids = [row["id"] for row in rows]
            found[model] = set(ids)
            leaks += [
                f"{model},{id_} ({reason}) from search_read"
                for id_, reason in self._foreign_rows(model, ids).items()
            ]
            [total] = self.call_kw(
                model, "read_group", [], ["__count"], [], context=all_records
            )
            self.assertEqual(total["__count"], len(ids), f"{model}: read_group count")
            for field in self._groupable_links(model):
                groups = self.call_kw(
                    model,
                    "read_group",
                    [],
                    [field],
                    [field],
                    context=all_records,
                )
                comodel = self.env[model]._fields[field].comodel_name
                leaks += [
                    f"{model} grouped by {field}: B's {comodel},{group[field][0]}"
                    for group in groups
                    if group[field] and group[field][0] in self.foreign[comodel]
                ]
        for model in sorted(set(self.foreign) & set(models)):
            for id_ in sorted(self.foreign[model]):
                try:
                    self.call_kw(model, "read", [id_], ["display_name"])
                except JsonRpcException as error:
                    self.assertEqual(str(error), ACCESS_ERROR, f"read {model},{id_}")
                else:
                    leaks.append(f"{model},{id_} from read")
        self.assertFalse(leaks, "customer A's portal user reached B's records")
        for model in (
            "contract.contract",
            "contract.line",
            "contract.modification",
            "service.quota",
            "service.quota.move",
            "helpdesk.ticket",
            "service.remote.session",
        ):
            if model in self.own:
                self.assertLessEqual(self.own[model], found.get(model, set()), model)
