"""Lint speed on generated designs of 1,000 and 5,000 components, against loading them.

Baseline: `archdraw.io.load` of the same file in the same run (parse, validate,
locations). Measured: one full `lint_design` run (every rule, settings applied,
lines attached). Targets: lint costs less than the load, and under 150 ms at
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
from archdraw.library import Library, builtin_library
from archdraw.lint import all_rules, lint_design
from archdraw.lint.session import LintSession
from archdraw.model import Design, Document
from archdraw.model.edits import MoveComponents, SetProperties
from generate import generate_design
from timing import median_wall_and_cpu_seconds


def median_ms(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds (CPU time is steadier on a shared machine)."""
    wall, cpu = median_wall_and_cpu_seconds(action, repeat)
    return wall * 1000, cpu * 1000


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
        f"{'components':>10} {'links':>6} {'load ms':>8} {'lint ms':>8} {'ratio':>6} "
        f"{'load cpu':>9} {'lint cpu':>9} {'ratio':>6} findings"
    )
    largest = max(args.sizes)
    sessions: list[tuple[int, float, float, float, str, float]] = []
    lint_at_largest = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            text = dumps(generate_design(size, args.seed))
            path = Path(folder) / f"generated-{size}.archdraw.yaml"
            path.write_text(text, encoding="utf-8")
            loaded = load(path, library)
            load_wall, load_cpu = median_ms(lambda p=path: load(p, library), args.repeat)
            findings = lint_design(loaded.design, library, loaded.locations)
            lint_wall, lint_cpu = median_ms(
                lambda d=loaded: lint_design(d.design, library, d.locations), args.repeat
            )
            print(
                f"{len(loaded.design.components):>10} {len(loaded.design.links):>6} "
                f"{load_wall:>8.1f} {lint_wall:>8.1f} {lint_wall / load_wall:>6.2f} "
                f"{load_cpu:>9.1f} {lint_cpu:>9.1f} {lint_cpu / load_cpu:>6.2f} {len(findings)}"
            )
            if size == largest:
                lint_at_largest = lint_cpu
            sessions.append((size, *session_ms(loaded.design, library, args.repeat), lint_cpu))
    verdict = "met" if lint_at_largest < 150 else "MISSED"
    print(f"targets: lint/load < 1; lint < 150 ms CPU at {largest} components: {verdict}")
    print("LintSession (the editor's re-lint), CPU ms, median over the edits; the slowest")
    print("property edit, and it against the full lint's CPU above (goal: under 50 ms):")
    print(f"{'components':>10} {'move':>6} {'prop edit':>9} {'(max)':>6} {'max/lint':>8} slowest")
    for size, move, edit, worst, name, lint_cpu in sessions:
        print(f"{size:>10} {move:>6.1f} {edit:>9.1f} {worst:>6.1f} {worst / lint_cpu:>8.2f} {name}")
    return 0


def session_ms(design: Design, library: Library, repeat: int) -> tuple[float, float, float, str]:
    """Re-lint after moving a component, and after changing one set property value
    (replicas, capacity_rps, timeout_ms, ... of components that set them): the medians, the
    slowest edit and what it edited."""
    document, session = Document(design), LintSession(library)
    session.lint(design)
    moves, edits = [], []
    for step in range(repeat):
        component = design.components[step]
        document.apply(MoveComponents({component.id: (float(step), 0.0)}))
        moves.append(_cpu_ms(lambda: session.lint(design)))
    names = sorted(
        {
            name
            for c in design.components
            for name, v in c.props.items()
            if isinstance(v, int | float) and not isinstance(v, bool)
        }
    )
    edited = []
    for name in names:
        component = next(c for c in design.components if name in c.props)
        document.apply(SetProperties(component.id, {name: component.props[name] + 1}))
        edits.append(_cpu_ms(lambda: session.lint(design)))
        edited.append(f"{component.type}.{name}")
    worst = max(range(len(edits)), key=edits.__getitem__)
    return statistics.median(moves), statistics.median(edits), edits[worst], edited[worst]


def _cpu_ms(action: Callable[[], object]) -> float:
    start = time.process_time()
    action()
    return (time.process_time() - start) * 1000


if __name__ == "__main__":
    raise SystemExit(main())
