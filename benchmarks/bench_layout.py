"""Auto-layout speed on generated designs, against running `dot` alone on the same graph.

Baseline: the exact graph auto_layout hands to Graphviz (same clusters, same
iteration caps), run as `dot -Tplain` in a subprocess, in the same run.
Measured: `auto_layout(design, full=True)` end to end (building the graph,
running dot, reading positions, placing zones). Target: <= 1.2x the baseline.
Also shown: the pure-Python layered fallback, and with --uncapped, plain
`dot` without iteration caps (what the caps save).

    .venv/bin/python benchmarks/bench_layout.py [--sizes 100 1000 3000] [--repeat 5] [--uncapped]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from archdraw.layout import ZoneTree, auto_layout, layout_problems
from archdraw.layout.graphviz_engine import dot_source
from generate import generate_design
from timing import median_seconds


def run_dot(program: str, source: str, timeout: float | None = None) -> None:
    subprocess.run(
        [program, "-Tplain"],
        input=source.encode(),
        capture_output=True,
        check=True,
        timeout=timeout,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--uncapped", action="store_true", help="also time dot without caps")
    args = parser.parse_args()
    program = shutil.which("dot")
    if program is None:
        sys.exit("bench_layout needs Graphviz `dot` on PATH")
    print(
        f"{'components':>10} {'links':>6} {'dot alone':>10} {'auto_layout':>12} {'ratio':>6}"
        f" {'layered':>8} {'ratio':>6}" + (f" {'uncapped dot':>13}" if args.uncapped else "")
    )
    for size in args.sizes:
        design = generate_design(size, args.seed)
        ids = [c.id for c in design.components]
        source = dot_source(design, ZoneTree(design), ids, "LR")
        repeat = args.repeat if size < 3000 else max(1, args.repeat // 2)
        result = auto_layout(design, full=True, engine="dot")
        assert result.engine == "dot", result.note
        assert layout_problems(design, result.positions) == []
        baseline = median_seconds(lambda: run_dot(program, source), repeat)  # noqa: B023
        measured = median_seconds(lambda: auto_layout(design, full=True), repeat)  # noqa: B023
        layered = median_seconds(
            lambda: auto_layout(design, full=True, engine="layered"),  # noqa: B023
            repeat,
        )
        line = (
            f"{size:>10} {len(design.links):>6} {baseline:>9.3f}s {measured:>11.3f}s "
            f"{measured / baseline:>5.2f}x {layered:>7.3f}s {layered / baseline:>5.2f}x"
        )
        if args.uncapped:
            plain = re.sub(r"^(nslimit1?|mclimit|searchsize)=.*\n", "", source, flags=re.M)
            try:
                uncapped = median_seconds(lambda: run_dot(program, plain, 300), 1)  # noqa: B023
                line += f" {uncapped:>12.3f}s"
            except subprocess.TimeoutExpired:
                line += f" {'> 300 s':>13}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
