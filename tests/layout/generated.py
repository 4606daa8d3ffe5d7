"""Generated designs for layout tests: regions holding zones holding components, random links.

Uses benchmarks/generate.py when it exists (the shared generator); this small
local one keeps the layout tests independent of it.
"""

from __future__ import annotations

import random

from archdraw.model import Component, Design, Link, Zone

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
        source, target = f"c{min(a, b)}", f"c{max(a, b)}"
        if source != target and (source, target) not in seen:
            seen.add((source, target))
            kind = rng.choice(("sync", "sync", "async", "replication"))
            links.append(Link.model_validate({"from": source, "to": target, "kind": kind}))
    return Design(
        archdraw=1, name=f"generated {n}", zones=zones, components=components, links=links
    )
