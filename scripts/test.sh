#!/usr/bin/env bash
# Sets up what is missing, then runs every check: ruff, format, mypy, import
# layering, and the whole pytest suite (GUI tests offscreen, no display needed).
# Extra arguments go to pytest (e.g. scripts/test.sh tests/model -x).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
export PYTHONDONTWRITEBYTECODE=1
bin=.venv/bin
start=$(date +%s)
echo "== ruff check";        "$bin/ruff" check src tests benchmarks scripts
echo "== ruff format";       "$bin/ruff" format --check src tests benchmarks scripts
echo "== mypy (strict)";     "$bin/mypy"
echo "== import layering";   "$bin/lint-imports"
echo "== pytest"
"$bin/python" -m pytest -n 2 --dist loadgroup -q "$@"
echo "== all checks passed in $(( $(date +%s) - start )) s"
