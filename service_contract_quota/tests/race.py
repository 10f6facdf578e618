"""Harness for races between real, committed transactions (BaseCase, threads).

Each thread runs its call through ``odoo.service.model.retrying`` exactly as an
HTTP or JSON-RPC request does: a serialization failure rolls back and runs the
call again on fresh data. Every thread takes its snapshot first, then all meet
at a barrier, so they really race for the same rows.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests.common import BaseCase, get_db_name
from odoo.tools import mute_logger


class RaceCase(BaseCase):
    """Committed fixtures (a per-minute product, a customer with a contract)
    removed after the class, quotas on demand, and :meth:`_race`.

    Subclasses tag themselves ``-standard, -at_install, post_install,
    database_breaking`` and extend :meth:`_remove_extra` for what they add.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.addClassCleanup(cls._remove_fixtures)
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            minute = env.ref("service_contract_quota.uom_minute")
            cls.product_id = (
                env["product.product"]
                .create(
                    {
                        "name": "Concurrent remote minute",
                        "type": "service",
                        "list_price": 1.0,
                        "uom_id": minute.id,
                        "uom_po_id": minute.id,
                        "taxes_id": [Command.clear()],
                    }
                )
                .id
            )
            cls.partner_id = (
                env["res.partner"].create({"name": "Concurrent customer"}).id
            )
            cls.contract_id = (
                env["contract.contract"]
                .create(
                    {
                        "name": "Concurrent contract",
                        "partner_id": cls.partner_id,
                        "date_start": date(2020, 1, 1),
                        "line_recurrence": True,
                    }
                )
                .id
            )

    @classmethod
    def _remove_extra(cls, env):
        """Remove what a subclass added before the shared fixtures go."""

    @staticmethod
    def _cancel_in_sql(env, orders):
        """Cancel ``orders`` directly (confirmed orders a test left behind,
        which no user would cancel), so the shared fixtures can go."""
        env.cr.execute(
            "UPDATE sale_order SET state = 'cancel' WHERE id = ANY(%s)", [orders.ids]
        )
        env.cr.execute(
            "UPDATE sale_order_line SET state = 'cancel' WHERE order_id = ANY(%s)",
            [orders.ids],
        )

    @classmethod
    def _remove_fixtures(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cls._remove_extra(env)
            quotas = (
                env["service.quota"]
                .with_context(active_test=False)
                .search([("contract_id", "=", cls.contract_id)])
            )
            orders = env["sale.order"].search([("partner_id", "=", cls.partner_id)])
            cr.execute(
                "DELETE FROM service_quota_move WHERE quota_id = ANY(%s)", [quotas.ids]
            )
            env["service.billed.source"].search(
                [("sale_line_ids", "in", orders.order_line.ids)]
            ).unlink()
            orders.unlink()
            quotas.unlink()
            env["contract.contract"].browse(cls.contract_id).unlink()
            env["res.partner"].browse(cls.partner_id).unlink()
            env["product.product"].browse(cls.product_id).unlink()

    def _new_quota(self, allowance):
        """A quota of ``allowance`` minutes, the contract's only active one."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["service.quota"].search(
                [("contract_id", "=", self.contract_id)]
            ).active = False
            return (
                env["service.quota"]
                .create(
                    {
                        "name": f"Race {allowance}",
                        "contract_id": self.contract_id,
                        "allowance": allowance,
                        "product_ids": [Command.set([self.product_id])],
                    }
                )
                .id
            )

    def _race(self, calls, uid=SUPERUSER_ID):
        """Run each ``call(env)`` as ``uid``, each in its own transaction, at once."""
        barrier = threading.Barrier(len(calls))

        def run(call):
            first_try = [True]
            with self.registry.cursor() as cr:
                env = api.Environment(cr, uid, {})

                def attempt():
                    if first_try[0]:
                        first_try[0] = False
                        env.cr.execute("SELECT 1")  # take the snapshot, then race
                        barrier.wait(timeout=30)
                    return call(env)

                return retrying(attempt, env)

        with (
            mute_logger("odoo.service.model", "odoo.sql_db"),
            ThreadPoolExecutor(len(calls)) as pool,
        ):
            futures = [pool.submit(run, call) for call in calls]
            return [future.result(timeout=120) for future in futures]
