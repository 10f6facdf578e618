#!/usr/bin/env bash
# Run the suite's code quality checks (.pre-commit-config.yaml) on every file.
#   scripts/lint.sh            check everything (fixers rewrite files and fail)
#   scripts/lint.sh FILE...    check only these files
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
[ -x .venv/bin/pre-commit ] || SETUP_QUIET=1 bash scripts/setup.sh
if [ ! -x node_modules/.bin/prettier ] || [ ! -x node_modules/.bin/eslint ]; then
    command -v npm >/dev/null 2>&1 || { echo "lint: npm is needed for prettier and eslint (apt-get install npm)" >&2; exit 1; }
    npm install --no-audit --no-fund --no-package-lock --silent >/dev/null
fi
export PRE_COMMIT_HOME="${PRE_COMMIT_HOME:-$ROOT/.data/pre-commit}"
if [ $# -gt 0 ]; then
    exec .venv/bin/pre-commit run --color=never --files "$@"
fi
exec .venv/bin/pre-commit run --color=never --all-files
