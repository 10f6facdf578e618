#!/usr/bin/env bash
# Run every test of the Service Billing Suite against a real Odoo 18.0.
#
#   scripts/test.sh                 everything (what CI runs)
#   scripts/test.sh --addon NAME    database-free tests + one addon's Odoo tests
#   scripts/test.sh --reuse         keep the dependency template database of an
#                                   earlier run when it exists (faster; CI never does)
#   scripts/test.sh --no-lint       skip scripts/lint.sh
#
# Steps: setup (scripts/setup.sh) -> lint -> database-free tests (pytest) ->
# template database with the OCA/Odoo dependencies -> install/upgrade/uninstall
# of each addon alone -> fresh database with the four addons and demo data ->
# the multi-worker run over HTTP on a copy of it (tests/multiworker) ->
# every addon's Odoo tests (pytest-odoo, HttpCase tours in headless Chromium).
# Ends with one line "N passed, M failed"; exits non-zero on any failure.
# A test that Odoo skips (no Chromium, no websocket-client) counts as failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ONLY="" REUSE=0 LINT=1
while [ $# -gt 0 ]; do
    case "$1" in
        --addon) ONLY="$2"; shift 2 ;;
        --reuse) REUSE=1; shift ;;
        --no-lint) LINT=0; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

SETUP_QUIET=1 bash "$ROOT/scripts/setup.sh" || { echo "0 passed, 1 failed"; exit 1; }
# shellcheck source=scripts/env.sh
source "$ROOT/scripts/env.sh"
# shellcheck source=scripts/db.sh
source "$ROOT/scripts/db.sh"
cd "$ROOT"

PY="$VENV/bin/python"
REPORTS="$ROOT/.test-reports"
rm -rf "$REPORTS" && mkdir -p "$REPORTS"
export SBS_DATA_DIR="$ROOT/.data" SBS_ADDONS_PATH
SBS_ADDONS_PATH="$(addons_path)"
export SBS_TEMPLATE_DB="${SBS_DB_PREFIX:-sbs_test}_deps"
TEST_DB="${SBS_DB_PREFIX:-sbs_test}_suite"
DEPENDENCIES="contract,sale_management,hr_timesheet,helpdesk_mgmt,helpdesk_mgmt_timesheet,fieldservice"
reports=()
started=$SECONDS
step() { printf '\n=== %s (%ds)\n' "$*" $((SECONDS - started)); }

if [ "$LINT" = 1 ]; then
    step "lint (scripts/lint.sh)"
    if bash "$ROOT/scripts/lint.sh" > "$REPORTS/lint.log" 2>&1; then
        echo "lint passed"
        lint_failed=0
    else
        tail -n 40 "$REPORTS/lint.log"
        lint_failed=1
    fi
fi

step "database-free tests"
unit_paths=(tests/unit)
for addon in "${SUITE_ADDONS[@]}"; do
    [ -d "$addon/lib/tests" ] && ls "$addon"/lib/tests/test_*.py >/dev/null 2>&1 && unit_paths+=("$addon/lib/tests")
done
"$PY" -m pytest -p no:odoo -p no:cacheprovider --import-mode=importlib -q \
    --junitxml="$REPORTS/unit.xml" "${unit_paths[@]}"
reports+=("$REPORTS/unit.xml")

step "template database $SBS_TEMPLATE_DB with the dependencies"
if [ "$REUSE" = 1 ] && db_exists "$SBS_TEMPLATE_DB"; then
    echo "reusing $SBS_TEMPLATE_DB"
else
    drop_db "$SBS_TEMPLATE_DB"
    if ! odoo_bin -d "$SBS_TEMPLATE_DB" -i "$DEPENDENCIES" --stop-after-init --no-http \
        > "$REPORTS/template.log" 2>&1 || has_errors "$REPORTS/template.log"; then
        tail -n 60 "$REPORTS/template.log"; echo "0 passed, 1 failed"; exit 1
    fi
fi

if [ -z "$ONLY" ]; then
    step "install, upgrade and uninstall each addon alone"
    "$PY" -m pytest -p no:odoo -p no:cacheprovider --import-mode=importlib -q \
        --junitxml="$REPORTS/lifecycle.xml" tests/lifecycle
    reports+=("$REPORTS/lifecycle.xml:strict")
fi

step "fresh database $TEST_DB with the four addons and demo data"
clone_db "$SBS_TEMPLATE_DB" "$TEST_DB"
if ! odoo_bin -d "$TEST_DB" -i "$SUITE_ADDONS_CSV" --stop-after-init --no-http > "$REPORTS/install.log" 2>&1 \
    || has_errors "$REPORTS/install.log"; then
    tail -n 60 "$REPORTS/install.log"; echo "0 passed, 1 failed"; exit 1
fi

if [ -z "$ONLY" ]; then
    # Real processes and commits: two Odoo hosts (--workers=4
    # --max-cron-threads=2, and --workers=2) on a copy of the fresh database.
    step "multi-worker Odoo over HTTP (tests/multiworker)"
    SBS_MW_TEMPLATE_DB="$TEST_DB" "$PY" -m pytest -p no:odoo -p no:cacheprovider \
        --import-mode=importlib -q --junitxml="$REPORTS/multiworker.xml" tests/multiworker
    reports+=("$REPORTS/multiworker.xml:strict")
fi

step "Odoo tests (pytest-odoo, tours in headless Chromium)"
odoo_paths=()
for addon in "${SUITE_ADDONS[@]}"; do
    [ -z "$ONLY" ] || [ "$addon" = "$ONLY" ] || continue
    odoo_paths+=("$addon/tests")
done
"$PY" -m pytest -p no:cacheprovider -q -rs --odoo-database="$TEST_DB" \
    --odoo-addons-path="$SBS_ADDONS_PATH" --odoo-extra "data-dir=$SBS_DATA_DIR" \
    --odoo-log-level=warn --odoo-http --rootdir="$ROOT" --junitxml="$REPORTS/odoo.xml" "${odoo_paths[@]}"
reports+=("$REPORTS/odoo.xml:strict")

step "summary"
summary_args=()
[ -z "$ONLY" ] || summary_args+=(--only "$ONLY")
if [ "$LINT" = 0 ]; then summary_args+=(--lint off)
elif [ "$lint_failed" = 0 ]; then summary_args+=(--lint passed)
else summary_args+=(--lint failed); fi
echo "total time $((SECONDS - started))s"
"$PY" "$ROOT/scripts/summarize_tests.py" "${summary_args[@]}" "${reports[@]}"
