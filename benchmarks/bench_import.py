"""Importing 1,000 Compose services, against parsing the same YAML (one run, CPU time).

Goal: the import takes under a second of CPU. Run: python benchmarks/bench_import.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import yaml

from archdraw.imports import import_files
from archdraw.library import load_library

SERVICES = 1000
IMAGES = ("postgres:16", "redis:7", "rabbitmq:3", "nginx:1.27", "acme/api:1.0", "acme/worker:1.0")


def compose_text(count: int) -> str:
    lines = ["services:"]
    for i in range(count):
        lines += [
            f"  s{i}:",
            f"    image: {IMAGES[i % len(IMAGES)]}",
            "    environment:",
            f"      UPSTREAM_URL: http://s{(i + 1) % count}:8080",
            f"      CACHE_HOST: s{(i + 7) % count}",
            "    deploy: {replicas: 2}",
        ]
        if i % 50 == 0:
            lines.append('    ports: ["8080"]')
    return "\n".join(lines) + "\n"


def main() -> None:
    library = load_library()
    text = compose_text(SERVICES)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "compose.yaml"
        path.write_text(text, encoding="utf-8")
        start = time.process_time()
        yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        parse = time.process_time() - start
        start = time.process_time()
        result = import_files([path], library, user_mappings=False)
        spent = time.process_time() - start
    design = result.design
    print(f"{SERVICES} services: {len(design.components)} components, {len(design.links)} links")
    print(f"YAML parse (baseline): {parse:.3f} s CPU")
    print(f"archdraw import:       {spent:.3f} s CPU  ({spent / parse:.1f}x the parse; goal < 1 s)")


if __name__ == "__main__":
    main()
