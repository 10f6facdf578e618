"""Data for the multi-worker tests and the throughput benchmark, committed
so that separate Odoo servers see it. Run in its own process:

    python fixture.py [--technicians N ...] -- ODOO OPTIONS (-d DB, paths)

Makes a per-minute remote support service (the company's, orders confirmed,
not invoiced per order), ``technicians`` technicians (login = password
``mw_tech_<n>``) with employees, ``customers`` customers each with a contract
and a monthly quota of ``allowance`` minutes, the last ``statement_customers``
of them on monthly statement with ``statement_orders`` service orders
already billed this month, and ``sessions`` paused sessions per technician
(7 to 40 minutes, customers in turn). Prints one line of JSON.
"""

import argparse
import json
import random
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "bench"))

from bench_common import customers_with_quotas, minute_product  # noqa: E402


def technicians(env, logins):
    """Technicians (password = login), each with an employee."""
    from odoo import Command

    groups = [
        env.ref("base.group_user").id,
        env.ref("service_contract_quota.group_service_technician").id,
    ]
    users = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            [
                {
                    "name": login.replace("_", " ").title(),
                    "login": login,
                    "password": login,
                    "email": f"{login}@example.com",
                    "groups_id": [Command.set(groups)],
                }
                for login in logins
            ]
        )
    )
    env["hr.employee"].create(
        [{"name": user.name, "user_id": user.id} for user in users]
    )
    return users


def remote_service(env):
    """The company's per-minute remote support service; finishing a session
    confirms its order and does not invoice it."""
    from odoo import Command

    product = minute_product(env, taxes_id=[Command.clear()])
    env.company.write(
        {
            "service_remote_product_id": product.id,
            "service_auto_confirm": True,
            "service_auto_invoice": False,
        }
    )
    assert env.company.service_remote_project_id, "no remote support project"
    return product


def paused_sessions(env, users, partners, per_user, rng):
    """``per_user`` paused sessions per technician, one closed interval each."""
    stop = datetime.now().replace(microsecond=0) - timedelta(minutes=1)
    made = {}
    for n, user in enumerate(users):
        sessions = (
            env["service.remote.session"]
            .with_user(user)
            .create(
                [
                    {
                        "partner_id": partners[(n + k) % len(partners)].id,
                        "description": f"Multi-worker {n}.{k}",
                    }
                    for k in range(per_user)
                ]
            )
        )
        sessions.sudo().write({"state": "paused"})  # as Pause leaves them
        env["service.remote.interval"].sudo().create(
            [
                {
                    "session_id": session.id,
                    "start": stop - timedelta(minutes=rng.randint(7, 40)),
                    "stop": stop,
                }
                for session in sessions
            ]
        )
        made[user.login] = sessions.ids
    return made


def statement_orders(env, partners, product, count, rng):
    """``count`` confirmed service orders this month per customer, through
    the engine (one call each, as finished work arrives)."""
    billing = env["service.billing"]
    for partner in partners:
        sources = env["res.partner"].create(
            [{"name": f"{partner.name} earlier work {n}"} for n in range(count)]
        )
        for n, source in enumerate(sources):
            billing.bill(
                [
                    {
                        "partner_id": partner.id,
                        "product_id": product.id,
                        "quantity": rng.randint(5, 30),
                        "date": date.today(),
                        "description": f"Earlier work {n}",
                        "source": source,
                    }
                ]
            )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--technicians", type=int, default=8)
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--customers", type=int, default=3)
    parser.add_argument("--allowance", type=int, default=120)
    parser.add_argument("--statement-customers", type=int, default=1)
    parser.add_argument("--statement-orders", type=int, default=20)
    args, odoo_args = parser.parse_known_args()
    odoo_args = [arg for arg in odoo_args if arg != "--"]

    import odoo
    from odoo.tools import config

    config.parse_config(odoo_args)
    registry = odoo.modules.registry.Registry(config["db_name"])
    rng = random.Random(13)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        product = remote_service(env)
        env.company.write(
            {"service_invoicing_policy": "per_order", "service_statement_post": False}
        )
        users = technicians(env, [f"mw_tech_{n}" for n in range(args.technicians)])
        partners, __ = customers_with_quotas(
            env,
            args.customers,
            product,
            "Multi-worker",
            allowance=args.allowance,
            start=date.today().replace(month=1, day=1),
        )
        on_statement = partners[len(partners) - args.statement_customers :]
        on_statement.write({"service_invoicing_policy": "statement"})
        statement_orders(env, on_statement, product, args.statement_orders, rng)
        sessions = paused_sessions(env, users, partners, args.sessions, rng)
        env.flush_all()
        cr.commit()
        cr.execute("ANALYZE")
        cr.commit()
        print(
            json.dumps(
                {
                    "product": product.id,
                    "sessions": sessions,
                    "customers": partners.ids,
                    "statement_customers": on_statement.ids,
                    "quotas": {
                        str(p.id): env["service.quota"]
                        .search([("partner_id", "=", p.id)])
                        .ids
                        for p in partners
                    },
                }
            )
        )


if __name__ == "__main__":
    main()
