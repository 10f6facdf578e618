#!/usr/bin/env bash
# Prepare this machine for the Service Billing Suite: system packages,
# a running PostgreSQL with a role for you, Odoo 18.0 sources, and a
# virtual environment (.venv) with Odoo's and the suite's requirements.
#
# Idempotent: every step checks first and does nothing when already done,
# so scripts/run.sh and scripts/test.sh call it on every run.
#
# Environment:
#   ODOO_SRC     Odoo 18.0 source tree (default ~/.cache/odoo-src/18.0);
#                cloned from the official 18.0 branch when missing.
#   ODOO_REPO    where to clone it from (default https://github.com/odoo/odoo)
#   VENV         virtual environment (default <repo>/.venv)
#   PYTHON       interpreter to build the venv with (default: python3, 3.10-3.12)
#   SETUP_QUIET  1 = print only problems and the final line
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/env.sh
source "$ROOT/scripts/env.sh"

say() { [ "${SETUP_QUIET:-0}" = 1 ] || printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "need root for: $* (install sudo or run as root)"; fi
}

# ---------------------------------------------------------------- packages
# Debian/Ubuntu package names; each is installed only when missing.
APT_PACKAGES=(
    postgresql postgresql-client   # the only store
    chromium                       # headless browser for the UI tours
    wkhtmltopdf                    # Print: Odoo renders reports to PDF with it
    git                            # to clone Odoo when missing
    build-essential                # Odoo requirements that compile (cbor2, python-ldap)
    libldap2-dev libsasl2-dev      # python-ldap
    libpq-dev                      # psycopg2 when no wheel fits
    libxml2-dev libxslt1-dev libjpeg-dev zlib1g-dev
)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    for pkg in "${APT_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
            missing+=("$pkg")
        fi
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        say "installing system packages: ${missing[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null
    fi
else
    say "not a Debian system: install PostgreSQL, Chromium, wkhtmltopdf and build headers yourself"
fi

# -------------------------------------------------------------- PostgreSQL
pg_ready() { pg_isready -q ${PGHOST:+-h "$PGHOST"} >/dev/null 2>&1; }
if ! pg_ready; then
    say "starting PostgreSQL"
    if command -v pg_lsclusters >/dev/null 2>&1; then
        if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
            version=$(ls /usr/lib/postgresql | sort -V | tail -n1)
            as_root pg_createcluster "$version" main >/dev/null
        fi
        pg_lsclusters -h | while read -r ver cluster _port status _rest; do
            [ "$status" = online ] || as_root pg_ctlcluster "$ver" "$cluster" start
        done
    elif command -v service >/dev/null 2>&1; then
        as_root service postgresql start
    fi
    for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
    pg_ready || die "PostgreSQL does not answer; start it and run this again"
fi

# A role named after you, allowed to create databases (Odoo refuses 'postgres').
DB_ROLE="${PGUSER:-$(id -un)}"
[ "$DB_ROLE" != postgres ] || die "Odoo refuses the database user 'postgres': run as another user"
if ! psql -d postgres -tAc "SELECT 1" >/dev/null 2>&1; then
    say "creating PostgreSQL role $DB_ROLE"
    if [ "$(id -u)" = 0 ]; then
        su postgres -c "createuser --createdb '$DB_ROLE'" 2>/dev/null || true
    else
        sudo -u postgres createuser --createdb "$DB_ROLE" 2>/dev/null || true
    fi
    psql -d postgres -tAc "SELECT 1" >/dev/null 2>&1 \
        || die "cannot connect to PostgreSQL as role $DB_ROLE; create it: sudo -u postgres createuser --createdb $DB_ROLE"
fi

# --------------------------------------------------------------- Odoo 18.0
if [ ! -f "$ODOO_SRC/odoo-bin" ]; then
    say "Odoo 18.0 not found at $ODOO_SRC: cloning the 18.0 branch of $ODOO_REPO"
    mkdir -p "$(dirname "$ODOO_SRC")"
    if ! git clone --quiet --depth 1 --branch 18.0 "$ODOO_REPO" "$ODOO_SRC"; then
        rm -rf "$ODOO_SRC"
        die "could not clone Odoo 18.0 from $ODOO_REPO into $ODOO_SRC.
  Put an Odoo 18.0 source tree there yourself (a directory holding odoo-bin,
  odoo/, addons/ and requirements.txt), for example on a machine with network:
      git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo $ODOO_SRC
  or point ODOO_SRC at an existing checkout, then run this script again."
    fi
fi
grep -q "version_info = (18, 0" "$ODOO_SRC/odoo/release.py" 2>/dev/null \
    || die "$ODOO_SRC is not Odoo 18.0 (odoo/release.py); set ODOO_SRC to an 18.0 tree"

# ------------------------------------------------------------------ Python
pick_python() {
    for candidate in "${PYTHON:-}" python3.11 python3.12 python3.10 python3; do
        [ -n "$candidate" ] || continue
        command -v "$candidate" >/dev/null 2>&1 || continue
        if "$candidate" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 12)))'; then
            echo "$candidate"; return 0
        fi
    done
    return 1
}
stamp="$VENV/.suite-setup-stamp"
want_stamp=$(cat "$ROOT/requirements.txt" "$ROOT/requirements-dev.txt" "$ODOO_SRC/requirements.txt" \
    "$ROOT/scripts/setup.sh" | sha256sum | cut -c1-16)
if [ ! -x "$VENV/bin/python" ]; then
    py=$(pick_python) || die "Odoo 18.0 needs Python 3.10 to 3.12; none found (set PYTHON=...)"
    say "creating $VENV with $("$py" --version)"
    "$py" -m venv "$VENV"
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$want_stamp" ] \
    || ! "$VENV/bin/python" -c "import odoo, pytest_odoo, hypothesis" >/dev/null 2>&1 \
    || ! "$VENV/bin/python" -c "import pkg_resources; pkg_resources.require('gevent')" >/dev/null 2>&1; then
    say "installing Python requirements into $VENV (a few minutes the first time)"
    pip() { "$VENV/bin/python" -m pip --disable-pip-version-check -q "$@"; }
    # cbor2 5.4.2 (Odoo's pin) builds with a setup.py that needs pkg_resources.
    # gevent (the bus's gevent process with --workers) loads its plugins
    # through that pkg_resources, which cannot find zope.* wheels named the
    # new way (zope_interface-8.x.dist-info): "DistributionNotFound:
    # zope.interface" and no /websocket. Keep the last ones named the old way.
    constraints="$VENV/build-constraints.txt"
    printf '%s\n' 'setuptools<70' 'zope.interface==7.2' 'zope.event==5.0' > "$constraints"
    pip install 'setuptools<70' wheel
    PIP_BUILD_CONSTRAINT="$constraints" PIP_CONSTRAINT="$constraints" \
        pip install -r "$ODOO_SRC/requirements.txt"
    # Odoo as a distribution, so the OCA wheels' "odoo==18.0.*" is satisfied.
    pip install --no-deps --no-build-isolation -e "$ODOO_SRC"
    pip install -r "$ROOT/requirements.txt" -r "$ROOT/requirements-dev.txt"
    echo "$want_stamp" > "$stamp"
fi

# Chromium must be there for the tours; a missing browser is an error, not a skip.
command -v chromium >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 \
    || die "no Chromium found; install it (apt-get install chromium)"
# Without wkhtmltopdf Print shows HTML instead of a PDF (and a test fails).
command -v wkhtmltopdf >/dev/null 2>&1 \
    || die "no wkhtmltopdf found; install it (apt-get install wkhtmltopdf)"

say "ready: Odoo $ODOO_SRC, venv $VENV, PostgreSQL role $DB_ROLE"
