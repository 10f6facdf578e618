"""Throughput of "finish and bill" on a multi-worker Odoo, over HTTP.

Run with scripts/bench/run.sh (``BENCH_ONLY=workers`` runs this one alone),
which installs the suite on a scratch database, then calls:

    python scripts/bench/bench_workers.py DATABASE

(with ``ODOO_SRC``, ``SBS_ADDONS_PATH`` and ``SBS_DATA_DIR`` set). It commits
8 technicians, 40 customers with a 600-minute monthly quota each and paused
sessions (``tests/multiworker/fixture.py``), then starts Odoo twice on the
database, ``--workers=1`` and ``--workers=4`` (no cron), and each time has
the 8 technicians finish their sessions at once, each from its own client
(``action_finish`` over JSON-RPC, one call after the other). Prints per
server the calls per second (calls / wall time from the start signal to the
last answer), the median and 95th percentile of a call, and the ratio of the
throughputs. Nothing here is a timed test.
"""

import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts" / "bench"))

from bench_common import percentile  # noqa: E402

from tests.multiworker.harness import JsonRpc, OdooServer, populate  # noqa: E402

CLIENTS = 8
CUSTOMERS = 40
WARMUP = 2  # calls per client before the measure
CALLS = 15  # measured calls per client and server
WORKERS = (1, 4)


def run(server, database, sessions):
    """Every client finishes its sessions; returns (wall seconds, latencies)."""
    clients = [
        JsonRpc(server.url, database, f"mw_tech_{n}", f"mw_tech_{n}")
        for n in range(CLIENTS)
    ]
    for rpc, mine in zip(clients, sessions, strict=True):
        for session in mine[:WARMUP]:
            rpc.call("service.remote.session", "action_finish", [session])
    barrier = threading.Barrier(CLIENTS + 1)
    times, errors = [], []

    def client(rpc, mine):
        barrier.wait()
        for session in mine[WARMUP:]:
            start = time.perf_counter()
            try:
                rpc.call("service.remote.session", "action_finish", [session])
            except Exception as error:  # noqa: BLE001 -- counted, shown below
                errors.append(str(error))
            times.append(time.perf_counter() - start)

    threads = [
        threading.Thread(target=client, args=(rpc, mine))
        for rpc, mine in zip(clients, sessions, strict=True)
    ]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    if errors:
        print(f"   {len(errors)} calls failed, first: {errors[0]}")
    return wall, times


def main(database):
    begin = time.perf_counter()
    per_client = len(WORKERS) * (WARMUP + CALLS)
    data = populate(
        database,
        technicians=CLIENTS,
        sessions=per_client,
        customers=CUSTOMERS,
        allowance=600,
        statement_customers=0,
        statement_orders=0,
    )
    print(
        f"setup: {CLIENTS} technicians x {per_client} paused sessions over "
        f"{CUSTOMERS} customers with quotas in {time.perf_counter() - begin:.1f} s"
    )
    load_before = os.getloadavg()[0]
    figures = {}
    for phase, workers in enumerate(WORKERS):
        chunk = slice(phase * (WARMUP + CALLS), (phase + 1) * (WARMUP + CALLS))
        sessions = [data["sessions"][f"mw_tech_{n}"][chunk] for n in range(CLIENTS)]
        with OdooServer(
            database, workers=workers, cron=0, name=f"w{workers}"
        ) as server:
            wall, times = run(server, database, sessions)
            problems = server.problems()
        figures[workers] = len(times) / wall
        print(
            f"--workers={workers}: {len(times)} calls by {CLIENTS} clients in "
            f"{wall:.1f} s: {figures[workers]:.2f} calls/s; per call median "
            f"{statistics.median(times):.3f} s, p95 {percentile(times, 0.95):.3f} s"
            + (f"; server log: {len(problems)} error lines" if problems else "")
        )
    print(
        "load average (1 min) before / after: "
        f"{load_before:.2f} / {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    print(
        f"summary: throughput --workers={WORKERS[-1]} / --workers={WORKERS[0]} = "
        f"{figures[WORKERS[-1]] / figures[WORKERS[0]]:.2f}"
    )


if __name__ == "__main__":
    main(sys.argv[1])
