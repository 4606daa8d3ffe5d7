"""Diff speed on two generated designs of 5,000 components, against one full lint.

Baseline: one full `lint_design` of the newer design, in the same run.
Measured: the semantic diff (`compare_designs`: every component, link and zone
matched by id and compared field by field), matching the two findings lists
by rule and element (`match_findings`), and the canonical text of one design
(`archdraw textconv`). Target: the element diff and the matching together
cost less than one lint. For context it also times what `archdraw diff`
does in full: both lints plus the diff (`--no-derived`), and with the derived
figures (two availability and growth analyses, the slow part).

The newer design changes about 1 % of everything: properties, labels, zones,
positions (layout only), links re-pointed, components added and removed.

    .venv/bin/python benchmarks/bench_diff.py [--size 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from archdraw.diff import Side, canonical_text, compare, compare_designs
from archdraw.io import dumps, loads
from archdraw.library import builtin_library
from archdraw.lint import lint_design
from archdraw.lint.baseline import match_findings
from archdraw.model import Component, Design
from generate import generate_design
from timing import median_wall_and_cpu_seconds


def changed_copy(design: Design, seed: int) -> Design:
    """About 1 % of components, zones and links changed in every way a pull request does."""
    rng = random.Random(seed)
    new = design.model_copy(deep=True)
    count = max(1, len(new.components) // 100)
    for component in rng.sample(new.components, count):
        component.props["replicas"] = int(component.props.get("replicas", 1)) + 1
    for component in rng.sample(new.components, count):
        component.label = f"{component.title} (renamed)"
    for component in rng.sample(new.components, count):
        if component.position is not None:
            x, y = component.position
            component.position = (x + 40, y)
    zones = [z.id for z in new.zones]
    for component in rng.sample(new.components, count):
        component.zone = rng.choice(zones) if zones else None
    removed = {c.id for c in rng.sample(new.components, count)}
    new.components = [c for c in new.components if c.id not in removed]
    new.links = [k for k in new.links if k.source not in removed and k.target not in removed]
    for number in range(count):
        new.components.append(Component(id=f"added-{number}", type="worker"))
    return new


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    library = builtin_library()
    old_design = generate_design(args.size, args.seed)
    new_design = changed_copy(old_design, args.seed)
    old = loads(dumps(old_design), "old.archdraw.yaml", library)
    new = loads(dumps(new_design), "new.archdraw.yaml", library)
    old_findings = lint_design(old.design, library, old.locations)
    new_findings = lint_design(new.design, library, new.locations)

    def timed(action: object) -> tuple[float, float]:
        wall, cpu = median_wall_and_cpu_seconds(action, args.repeat)  # type: ignore[arg-type]
        return wall * 1000, cpu * 1000

    def full(derived: bool) -> object:
        return compare("x", Side("old", old), Side("new", new), library, derived=derived)

    lint = timed(lambda: lint_design(new.design, library, new.locations))
    rows = [
        ("compare_designs (elements)", timed(lambda: compare_designs(old.design, new.design))),
        ("match_findings", timed(lambda: match_findings(old_findings, new_findings))),
        ("canonical_text (textconv)", timed(lambda: canonical_text(new.design))),
        ("archdraw diff --no-derived", timed(lambda: full(False))),
        ("archdraw diff (with derived)", timed(lambda: full(True))),
    ]
    changes = compare_designs(old.design, new.design)
    print(
        f"{args.size} components, {len(new.design.links)} links; "
        f"{len(changes.changes)} changes listed, {len(changes.moved)} layout moves; "
        f"{len(old_findings)} -> {len(new_findings)} findings"
    )
    print(f"{'':32} {'wall ms':>8} {'cpu ms':>8} {'x lint (cpu)':>13}")
    print(f"{'one full lint (baseline)':32} {lint[0]:8.1f} {lint[1]:8.1f} {1:13.2f}")
    for name, (wall, cpu) in rows:
        print(f"{name:32} {wall:8.1f} {cpu:8.1f} {cpu / lint[1]:13.2f}")
    semantic = rows[0][1][1] + rows[1][1][1]
    print(f"element diff + findings matching: {semantic / lint[1]:.2f}x one lint (target < 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
