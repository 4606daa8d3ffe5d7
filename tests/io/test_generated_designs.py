"""benchmarks/generate.py gives valid, reproducible designs that round-trip."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from archdraw.io import dumps, loads
from archdraw.library import Library
from archdraw.model import validate_design

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from generate import generate_design


def test_generated_design_is_valid_and_realistic(library: Library) -> None:
    design = generate_design(400, seed=3)
    assert len(design.components) == 400
    assert validate_design(design, library) == []
    types = Counter(c.type for c in design.components)
    assert {"client", "load_balancer", "service", "cache", "database", "worker"} <= set(types)
    assert types["service"] == max(types.values())
    assert len(design.links) > len(design.components)
    assert {z.kind for z in design.zones} == {"region", "zone"}


def test_generation_is_reproducible_and_round_trips(library: Library) -> None:
    first, second = generate_design(120, seed=7), generate_design(120, seed=7)
    assert first == second
    assert generate_design(120, seed=8) != first
    assert loads(dumps(first), "g.archdraw.yaml", library).design == first
