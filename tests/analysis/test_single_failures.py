"""The single-failure enumeration loses exactly what the full failure analysis loses.

`SingleFailures` (behind `--weakest`, `--availability` and AD101) skips what no client
waits for and follows only what the clients' requests read; `analyze_failure` (behind
`--fail`) follows every caller of everything hurt. Both must give the same shares,
to the last bit, for every component and every zone of every sample, every hand-worked
case and a generated design.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from archdraw.analysis.depended import Depended
from archdraw.analysis.failure import analyze_failure
from archdraw.analysis.graph import build_graph, shared
from archdraw.analysis.weakest import (
    FAILURE_DOMAINS,
    SingleFailures,
    is_single_instance,
    single_instances,
)
from archdraw.io import load
from archdraw.io.samples import SAMPLE_SUFFIX, sample_dir
from archdraw.library import Library
from archdraw.model import Design

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from generate import generate_design

CASES = Path(__file__).parent / "cases"
DESIGNS = sorted(sample_dir().glob(f"*{SAMPLE_SUFFIX}")) + sorted(CASES.glob("*.archdraw.yaml"))


def _full(design: Design, library: Library, **failed: object) -> tuple[dict[str, float], list[str]]:
    result = analyze_failure(design, library, **failed)  # type: ignore[arg-type]
    lost = {cid: c.lost_share for cid, c in result.clients.items() if c.lost_share > 0}
    down = [cid for cid, state in result.components.items() if state.state == "down"]
    return lost, down


def _check_every_single_failure(design: Design, library: Library) -> int:
    graph = build_graph(design, library)
    failures = SingleFailures(graph)
    compared = 0
    for node in shared(graph):
        cid = graph.ids[node]
        for whole in (False, True):
            lost, down = failures.component(node, whole)
            full_lost, full_down = _full(design, library, components=[cid], whole=whole)
            assert {graph.ids[c]: s for c, s in lost.items()} == full_lost, (cid, whole)
            assert down == full_down, (cid, whole)
            if not failures.may_lose(node):
                assert not full_lost, f"{cid} is skipped as harmless but loses requests"
            compared += 1
    for zone in graph.zones.values():
        if zone.kind in FAILURE_DOMAINS:
            lost, down = failures.zone(zone.id)
            full_lost, full_down = _full(design, library, zones=[zone.id])
            assert {graph.ids[c]: s for c, s in lost.items()} == full_lost, zone.id
            assert down == full_down, zone.id
            compared += 1
    return compared


@pytest.mark.parametrize("path", DESIGNS, ids=[p.name for p in DESIGNS])
def test_every_single_failure_loses_what_the_full_analysis_loses(
    path: Path, library: Library
) -> None:
    assert _check_every_single_failure(load(path, library).design, library) > 0


def test_every_single_failure_of_a_generated_design(library: Library) -> None:
    design = generate_design(300, seed=3)
    graph = build_graph(design, library)
    skipped = [n for n in shared(graph) if not SingleFailures(graph).may_lose(n)]
    assert skipped, "the generated design has work behind queues: the skipping is exercised"
    assert _check_every_single_failure(design, library) == 2 * len(shared(graph)) + sum(
        1 for z in graph.zones.values() if z.kind in FAILURE_DOMAINS
    )


def test_what_the_clients_wait_for(design_of, library) -> None:  # type: ignore[no-untyped-def]
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 10}}
  - {id: api, type: service}
  - {id: jobs, type: queue}
  - {id: worker, type: worker}
  - {id: mail, type: external_api}
  - {id: audit, type: service}
links:
  - {from: web, to: api}
  - {from: api, to: jobs}
  - {from: jobs, to: worker, kind: async}
  - {from: worker, to: mail}
  - {from: api, to: audit, kind: async}
"""
    )
    graph = build_graph(design, library)
    # The queue must accept the message; what consumes it, and an async call, is not waited for.
    depended = Depended(graph)
    assert {c for c in graph.ids if graph.index[c] in depended} == {"web", "api", "jobs"}


def test_a_cache_no_client_waits_for_still_counts(design_of, library) -> None:  # type: ignore[no-untyped-def]
    # The workers read the database through a cache; the API reads it directly. Losing the
    # cache sends every worker read to the database: 100 + 100 req/s on 150 of capacity.
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: api, type: service}
  - {id: jobs, type: queue}
  - {id: worker, type: worker}
  - {id: cache, type: cache, props: {hit_ratio: 0.9}}
  - {id: db, type: database, props: {capacity_rps: 150}}
links:
  - {from: web, to: api}
  - {from: api, to: db}
  - {from: api, to: jobs, kind: async}
  - {from: jobs, to: worker, kind: async}
  - {from: worker, to: cache}
  - {from: cache, to: db}
"""
    )
    graph = build_graph(design, library)
    cache = graph.index["cache"]
    failures = SingleFailures(graph)
    assert cache not in Depended(graph)
    assert failures.may_lose(cache)
    lost, _ = failures.component(cache, whole=True)
    assert {graph.ids[c]: s for c, s in lost.items()} == _full(
        design, library, components=["cache"], whole=True
    )[0]
    assert lost[graph.index["web"]] == pytest.approx(0.25)


def test_a_client_something_calls_still_loses_its_requests(design_of, library) -> None:  # type: ignore[no-untyped-def]
    # A client is where requests start even when a link points at it.
    design = design_of(
        """
zones:
  - {id: eu, kind: region}
components:
  - {id: web, type: client, zone: eu, props: {rps: 10}}
  - {id: bot, type: agent}
  - {id: api, type: service}
links:
  - {from: bot, to: web}
  - {from: web, to: api}
"""
    )
    assert _check_every_single_failure(design, library) > 0
    graph = build_graph(design, library)
    assert SingleFailures(graph).zone("eu")[0] == {graph.index["web"]: 1.0}


@pytest.mark.parametrize("path", DESIGNS, ids=[p.name for p in DESIGNS])
def test_single_instances_are_the_nodes_is_single_instance_accepts(
    path: Path, library: Library
) -> None:
    graph = build_graph(load(path, library).design, library)
    plain = {n for n in range(len(graph)) if is_single_instance(graph, n)}
    assert single_instances(graph) == plain


def test_single_instances_of_a_generated_design(library: Library) -> None:
    graph = build_graph(generate_design(300, seed=3), library)
    plain = {n for n in range(len(graph)) if is_single_instance(graph, n)}
    assert plain, "the generated design runs single instances: the comparison means something"
    assert single_instances(graph) == plain
