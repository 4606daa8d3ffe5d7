"""Analysis speed on a generated 5,000-component design, against one lint run of it.

Baseline: one `lint_design` run on the same design in the same process (every
rule). Measured: one failure (every instance of the busiest component, what
`--fail` does), the single-failure enumeration (`weakest_points`: every
component and every zone failing alone), the growth analysis at 10x, and the
availability estimate (which enumerates whole-component failures too). Each
figure is the median of --repeat runs; the ratio uses CPU time (steadier than
wall time when other work shares the machine).
When `archdraw.lint` is missing, loading the design file is the baseline.

    .venv/bin/python benchmarks/bench_analysis.py [--sizes 1000 5000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from archdraw.analysis.availability import analyze_availability
from archdraw.analysis.capacity import analyze_growth
from archdraw.analysis.failure import analyze_failure
from archdraw.analysis.graph import build_graph
from archdraw.analysis.traffic import arrival_rates
from archdraw.analysis.weakest import weakest_points
from archdraw.io import dumps, load
from archdraw.library import Library, builtin_library
from archdraw.model import Component, Design, Link
from timing import median_wall_and_cpu_seconds


def local_design(n: int, seed: int) -> Design:
    """Chains client -> lb -> service -> database, with a queue and worker beside each."""
    rng = random.Random(seed)
    components: list[Component] = []
    links: list[Link] = []
    cell = 0
    while len(components) < n:
        names = [f"{kind}-{cell}" for kind in ("web", "lb", "api", "db", "q", "worker")]
        types = ("client", "load_balancer", "service", "database", "queue", "worker")
        for name, kind in zip(names, types, strict=True):
            props: dict[str, bool | int | float | str] = {}
            if kind == "client":
                props["rps"] = rng.choice([50, 200, 1000])
            if kind in ("service", "database", "worker"):
                props["capacity_rps"] = rng.choice([500, 2000])
            components.append(Component(id=name, type=kind, props=props))
        for source, target in itertools.pairwise(names[:4]):
            links.append(Link.model_validate({"from": source, "to": target}))
        links.append(Link.model_validate({"from": names[2], "to": names[4], "kind": "async"}))
        links.append(Link.model_validate({"from": names[4], "to": names[5], "kind": "async"}))
        cell += 1
    return Design(archdraw=1, name=f"Generated {n}", components=components[:n], links=links)


def design_source() -> tuple[str, Callable[[int, int], Design]]:
    try:
        from generate import generate_design  # type: ignore[import-not-found]
    except ImportError:
        return "local generator (benchmarks/generate.py not found)", local_design
    return "benchmarks/generate.py", generate_design  # type: ignore[no-any-return]


def baseline(design: Design, library: Library) -> tuple[str, Callable[[], object]]:
    try:
        from archdraw.lint import lint_design
    except ImportError:
        folder = Path(tempfile.mkdtemp())
        path = folder / "bench.archdraw.yaml"
        path.write_text(dumps(design), encoding="utf-8")
        return "load (archdraw.lint not available)", lambda: load(path, library)
    return "one lint run", lambda: lint_design(design, library)


def analyses(design: Design, library: Library) -> dict[str, Callable[[], object]]:
    graph = build_graph(design, library)
    rates = arrival_rates(graph)
    busiest = max(
        (n for n in range(len(graph)) if n not in set(graph.sources)), key=rates.__getitem__
    )
    return {
        "build the traffic graph": lambda: build_graph(design, library),
        "one failure (--fail the busiest, all)": lambda: analyze_failure(
            design, library, [graph.ids[busiest]], whole=True, graph=graph
        ),
        "weakest points (every single failure)": lambda: weakest_points(
            design, library, graph=graph
        ),
        "growth analysis at 10x": lambda: analyze_growth(design, library, 10.0, graph=graph),
        "availability estimate": lambda: analyze_availability(design, library, graph=graph),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    library = builtin_library()
    source, generate = design_source()
    print(f"designs from {source}; median of {args.repeat} runs")
    for size in args.sizes:
        design = generate(size, args.seed)
        graph = build_graph(design, library)
        name, run_baseline = baseline(design, library)
        base, base_cpu = median_wall_and_cpu_seconds(run_baseline, args.repeat)
        print(
            f"\n{len(design.components):,} components, {len(design.links):,} links, "
            f"{len(design.zones)} zones, {len(graph.sources)} clients; "
            f"baseline ({name}): {base * 1000:.0f} ms wall, {base_cpu * 1000:.0f} ms CPU"
        )
        print(f"  {'':40} {'wall':>8}     {'CPU':>8}     ratio (CPU)")
        for label, action in analyses(design, library).items():
            wall, cpu = median_wall_and_cpu_seconds(action, args.repeat)
            print(
                f"  {label:40} {wall * 1000:5.0f} ms  {cpu * 1000:5.0f} ms  "
                f"{cpu / base_cpu:6.2f}x baseline"
            )
        print(
            f"  {'failures enumerated':40} {len(graph) - len(graph.sources) + len(graph.zones):8,}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
