#!/usr/bin/env bash
# Long fuzz run with the hypothesis `fuzz` profile (tests/property/profiles.py):
#   - the loader fuzz tests (random bytes, random text, mutated design text and
#     data, edge values in every field): ARCHDRAW_FUZZ_EXAMPLES cases each,
#     default 100,000; every file that loads is also run through validate,
#     lint --format json, export (each text format and SVG) and analyze, which
#     must never exit 3; the per-command exit counts are in the statistics;
#   - the round-trip property loads(dumps(d)) == d over generated designs:
#     ARCHDRAW_ROUNDTRIP_EXAMPLES cases, default 10,000 (each builds a design).
# The normal test command runs the same tests with a few thousand cases.
# Extra arguments go to pytest (e.g. -k random_bytes). Measured on a busy
# 2-core machine: about 41 min for the loader tests, 26 min for the round trip.
set -euo pipefail
cd "$(dirname "$0")/.."
export ARCHDRAW_HYPOTHESIS_PROFILE=fuzz
export QT_QPA_PLATFORM=offscreen
start=$(date +%s)
ARCHDRAW_FUZZ_EXAMPLES="${ARCHDRAW_FUZZ_EXAMPLES:-100000}" \
    .venv/bin/python -m pytest -p no:cacheprovider -q --hypothesis-show-statistics \
    tests/property/test_fuzz_loader.py "$@" || [ $? -eq 5 ]   # 5: -k selected none here
ARCHDRAW_FUZZ_EXAMPLES="${ARCHDRAW_ROUNDTRIP_EXAMPLES:-10000}" \
    .venv/bin/python -m pytest -p no:cacheprovider -q --hypothesis-show-statistics \
    tests/property/test_roundtrip.py "$@" || [ $? -eq 5 ]
echo "== fuzzing finished in $(( $(date +%s) - start )) s"
