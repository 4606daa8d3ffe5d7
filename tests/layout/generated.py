"""Generated designs for layout tests.

`generate_shared` is benchmarks/generate.py's realistic generator (cells of
real system shapes, most components already placed); `generate` is a small
random one with no positions, a chosen link density and cycles, so both the
full and the incremental paths meet varied graphs.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from archdraw.model import Component, Design, Link, Zone

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from generate import generate_design as generate_shared

__all__ = ["generate", "generate_shared"]

TYPES = ("service", "worker", "cache", "database", "queue", "load_balancer", "api_gateway")


def generate(n: int, seed: int = 0, degree: float = 2.0, zoned: bool = True) -> Design:
    rng = random.Random(seed)
    zones: list[Zone] = []
    if zoned and n >= 4:
        regions = max(1, n // 40)
        for r in range(regions):
            zones.append(Zone(id=f"region{r}", kind="region"))
            for z in range(2):
                zones.append(Zone(id=f"az{r}_{z}", kind="zone", parent=f"region{r}"))
    zone_ids = [z.id for z in zones]
    components = []
    for i in range(n):
        zone = rng.choice([*zone_ids, None]) if zone_ids else None
        components.append(Component(id=f"c{i}", type=rng.choice(TYPES), zone=zone))
    links: list[Link] = []
    seen: set[tuple[str, str]] = set()
    for _ in range(int(n * degree / 2)):
        a, b = rng.sample(range(n), 2) if n > 1 else (0, 0)
        # Mostly forward, sometimes backward: real designs have a few cycles.
        low, high = min(a, b), max(a, b)
        source, target = (f"c{low}", f"c{high}") if rng.random() < 0.9 else (f"c{high}", f"c{low}")
        if source != target and (source, target) not in seen:
            seen.add((source, target))
            kind = rng.choice(("sync", "sync", "async", "replication"))
            links.append(Link.model_validate({"from": source, "to": target, "kind": kind}))
    return Design(
        archdraw=1, name=f"generated {n}", zones=zones, components=components, links=links
    )
