# Shared settings for the suite's scripts (sourced, not run).
# shellcheck shell=bash
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
ODOO_SRC="${ODOO_SRC:-$HOME/.cache/odoo-src/18.0}"
ODOO_REPO="${ODOO_REPO:-https://github.com/odoo/odoo}"
VENV="${VENV:-$ROOT/.venv}"
export ODOO_SRC VENV

# The suite's four addons, in dependency order.
SUITE_ADDONS=(service_contract_quota service_remote_timer helpdesk_ticket_billing field_service_activity)
SUITE_ADDONS_CSV=$(IFS=,; echo "${SUITE_ADDONS[*]}")

# Odoo's own addons, then the OCA wheels' directory, then this repository.
oca_addons_dir() {
    "$VENV/bin/python" - <<'PY'
import sysconfig, os
print(os.path.join(sysconfig.get_paths()["purelib"], "odoo", "addons"))
PY
}
addons_path() {
    echo "$ODOO_SRC/odoo/addons,$ODOO_SRC/addons,$(oca_addons_dir),$ROOT"
}
