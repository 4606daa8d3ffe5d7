"""Realistic synthetic designs of N components, for benchmarks and scale tests.

A design is a set of regions with availability zones, each zone holding "cells"
shaped like real systems: clients -> DNS/CDN -> load balancer -> API gateway
(auth, rate limiter) -> services -> caches, databases, queues and streams ->
workers -> storage, with search, schedulers, LLM endpoints and third-party APIs
here and there. Every design is valid against the built-in component library.

    python benchmarks/generate.py 10000 -o big.archdraw.yaml [--seed 1]

Other benchmarks import `generate_design(n, seed)`.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

from archdraw.io import save
from archdraw.library import Library, builtin_library
from archdraw.model import Component, Design, DesignDoc, Link, Zone

# (type, tier for placement, typical props)
EDGE = ("load_balancer", 2, {"replicas": 2, "failover": "active-active", "capacity_rps": 50000})
GATEWAY = ("api_gateway", 3, {"replicas": 3, "auth": True, "rate_limit": 100, "tls": True})
SERVICE = ("service", 4, {"replicas": 3, "capacity_rps": 800, "latency_ms": 25, "timeout_ms": 800})
CACHE = ("cache", 5, {"hit_ratio": 0.9, "replicas": 2, "failover": "active-standby"})
DATABASE = ("database", 6, {"replicas": 2, "replication": "async", "backups": True})
NOSQL = ("nosql_database", 6, {"replicas": 3, "replication": "async", "shards": 8})
QUEUE = ("queue", 5, {"dead_letter": True, "replicas": 3, "retention_days": 7})
STREAM = ("stream", 5, {"replicas": 3, "shards": 12, "dead_letter": True})
WORKER = ("worker", 6, {"replicas": 4, "idempotent": True, "retries": 3})
STORAGE = ("object_storage", 7, {"replication": "async", "backups": True})
OCCASIONAL = [
    ("search_index", 6, {"replicas": 2, "shards": 4}),
    ("scheduler", 4, {"leader_election": True}),
    ("llm", 6, {"timeout_ms": 30000, "retries": 1, "fallback": True}),
    ("vector_db", 7, {"replicas": 2}),
    ("external_api", 7, {"timeout_ms": 2000, "retries": 2, "circuit_breaker": True}),
    ("notification", 6, {"replicas": 2, "rate_limit": 50}),
    ("realtime_gateway", 3, {"replicas": 4, "backplane": True}),
    ("rate_limiter", 3, {"rate_limit": 200, "replicas": 2}),
    ("auth", 4, {"replicas": 2, "tls": True}),
    ("data_warehouse", 8, {"retention_days": 365}),
]
CELL_SIZE = 24


class _Builder:
    def __init__(self, library: Library, rng: random.Random) -> None:
        self.library, self.rng = library, rng
        self.components: list[Component] = []
        self.links: list[Link] = []
        self.keys: set[str] = set()

    def props(self, type_id: str, wanted: dict[str, Any]) -> dict[str, Any]:
        specs = self.library.types[type_id].properties
        return {
            name: value
            for name, value in wanted.items()
            if name in specs and specs[name].check(value) is None
        }

    def add(
        self, spec: tuple[str, int, dict[str, Any]], ident: str, zone: str | None, row: int
    ) -> str:
        type_id, tier, wanted = spec
        position = None
        if self.rng.random() > 0.08:  # a few components wait for auto-layout
            position = (float(tier * 200), float(row * 90 + self.rng.randrange(0, 40, 10)))
        self.components.append(
            Component(
                id=ident,
                type=type_id,
                label=ident.replace("-", " ").title(),
                zone=zone,
                position=position,
                props=self.props(type_id, wanted),
            )
        )
        return ident

    def link(self, source: str, target: str, kind: str = "sync", **props: Any) -> None:
        key = f"{source}->{target}"
        if key in self.keys or source == target:
            return
        self.keys.add(key)
        data = {"from": source, "to": target, "kind": kind}
        if props:
            data["props"] = props
        self.links.append(Link.model_validate(data))


def _cell(b: _Builder, cell: int, zone: str, entry: list[str], row: int) -> None:
    rng, tag = b.rng, f"c{cell}"
    lb = b.add(EDGE, f"lb-{tag}", zone, row)
    gateway = b.add(GATEWAY, f"gateway-{tag}", zone, row)
    for source in entry:
        b.link(source, lb, tls=True)
    b.link(lb, gateway)
    services = [b.add(SERVICE, f"svc-{tag}-{i}", zone, row + i) for i in range(rng.randint(4, 7))]
    caches = [b.add(CACHE, f"cache-{tag}-{i}", zone, row + i) for i in range(rng.randint(1, 2))]
    stores = [b.add(DATABASE, f"db-{tag}-{i}", zone, row + i) for i in range(rng.randint(1, 2))]
    if rng.random() < 0.4:
        stores.append(b.add(NOSQL, f"kv-{tag}", zone, row + 3))
    queues = [b.add(rng.choice((QUEUE, STREAM)), f"q-{tag}-{i}", zone, row + i) for i in range(2)]
    workers = [b.add(WORKER, f"worker-{tag}-{i}", zone, row + i) for i in range(rng.randint(1, 3))]
    storage = b.add(STORAGE, f"blobs-{tag}", None, row)
    extras = [
        b.add(spec, f"{spec[0].replace('_', '-')}-{tag}", zone, row + 5)
        for spec in rng.sample(OCCASIONAL, rng.randint(1, 3))
    ]
    for service in services:
        b.link(gateway, service, timeout_ms=1000, retries=1)
        b.link(service, rng.choice(caches), calls=rng.choice([1, 2, 3]))
        b.link(service, rng.choice(stores), calls=1, writes=rng.random() < 0.5)
        if rng.random() < 0.5:
            b.link(service, rng.choice(queues), "async")
        if rng.random() < 0.3:
            b.link(service, rng.choice(services), calls=2)
    for index, worker in enumerate(workers):
        b.link(queues[index % len(queues)], worker, "async")
        b.link(worker, rng.choice(stores))
        b.link(worker, storage)
    for extra in extras:
        b.link(rng.choice(services), extra)
    if len(stores) > 1:
        b.link(stores[0], stores[1], "replication")


def generate_design(n: int, seed: int = 0, library: Library | None = None) -> Design:
    """A valid design of exactly `n` components (fewer only if n is tiny), reproducible by seed."""
    library = library or builtin_library()
    rng = random.Random(seed)
    b = _Builder(library, rng)
    regions = max(1, min(4, n // 2500 + 1))
    zones: list[Zone] = []
    zone_ids: list[str] = []
    for r in range(regions):
        zones.append(Zone(id=f"region-{r}", label=f"Region {r}", kind="region"))
        for z in range(3):
            zones.append(
                Zone(id=f"az-{r}-{z}", label=f"AZ {r}{'abc'[z]}", kind="zone", parent=f"region-{r}")
            )
            zone_ids.append(f"az-{r}-{z}")
    clients = [
        b.add(("client", 0, {"rps": rng.choice([500, 2000, 20000])}), f"client-{i}", None, i)
        for i in range(max(1, n // 400))
    ]
    dns = b.add(("dns", 1, {"failover": "dns"}), "dns", None, 0)
    cdn = b.add(("cdn", 1, {"hit_ratio": 0.95, "tls": True}), "cdn", None, 2)
    monitoring = b.add(("monitoring", 8, {"retention_days": 30}), "monitoring", None, 0)
    for client in clients:
        b.link(client, dns)
        b.link(client, cdn, tls=True)
    cell = 0
    while len(b.components) < n:
        entry = rng.sample(clients, min(2, len(clients)))
        _cell(b, cell, zone_ids[cell % len(zone_ids)], entry, row=cell * 8)
        b.link(monitoring, f"lb-c{cell}", "async")
        cell += 1
    kept = {c.id for c in b.components[:n]}
    return Design(
        archdraw=1,
        name=f"Generated system of {n} components (seed {seed})",
        description="Synthetic design for benchmarks: cells of services behind gateways.",
        doc=DesignDoc(purpose="Benchmark input", principles=["stateless services", "cache reads"]),
        zones=zones,
        components=b.components[:n],
        links=[k for k in b.links if k.source in kept and k.target in kept],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a generated design of N components.")
    parser.add_argument("n", type=int, help="number of components")
    parser.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    design = generate_design(args.n, args.seed)
    save(design, args.output)
    print(f"{args.output}: {len(design.components)} components, {len(design.links)} links")


if __name__ == "__main__":
    main()
