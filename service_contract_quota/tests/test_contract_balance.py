from .common import QuotaCase


class TestContractBalance(QuotaCase):
    """The contract's remaining quota and balance are read from its quotas,
    never written on the contract: billing does not rewrite the contract row
    (which serialised it with OCA's invoicing cron on a multi-worker server),
    and the balance can still be searched."""

    def test_billing_does_not_rewrite_the_contract(self):
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE contract_contract SET write_date = '2020-01-01' WHERE id = %s",
            [self.contract.id],
        )
        self.bill(self.remote, 590, self.sources[0])  # ok -> low
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT write_date FROM contract_contract WHERE id = %s",
            [self.contract.id],
        )
        self.assertEqual(str(self.env.cr.fetchone()[0]), "2020-01-01 00:00:00")
        self.env.invalidate_all()
        self.assertEqual(self.contract.service_remaining, "10 minutes")
        self.assertEqual(self.contract.service_balance_state, "low")

    def test_the_balance_can_be_searched(self):
        contracts = self.env["contract.contract"]
        low_customer = self.env["res.partner"].create({"name": "Low Ltd"})
        low = self._contract(low_customer, self.contract.date_start)
        self._quota(low, 100, self.remote)
        self.bill(self.remote, 95, self.sources[1], partner=low_customer)
        empty_customer = self.env["res.partner"].create({"name": "Empty Ltd"})
        empty = self._contract(empty_customer, self.contract.date_start)
        self._quota(empty, 100, self.remote)
        self.bill(self.remote, 100, self.sources[2], partner=empty_customer)
        mine = self.contract | low | empty

        def found(*domain):
            return contracts.search([("id", "in", mine.ids), *domain])

        self.assertEqual(
            (
                self.contract.service_balance_state,
                low.service_balance_state,
                empty.service_balance_state,
            ),
            ("ok", "low", "exhausted"),
        )
        self.assertEqual(found(("service_balance_state", "=", "low")), low)
        self.assertEqual(
            found(("service_balance_state", "in", ["low", "exhausted"])), low | empty
        )
        self.assertEqual(found(("service_balance_state", "!=", "ok")), low | empty)
        self.assertEqual(found(("service_balance_state", "=", False)), contracts)
