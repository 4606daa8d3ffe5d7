"""`refresh_graph` and `refresh_roles` (an edit of component property values) give the graph
`build_graph` and the roles `data_roles` would."""

from __future__ import annotations

import dataclasses
import random
import sys
from pathlib import Path

import pytest

from archdraw.analysis.graph import TrafficGraph, build_graph
from archdraw.analysis.refresh import refresh_graph
from archdraw.analysis.roles import OWN_ROLE_PROPERTIES, data_roles, refresh_roles
from archdraw.library import Library
from archdraw.model import Design

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate_design

# Values each property the graph reads may take (every one changes a column).
EDITS = {
    "replicas": [1, 2, 5],
    "zones": [1, 3],
    "shards": [1, 4],
    "failover": ["none", "active-standby", "dns"],
    "hit_ratio": [0.0, 0.5, 0.99],
    "capacity_rps": [10, 5000.0],
    "latency_ms": [1, 250],
    "fallback": [True, False],
    "rps": [0, 7.5, 900],
    "replication": ["none", "async"],
}


def _fields(graph: TrafficGraph) -> dict[str, object]:
    found = {f.name: getattr(graph, f.name) for f in dataclasses.fields(graph)}
    found.pop("_aside")
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_refresh_matches_a_fresh_build(library: Library, seed: int) -> None:
    rng = random.Random(seed)
    design: Design = generate_design(300, seed)
    graph = build_graph(design, library)
    refreshed = 0
    for _ in range(30):
        edited = []
        while len(edited) < rng.randint(1, 3):
            node = rng.randrange(len(design.components))
            props = design.components[node].props
            names = sorted(EDITS.keys() & props.keys())  # values only, as a session refreshes
            if names:
                name = rng.choice(names)
                props[name] = rng.choice(EDITS[name])
                edited.append(node)
        roles = data_roles(design, library)
        expected = build_graph(design, library, roles)
        found = refresh_graph(graph, design, library, roles, edited)
        if found is None:  # a cache fronts another store: the links change
            found = expected
        else:
            refreshed += 1
        assert _fields(found) == _fields(expected)
        graph = found
    assert refreshed > 20  # the test exercised the refresh, not only rebuilds


def test_refresh_declines_when_a_cache_fronts_another_store(library: Library) -> None:
    design = generate_design(300, 1)
    cache = next(c for c in design.components if c.type == "cache")
    stores = [c.id for c in design.components if c.type == "database"]
    graph = build_graph(design, library)
    fronted = graph.roles.of(cache.id)
    assert fronted is not None
    cache.props["fronts"] = next(s for s in stores if s != fronted.fronts)
    roles = data_roles(design, library)
    assert refresh_graph(graph, design, library, roles, [design.components.index(cache)]) is None


@pytest.mark.parametrize("seed", [1, 2])
def test_refreshed_roles_match_fresh_ones(library: Library, seed: int) -> None:
    rng = random.Random(seed)
    design: Design = generate_design(300, seed)
    roles = data_roles(design, library)
    own = sorted(OWN_ROLE_PROPERTIES & EDITS.keys())
    refreshed = 0
    for _ in range(30):
        node = rng.randrange(len(design.components))
        props = design.components[node].props
        names = sorted(EDITS.keys() & props.keys())
        if not names:
            continue
        name = rng.choice(names)
        props[name] = rng.choice(EDITS[name])
        expected = data_roles(design, library)
        found = refresh_roles(roles, design, library, [node], {name})
        if name in own:
            assert found is not None
            refreshed += 1
        else:  # `failover` decides standbys elsewhere: found afresh
            assert found is None
            found = expected
        assert found == expected
        roles = found
    assert refreshed > 5
