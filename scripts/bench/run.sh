#!/usr/bin/env bash
# Run the suite's benchmarks on scratch databases (created from scratch or
# from scripts/test.sh's dependency template when it exists). Prints ratios
# measured in one run; nothing here is a timed test.
#
#   BENCH_ONLY=quota   only the billing engine benchmark (bench_quota.py)
#   BENCH_ONLY=remote  only "finish and bill" over JSON-RPC (bench_remote.py)
#   BENCH_ONLY=tickets only the monthly ticket billing run (bench_tickets.py)
#   BENCH_ONLY=fsm     only approving and invoicing service activities (bench_fsm.py)
#   BENCH_ONLY=statement  only the monthly statement run vs sale.order._create_invoices
#   BENCH_ONLY=workers    only finish-and-bill throughput at --workers=1 and 4 (8 clients)
#
# The remote benchmark starts an Odoo server on BENCH_REMOTE_PORT (8091) for
# the database BENCH_REMOTE_DB (sbs_bench_remote), then stops it and drops it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SETUP_QUIET=1 bash "$ROOT/scripts/setup.sh"
# shellcheck source=scripts/env.sh
source "$ROOT/scripts/env.sh"
# shellcheck source=scripts/db.sh
source "$ROOT/scripts/db.sh"
BENCH_ONLY="${BENCH_ONLY:-}"
case "$BENCH_ONLY" in
    "" | quota | remote | tickets | fsm | statement | workers) ;;
    *) echo "BENCH_ONLY must be quota, remote, tickets, fsm, statement or workers, not '$BENCH_ONLY'" >&2
       exit 2 ;;
esac
TEMPLATE="${SBS_DB_PREFIX:-sbs_test}_deps"

# A scratch database with the given addons installed (no demo data).
prepare_db() {
    if db_exists "$TEMPLATE"; then
        clone_db "$TEMPLATE" "$1"
    else
        drop_db "$1"
    fi
    odoo_bin -d "$1" -i "$2" --without-demo=all --stop-after-init --no-http > "$DATA_DIR/$1.log" 2>&1 \
        || { tail -n 30 "$DATA_DIR/$1.log"; exit 1; }
}

# One in-process benchmark: NAME DATABASE ADDON SCRIPT, run unless BENCH_ONLY names another.
run_bench() {
    [ -z "$BENCH_ONLY" ] || [ "$BENCH_ONLY" = "$1" ] || return 0
    prepare_db "$2" "$3"
    "$VENV/bin/python" "$ROOT/scripts/bench/$4" "$2" --addons-path="$(addons_path)" \
        --data-dir="$DATA_DIR" --log-level=warn
    drop_db "$2"
}

run_bench quota "${BENCH_DB:-sbs_bench}" service_contract_quota bench_quota.py
run_bench tickets "${BENCH_TICKETS_DB:-sbs_bench_tickets}" helpdesk_ticket_billing bench_tickets.py
run_bench fsm "${BENCH_FSM_DB:-sbs_bench_fsm}" field_service_activity bench_fsm.py
run_bench statement "${BENCH_STATEMENT_DB:-sbs_bench_statement}" service_contract_quota bench_statement.py

if [ -z "$BENCH_ONLY" ] || [ "$BENCH_ONLY" = workers ]; then
    # Real servers on free ports (tests/multiworker/harness.py).
    WORKERS_DB="${BENCH_WORKERS_DB:-sbs_bench_workers}"
    prepare_db "$WORKERS_DB" service_contract_quota,service_remote_timer
    SBS_DATA_DIR="$DATA_DIR" SBS_ADDONS_PATH="$(addons_path)" \
        "$VENV/bin/python" "$ROOT/scripts/bench/bench_workers.py" "$WORKERS_DB"
    drop_db "$WORKERS_DB"
fi

if [ -z "$BENCH_ONLY" ] || [ "$BENCH_ONLY" = remote ]; then
    REMOTE_DB="${BENCH_REMOTE_DB:-sbs_bench_remote}"
    PORT="${BENCH_REMOTE_PORT:-8091}"
    SERVER_PID=""
    stop_server() {
        if [ -n "$SERVER_PID" ]; then
            # odoo_bin runs in a background subshell: stop its python child, then it.
            pkill -TERM -P "$SERVER_PID" 2>/dev/null || true
            kill -TERM "$SERVER_PID" 2>/dev/null || true
            wait "$SERVER_PID" 2>/dev/null || true
            SERVER_PID=""
        fi
    }
    trap 'stop_server; drop_db "$REMOTE_DB"' EXIT
    if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
        echo "port $PORT is in use: set BENCH_REMOTE_PORT (8091-8099)" >&2
        exit 1
    fi
    prepare_db "$REMOTE_DB" service_contract_quota,service_remote_timer
    "$VENV/bin/python" "$ROOT/scripts/bench/bench_remote.py" setup "$REMOTE_DB" \
        --addons-path="$(addons_path)" --data-dir="$DATA_DIR" --log-level=warn
    odoo_bin -d "$REMOTE_DB" --db-filter="^$REMOTE_DB\$" --http-port="$PORT" --workers=0 \
        --max-cron-threads=0 > "$DATA_DIR/$REMOTE_DB.server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 240); do
        if curl -sf -o /dev/null "http://127.0.0.1:$PORT/web/login"; then
            break
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$DATA_DIR/$REMOTE_DB.server.log"; exit 1; }
        sleep 0.5
    done
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/web/login" \
        || { echo "the server did not answer on port $PORT" >&2; exit 1; }
    "$VENV/bin/python" "$ROOT/scripts/bench/bench_remote.py" client "http://127.0.0.1:$PORT" "$REMOTE_DB"
    stop_server
    if has_errors "$DATA_DIR/$REMOTE_DB.server.log" > /dev/null; then
        echo "the server logged errors (see $DATA_DIR/$REMOTE_DB.server.log):"
        has_errors "$DATA_DIR/$REMOTE_DB.server.log" | head -n 10
    fi
fi
