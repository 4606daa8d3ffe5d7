#!/usr/bin/env bash
# Sets up what is missing, then runs every check: ruff, format, mypy, import
# layering, and the whole pytest suite (GUI tests offscreen, no display needed;
# a test process that dies by a signal fails the run).
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
# Qt tests in one process, the rest in parallel; a test process killed by a
# signal fails the run (see scripts/run_tests.py).
"$bin/python" scripts/run_tests.py "$@"
if [[ "${CI:-}" == "true" && $# -eq 0 ]]; then
  # The Linux bundle and .deb, built, installed into a throwaway root and checked
  # (self-test, MIME association under Xvfb); see packaging/README.md.
  echo "== Linux packages"
  "$bin/python" packaging/build.py linux
fi
echo "== all checks passed in $(( $(date +%s) - start )) s"
