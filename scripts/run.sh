#!/usr/bin/env bash
# Start Odoo 18 with the Service Billing Suite and its demo data.
#
#   scripts/run.sh [--db NAME] [--port PORT] [--recreate] [--no-serve] [-- ODOO-BIN OPTIONS]
#
#   --db NAME     database to create or upgrade (default: service_billing)
#   --port PORT   HTTP port (default: 8069)
#   --recreate    drop the database first and build it anew
#   --no-serve    create/upgrade the database, print the logins, do not start the server
#   -- ...        anything after -- goes to odoo-bin (e.g. -- --dev=xml)
#
# A new database gets the four addons with their dependencies and demo data;
# an existing one is upgraded (-u) to the code in this repository.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DB="service_billing" PORT=8069 RECREATE=0 SERVE=1 EXTRA=()
while [ $# -gt 0 ]; do
    case "$1" in
        --db) DB="$2"; shift 2 ;;
        --port) PORT="$2"; shift 2 ;;
        --recreate) RECREATE=1; shift ;;
        --no-serve) SERVE=0; shift ;;
        --) shift; EXTRA=("$@"); break ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

bash "$ROOT/scripts/setup.sh"
# shellcheck source=scripts/env.sh
source "$ROOT/scripts/env.sh"
# shellcheck source=scripts/db.sh
source "$ROOT/scripts/db.sh"
mkdir -p "$DATA_DIR"
log="$DATA_DIR/$DB-install.log"

[ "$RECREATE" = 0 ] || { echo "run: dropping database $DB"; drop_db "$DB"; }
if db_exists "$DB"; then
    echo "run: upgrading the suite in database $DB"
    action=(-u "$SUITE_ADDONS_CSV")
else
    echo "run: creating database $DB with the suite and demo data (a few minutes the first time)"
    action=(-i "$SUITE_ADDONS_CSV")
fi
if ! odoo_bin -d "$DB" "${action[@]}" --stop-after-init --no-http > "$log" 2>&1 || has_errors "$log"; then
    tail -n 40 "$log"
    echo "run: ERROR: installing the suite into $DB failed; the full log is $log" >&2
    exit 1
fi

cat <<EOF

  Service Billing Suite on Odoo 18 — database "$DB"
  Open  http://localhost:$PORT/odoo
  Logins (password = login):
    admin        administrator (Service manager too)
    manager      Max Manager, service manager
    technician   Tess Technician, service technician
  Stop the server with Ctrl+C.

EOF
[ "$SERVE" = 1 ] || exit 0
exec "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -d "$DB" --db-filter="^${DB}\$" \
    --addons-path="$(addons_path)" --data-dir="$DATA_DIR" --http-port="$PORT" "${EXTRA[@]}"
