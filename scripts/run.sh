#!/usr/bin/env bash
# Sets up what is missing, then starts the editor with a sample design open.
# Any arguments are passed to archdraw instead (e.g. scripts/run.sh my.archdraw.yaml).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if (( $# == 0 )); then
  sample=sample_designs/twitter.archdraw.yaml
  [[ -f "$sample" ]] || sample=$(ls sample_designs/*.archdraw.yaml 2>/dev/null | head -n 1 || true)
  set -- ${sample:+"$sample"}
fi
exec .venv/bin/archdraw "$@"
