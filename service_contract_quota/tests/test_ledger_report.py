from ast import literal_eval
from datetime import date

from lxml import etree

from .common import QuotaCase


class TestLedgerReport(QuotaCase):
    """The ledger's pivot and graph never add minutes to incidents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.incidents = cls._quota(cls.contract, 10, cls.incident, unit="session")
        customer = cls.env["res.partner"].create({"name": "Hourly Ltd"})
        contract = cls._contract(customer, date(2026, 1, 1))
        cls.hours = cls._quota(contract, 2, cls.onsite, unit="hour")
        cls.customer = customer
        quotas = cls.quota | cls.incidents | cls.hours
        cls.mine = [("quota_id", "in", quotas.ids)]  # not the demo data's

    def setUp(self):
        super().setUp()
        self.bill(self.remote, 30, source=self.sources[0])
        self.bill(self.incident, 1, source=self.sources[1])
        self.bill(self.incident, 1, source=self.sources[2])
        self.bill(self.onsite, 3, source=self.sources[3], partner=self.customer)

    def test_measures_count_each_unit_apart(self):
        Move = self.env["service.quota.move"].with_user(self.manager)
        [total] = Move.read_group(
            self.mine,
            [
                "quantity",
                "covered_minutes",
                "overage_minutes",
                "covered_sessions",
                "covered_units",
            ],
            [],
        )
        self.assertNotIn("quantity", total, "covered quantities of mixed units")
        # 30 remote minutes, 2 of 3 on-site hours as 120 minutes
        self.assertEqual(total["covered_minutes"], 150)
        self.assertEqual(total["overage_minutes"], 60)
        self.assertEqual(total["covered_sessions"], 2)
        self.assertEqual(total["covered_units"], 0)

    def test_the_report_opens_grouped_by_unit(self):
        action = self.env.ref("service_contract_quota.service_quota_move_action")
        context = literal_eval(action.context)
        Move = self.env["service.quota.move"].with_user(self.manager)
        search = etree.fromstring(
            Move.get_view(action.search_view_id.id, "search")["arch"]
        )
        defaults = [
            literal_eval(node.get("context"))["group_by"]
            for node in search.iter("filter")
            if context.get(f"search_default_{node.get('name')}")
        ]
        self.assertEqual(defaults, ["unit"])
        groups = Move.read_group(
            self.mine, ["quantity:sum", "overage_quantity:sum"], defaults
        )
        by_unit = {g["unit"]: (g["quantity"], g["overage_quantity"]) for g in groups}
        self.assertEqual(
            by_unit, {"minute": (30, 0), "session": (2, 0), "hour": (2, 1)}
        )
        for view_type in ("pivot", "graph"):
            arch = etree.fromstring(Move.get_view(False, view_type)["arch"])
            measures = [
                node.get("name")
                for node in arch.iter("field")
                if node.get("type") == "measure"
            ]
            self.assertTrue(measures, view_type)
            self.assertFalse(
                {"quantity", "overage_quantity"} & set(measures), view_type
            )
            self.assertIn("unit", [node.get("name") for node in arch.iter("field")])
