#!/usr/bin/env bash
# Run the suite's code quality checks (.pre-commit-config.yaml) on every file.
#   scripts/lint.sh            check everything (fixers rewrite files and fail)
#   scripts/lint.sh FILE...    check only these files
# The hooks run the tools of $VENV (requirements-dev.txt) and of node_modules
# (package.json), which this script installs when they are missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/env.sh
source "$ROOT/scripts/env.sh"
cd "$ROOT"
[ -x "$VENV/bin/pre-commit" ] || SETUP_QUIET=1 bash scripts/setup.sh
if [ ! -x node_modules/.bin/prettier ] || [ ! -x node_modules/.bin/eslint ]; then
    command -v npm >/dev/null 2>&1 || { echo "lint: npm is needed for prettier and eslint (apt-get install npm)" >&2; exit 1; }
    npm install --no-audit --no-fund --no-package-lock --silent >/dev/null
fi
export PATH="$VENV/bin:$ROOT/node_modules/.bin:$PATH"
export PRE_COMMIT_HOME="${PRE_COMMIT_HOME:-$ROOT/.data/pre-commit}"
if [ $# -gt 0 ]; then
    exec pre-commit run --color=never --files "$@"
fi
exec pre-commit run --color=never --all-files
