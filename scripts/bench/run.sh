#!/usr/bin/env bash
# Run the suite's benchmarks on a scratch database (created from scratch or
# from scripts/test.sh's dependency template when it exists). Prints ratios
# measured in one run; nothing here is a timed test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SETUP_QUIET=1 bash "$ROOT/scripts/setup.sh"
# shellcheck source=scripts/env.sh
source "$ROOT/scripts/env.sh"
# shellcheck source=scripts/db.sh
source "$ROOT/scripts/db.sh"
DB="${BENCH_DB:-sbs_bench}"
if db_exists "${SBS_DB_PREFIX:-sbs_test}_deps"; then
    clone_db "${SBS_DB_PREFIX:-sbs_test}_deps" "$DB"
else
    drop_db "$DB"
fi
odoo_bin -d "$DB" -i service_contract_quota --without-demo=all --stop-after-init --no-http > "$DATA_DIR/$DB.log" 2>&1 \
    || { tail -n 30 "$DATA_DIR/$DB.log"; exit 1; }
"$VENV/bin/python" "$ROOT/scripts/bench/bench_quota.py" "$DB" --addons-path="$(addons_path)" \
    --data-dir="$DATA_DIR" --log-level=warn
drop_db "$DB"
