"""The suite on a multi-worker Odoo, driven over HTTP with real processes
and real commits (run by ``scripts/test.sh``, which sets
``SBS_MW_TEMPLATE_DB`` to the freshly installed suite database).

Two Odoo hosts share one PostgreSQL database and one data directory
(filestore and web sessions): host A runs ``--workers=4
--max-cron-threads=2``, host B ``--workers=2`` without cron. Eight
technicians, half on each host, finish their sessions at the same moment
against three quotas while the statement cron (woken by a manager's
*Make in the background*) invoices the statement customer's month; the
systray's bus notifications arrive through the gevent port of either host.
"""

import statistics
import threading
import time
from datetime import date

import pytest

from .harness import (
    JsonRpc,
    OdooServer,
    RpcError,
    bus_socket,
    clone_database,
    drop_database,
    populate,
    receive,
    setting,
)

TECHNICIANS = 8
SESSIONS = 3  # per technician
ALLOWANCE = 120  # minutes a month on each of the three quotas


@pytest.fixture(scope="module")
def suite():
    template = setting("SBS_MW_TEMPLATE_DB")
    database = f"{template}_mw"
    clone_database(template, database)
    data = populate(
        database,
        technicians=TECHNICIANS,
        sessions=SESSIONS,
        customers=3,
        allowance=ALLOWANCE,
        statement_customers=1,
        statement_orders=20,
    )
    host_a = OdooServer(database, workers=4, cron=2, name="host-a")
    host_b = OdooServer(database, workers=2, cron=0, name="host-b")
    try:
        host_a.start()
        host_b.start()
        yield {"db": database, "data": data, "hosts": (host_a, host_b)}
    finally:
        host_a.stop()
        host_b.stop()
        drop_database(database)


def login(server, suite, name):
    return JsonRpc(server.url, suite["db"], name, name)


def test_the_systray_hears_the_bus_through_the_gevent_port_of_either_host(suite):
    host_a, host_b = suite["hosts"]
    rpc = login(host_a, suite, "mw_tech_0")
    # one login serves both hosts: the web sessions live in the shared filestore
    sockets = [bus_socket(host_a, rpc), bus_socket(host_b, rpc.on(host_b.url))]
    try:
        time.sleep(1)  # the subscriptions reach the gevent processes
        partner = suite["data"]["customers"][0]
        session = rpc.call(
            "service.remote.session",
            "create",
            {"partner_id": partner, "description": "Bus check"},
        )
        session = session[0] if isinstance(session, list) else session
        # started on host B's HTTP workers: heard on both gevent ports
        rpc.on(host_b.url).call("service.remote.session", "action_start", [session])
        for connection in sockets:
            payload = receive(
                connection,
                "service_remote_timer/timer",
                lambda p: p.get("id") == session and p.get("running"),
            )
            assert payload["state"] == "running"
        rpc.call("service.remote.session", "action_pause", [session])
        for connection in sockets:
            payload = receive(
                connection,
                "service_remote_timer/timer",
                lambda p: p.get("id") == session and not p.get("running"),
            )
            assert payload["state"] == "paused"
        state = rpc.call("service.remote.session", "get_timer_state")
        assert (state["id"], state["state"]) == (session, "paused")
    finally:
        for connection in sockets:
            connection.close()


def finish_all(rpc, sessions, barrier, out):
    barrier.wait()
    for session in sessions:
        start = time.perf_counter()
        try:
            rpc.call("service.remote.session", "action_finish", [session])
        except RpcError as error:  # what the technician would see
            out["errors"].append(str(error))
        out["times"].append(time.perf_counter() - start)


def test_eight_technicians_finish_at_once_while_the_statement_cron_runs(suite):
    host_a, host_b = suite["hosts"]
    data = suite["data"]
    admin = login(host_a, suite, "admin")
    today = date.today()
    statement_customer = data["statement_customers"][0]
    wizard = admin.call(
        "service.statement.run",
        "create",
        {
            "date_from": today.replace(day=1).isoformat(),
            "date_to": today.isoformat(),
            "partner_ids": [(6, 0, [statement_customer])],
        },
    )
    wizard = wizard[0] if isinstance(wizard, list) else wizard

    technicians = []
    for n in range(TECHNICIANS):
        host = (host_a, host_b)[n % 2]
        rpc = login(host, suite, f"mw_tech_{n}")
        technicians.append((rpc, data["sessions"][f"mw_tech_{n}"]))
    out = {"errors": [], "times": []}
    barrier = threading.Barrier(TECHNICIANS + 1)
    threads = [
        threading.Thread(target=finish_all, args=(rpc, sessions, barrier, out))
        for rpc, sessions in technicians
    ]
    for thread in threads:
        thread.start()
    # the manager's background run wakes the cron worker as they start
    admin.call("service.statement.run", "action_run_background", [wizard])
    barrier.wait()
    for thread in threads:
        thread.join(timeout=600)
    assert not out["errors"], out["errors"]
    assert len(out["times"]) == TECHNICIANS * SESSIONS
    print(
        f"finish and bill: {len(out['times'])} calls by {TECHNICIANS} technicians "
        f"at once, median {statistics.median(out['times']):.2f} s, "
        f"max {max(out['times']):.2f} s"
    )

    request = wait_for_the_run(admin)
    assert request["state"] == "done", request
    check_every_session_billed_once(admin, data)
    check_the_ledger_is_exact(admin, data)
    check_the_statement(admin, statement_customer, request)


def wait_for_the_run(admin, timeout=300):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        requests = admin.call(
            "service.statement.request",
            "search_read",
            [],
            ["state", "statement_ids", "error"],
        )
        if requests and requests[0]["state"] != "queued":
            return requests[0]
        time.sleep(0.5)
    raise AssertionError("the statement cron did not make the run in time")


def check_every_session_billed_once(admin, data):
    ids = [sid for sessions in data["sessions"].values() for sid in sessions]
    sessions = admin.call(
        "service.remote.session",
        "read",
        ids,
        [
            "state",
            "service_sale_line_ids",
            "service_quantity",
            "service_covered_quantity",
        ],
    )
    assert {s["state"] for s in sessions} == {"done"}
    lines = [line for s in sessions for line in s["service_sale_line_ids"]]
    assert len(lines) == len(set(lines)), "a sale line shared by two sessions"
    for session in sessions:
        assert session["service_sale_line_ids"], session
        assert 0 <= session["service_covered_quantity"] <= session["service_quantity"]


def check_the_ledger_is_exact(admin, data):
    """Per quota: the ledger's consumption is what the quota says it used,
    what the sale lines show covered, and exactly what the allowance could
    cover of the work (no minute covered twice, none lost)."""
    for partner, quota_ids in data["quotas"].items():
        (quota,) = admin.call(
            "service.quota",
            "read",
            quota_ids,
            ["period_allowance", "period_used", "remaining"],
        )
        moves = admin.call(
            "service.quota.move",
            "search_read",
            [("quota_id", "=", quota["id"])],
            ["move_type", "quantity", "sale_line_id"],
        )
        assert {m["move_type"] for m in moves} == {"consumption"}, moves
        booked = sum(m["quantity"] for m in moves)
        lines = admin.call(
            "sale.order.line",
            "search_read",
            [
                ("order_id.partner_id", "=", int(partner)),
                ("order_id.state", "=", "sale"),
            ],
            ["product_uom_qty", "discount"],
        )
        billed = sum(line["product_uom_qty"] for line in lines)
        covered = sum(line["product_uom_qty"] for line in lines if line["discount"])
        assert booked == pytest.approx(quota["period_used"])
        assert covered == pytest.approx(quota["period_used"])
        assert quota["period_used"] == pytest.approx(
            min(quota["period_allowance"], billed)
        )
        assert quota["remaining"] == pytest.approx(
            quota["period_allowance"] - quota["period_used"]
        )
        assert quota["remaining"] >= 0


def check_the_statement(admin, customer, request):
    """One statement; every sale line invoiced at most once; the earlier
    orders all on it; what it did not take is still to invoice."""
    statements = admin.call(
        "service.statement",
        "search_read",
        [("partner_id", "=", customer)],
        ["invoice_id", "order_ids"],
    )
    assert len(statements) == 1, statements
    assert request["statement_ids"] == [statements[0]["id"]]
    lines = admin.call(
        "sale.order.line",
        "search_read",
        [("order_id.partner_id", "=", customer), ("display_type", "=", False)],
        ["product_uom_qty", "qty_invoiced", "invoice_lines", "order_id"],
    )
    on_statement = set(statements[0]["order_ids"])
    for line in lines:
        assert len(line["invoice_lines"]) <= 1, line
        if line["order_id"][0] in on_statement:
            assert line["qty_invoiced"] == pytest.approx(line["product_uom_qty"])
        else:
            assert line["qty_invoiced"] == 0, line
    assert len(on_statement) >= 20, "the earlier orders are not all on it"


def test_the_servers_logged_no_error(suite):
    for host in suite["hosts"]:
        assert not host.problems(), host.problems()[:10]
