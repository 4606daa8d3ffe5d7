"""A replicated store applies every write on every copy: replicas add read capacity only.

The work on its machines is λ + W × (copies − 1) (`archdraw.analysis.writes`), and lint's
AD209, the growth view and its one-line answer all read it from there."""

from __future__ import annotations

import pytest

from archdraw.analysis import analyze_growth, build_graph
from archdraw.analysis.writes import StoreWork
from archdraw.lint import lint_design

# 100 writes/s and 300 reads/s into 3 copies of one partition at 200 req/s per machine.
STORE = """
components:
  - {{id: app, type: client, props: {{rps: 400}}}}
  - {{id: api, type: service, props: {{replicas: 4, capacity_rps: 100000}}}}
  - {{id: db, type: database, props: {{{db}}}}}
links:
  - {{from: app, to: api}}
  - {{id: writes, from: api, to: db, props: {{calls: {writes}, writes: true}}}}
  - {{id: reads, from: api, to: db, props: {{calls: {reads}}}}}
"""
REPLICATED = "replicas: 3, replication: sync, capacity_rps: 200"


def store(design_of, db: str = REPLICATED, writes: float = 0.25, reads: float = 0.75):  # type: ignore[no-untyped-def]
    return design_of(STORE.format(db=db, writes=writes, reads=reads))


def test_each_copy_applies_every_write(design_of, library) -> None:  # type: ignore[no-untyped-def]
    design = store(design_of)
    db = analyze_growth(design, library).components["db"]
    # (300 / 3 + 100) / 200 per machine; spreading all 400 over 600 would say 0.67.
    assert db.utilization == pytest.approx(1.0)
    assert (db.arrival_rps, db.writes_rps, db.copies) == pytest.approx((400, 100, 3))
    assert db.work_rps == pytest.approx(600)
    assert db.saturates_at == pytest.approx(1.0)
    # Per machine: reads / n + writes ≤ 140 -> n ≥ 300 / 40.
    assert db.replicas_needed == 8
    found = [f for f in lint_design(design, library) if f.code == "AD209"]
    assert [f.component for f in found] == ["db"]
    assert "100% utilization: 400 req/s for 3 x 200 req/s" in found[0].message
    assert "its writes applied on each copy: 600 req/s of work" in found[0].message
    assert found[0].fix is not None and dict(found[0].fix.props) == {"replicas": 8}


def test_reads_alone_are_spread_as_before(design_of, library) -> None:  # type: ignore[no-untyped-def]
    design = store(design_of, writes=0, reads=1)
    db = analyze_growth(design, library).components["db"]
    assert db.utilization == pytest.approx(400 / 600)
    assert db.work_rps == pytest.approx(400)
    assert db.replicas_needed == 3


def test_one_copy_and_a_managed_store_are_unchanged(design_of, library) -> None:  # type: ignore[no-untyped-def]
    single = store(design_of, db="replicas: 1, capacity_rps: 600")
    assert analyze_growth(single, library).components["db"].utilization == pytest.approx(400 / 600)
    managed = store(design_of, db="managed: true, zones: 3, replication: sync, capacity_rps: 600")
    graph = build_graph(managed, library)
    assert StoreWork(graph).copies[graph.index["db"]] == 1
    load = analyze_growth(managed, library, graph=graph).components["db"]
    assert load.utilization == pytest.approx(400 / 600)


def test_writes_that_fill_each_copy_call_for_shards(design_of, library) -> None:  # type: ignore[no-untyped-def]
    design = store(design_of, writes=0.5, reads=0.5)  # 200 writes/s: all of each machine
    result = analyze_growth(design, library)
    db = result.components["db"]
    assert db.utilization == pytest.approx((200 / 3 + 200) / 200)
    assert db.replicas_needed is None and db.writes_saturate
    assert result.bottleneck == "db"
    assert "shard it" in result.summary
    assert "replicas do not help" in result.summary
    assert "run " not in result.summary and "cache" not in result.summary
    (finding,) = [f for f in lint_design(design, library) if f.code == "AD209"]
    assert finding.fix is None
    assert "replicas do not help, shard it" in finding.message


def test_shards_split_the_writes(design_of, library) -> None:  # type: ignore[no-untyped-def]
    # Two partitions of 3 copies: each machine applies half the writes.
    design = store(design_of, db=REPLICATED.replace("replicas: 3", "replicas: 6, shards: 2"))
    db = analyze_growth(design, library).components["db"]
    assert db.copies == 3
    assert db.utilization == pytest.approx((300 / 6 + 100 / 2) / 200)


def test_a_failed_copy_applies_no_writes(design_of, library) -> None:  # type: ignore[no-untyped-def]
    design = store(design_of)
    graph = build_graph(design, library)
    work = StoreWork(graph)
    node = graph.index["db"]
    # Two of three copies left: 300 reads + 100 writes on each of two.
    assert work.work(node, serving=2) == pytest.approx(500)
    assert work.work(node, serving=0) == pytest.approx(400)
