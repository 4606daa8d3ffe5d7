"""Lint speed on generated designs of 1,000 and 5,000 components, against loading them.

Baseline: `archdraw.io.load` of the same file in the same run (parse, validate,
locations). Measured: one full `lint_design` run (every rule, settings applied,
lines attached). Targets: lint costs less than the load, and under 100 ms at
5,000 components, so the editor can re-lint on every edit.

    .venv/bin/python benchmarks/bench_lint.py [--sizes 1000 5000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from archdraw.io import dumps, load
from archdraw.library import builtin_library
from archdraw.lint import all_rules, lint_design
from generate import generate_design


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    library = builtin_library()
    families = Counter(r.category for r in all_rules())
    print("designs from benchmarks/generate.py (generate_design(n, seed))")
    print(f"rules: {len(all_rules())} ({', '.join(f'{k} {v}' for k, v in families.items())})")
    print(
        f"{'components':>10} {'links':>7} {'load ms':>9} {'lint ms':>9} {'lint/load':>10} findings"
    )
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            text = dumps(generate_design(size, args.seed))
            path = Path(folder) / f"generated-{size}.archdraw.yaml"
            path.write_text(text, encoding="utf-8")
            loaded = load(path, library)
            load_ms = median_ms(lambda p=path: load(p, library), args.repeat)
            findings = lint_design(loaded.design, library, loaded.locations)
            lint_ms = median_ms(
                lambda d=loaded: lint_design(d.design, library, d.locations), args.repeat
            )
            ratio = lint_ms / load_ms
            print(
                f"{len(loaded.design.components):>10} {len(loaded.design.links):>7} "
                f"{load_ms:>9.1f} {lint_ms:>9.1f} {ratio:>10.2f} {len(findings)}"
            )
            if size == max(args.sizes):
                worst = lint_ms
            if ratio >= 1.0:
                print(f"  above target: lint costs {ratio:.2f}x the load")
    print(f"target at {max(args.sizes)}: lint < 100 ms -> {'met' if worst < 100 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
