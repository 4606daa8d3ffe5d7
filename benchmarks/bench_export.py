"""SVG and PNG export speed at 1,000 components, against Graphviz drawing the same diagram.

Baseline: `neato -n2` drawing the same graph (every node pinned where the
design puts it, same box size, labelled, straight edges) as SVG and as PNG
at the same size, in the same run. Measured: `export_design(..., "svg")` and
`export_design(..., "png", scale=1)` end to end (icons, zones, routed links,
labels; PNG through Qt offscreen). Positions come from auto_layout, so the
drawing is the size a user would export.

    .venv/bin/python benchmarks/bench_export.py [--sizes 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from archdraw.export import export_design
from archdraw.layout import auto_layout, graphviz_safe
from archdraw.library import builtin_library
from archdraw.model import Design
from archdraw.style import NODE_HEIGHT, NODE_WIDTH
from generate import generate_design
from timing import median_seconds


def graphviz_drawing(design: Design) -> str:
    names = {c.id: f"n{i}" for i, c in enumerate(design.components)}
    lines = [
        "digraph d {",
        # Straight edges: what archdraw draws at this size, where Graphviz's orthogonal
        # router aborts and its curved one would take minutes.
        "splines=false",
        f'node [shape=box style="rounded,filled" fixedsize=true width={NODE_WIDTH / 72:.3f} '
        f"height={NODE_HEIGHT / 72:.3f}]",
    ]
    for component in design.components:
        assert component.position is not None
        x, y = component.position
        label = graphviz_safe(component.title).replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'{names[component.id]} [pos="{x:.1f},{-y:.1f}!" label="{label}"]')
    lines.extend(
        f"{names[k.source]}->{names[k.target]}" for k in design.links if k.source != k.target
    )
    lines.append("}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    neato = shutil.which("neato")
    if neato is None:
        sys.exit("bench_export needs Graphviz `neato` on PATH")
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    library = builtin_library()
    print(
        f"{'components':>10} {'format':>6} {'graphviz':>9} {'archdraw':>9} {'ratio':>6}"
        f" {'bytes':>10}"
    )
    for size in args.sizes:
        design = generate_design(size, 1)
        placed = auto_layout(design, library, full=True).positions
        for component in design.components:
            component.position = placed[component.id]
        source = graphviz_drawing(design).encode()
        for fmt in ("svg", "png"):
            output: list[bytes | str] = []

            def ours(
                fmt: str = fmt, output: list[bytes | str] = output, design: Design = design
            ) -> None:
                output[:] = [export_design(design, library, fmt, scale=1.0)]

            def theirs(fmt: str = fmt, source: bytes = source) -> None:
                subprocess.run(
                    [neato, "-n2", f"-T{fmt}"], input=source, capture_output=True, check=True
                )

            ours()  # warm-up: Qt start-up and icon cache are not part of the figure
            baseline = median_seconds(theirs, args.repeat)
            measured = median_seconds(ours, args.repeat)
            print(
                f"{size:>10} {fmt:>6} {baseline:>8.3f}s {measured:>8.3f}s "
                f"{measured / baseline:>5.2f}x {len(output[0]):>10}",
                flush=True,
            )


if __name__ == "__main__":
    main()
