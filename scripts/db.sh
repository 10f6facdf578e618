# Database helpers for the suite's scripts (sourced after env.sh).
# shellcheck shell=bash
DATA_DIR="${SBS_DATA_DIR:-$ROOT/.data}"

db_exists() { [ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]; }

drop_db() {
    dropdb --if-exists --force "$1" 2>/dev/null || dropdb --if-exists "$1"
    rm -rf "$DATA_DIR/filestore/$1"
}

# Copy a database and its filestore (attachments live on disk, not in PostgreSQL).
clone_db() {
    drop_db "$2"
    createdb -T "$1" "$2"
    if [ -d "$DATA_DIR/filestore/$1" ]; then
        mkdir -p "$DATA_DIR/filestore"
        cp -a "$DATA_DIR/filestore/$1" "$DATA_DIR/filestore/$2"
    fi
}

odoo_bin() {
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" --addons-path="$(addons_path)" --data-dir="$DATA_DIR" \
        --log-level="${ODOO_LOG_LEVEL:-warn}" "$@"
}

# An Odoo log with an ERROR or CRITICAL line, or a traceback (prints them).
has_errors() { grep -E '^\S+ \S+ [0-9]+ (ERROR|CRITICAL) |^Traceback' "$1"; }
