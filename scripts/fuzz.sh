#!/usr/bin/env bash
# Runs the loader fuzz tests and the round-trip property with the hypothesis
# `fuzz` profile: 100,000 cases per test by default (set ARCHDRAW_FUZZ_EXAMPLES
# to change it). The normal test command runs the same tests with a few
# thousand cases. Extra arguments go to pytest (e.g. -k random_bytes).
#
#   scripts/fuzz.sh                          # about an hour on one core
#   ARCHDRAW_FUZZ_EXAMPLES=20000 scripts/fuzz.sh -n 4
set -euo pipefail
cd "$(dirname "$0")/.."
export ARCHDRAW_HYPOTHESIS_PROFILE=fuzz
export QT_QPA_PLATFORM=offscreen
start=$(date +%s)
.venv/bin/python -m pytest -p no:cacheprovider -q --hypothesis-show-statistics \
    tests/property/test_fuzz_loader.py tests/property/test_roundtrip.py "$@"
echo "== fuzzing finished in $(( $(date +%s) - start )) s," \
     "${ARCHDRAW_FUZZ_EXAMPLES:-100000} cases per test"
