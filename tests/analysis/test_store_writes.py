"""A replicated store applies every write on every copy: replicas add read capacity only.

The work on its machines is λ + W × (copies − 1) (`archdraw.analysis.writes`), and lint's
AD209, the growth view and its one-line answer all read it from there."""

from __future__ import annotations

import pytest

from archdraw.analysis import analyze_growth, build_graph
from archdraw.analysis.writes import StoreWork
from archdraw.lint import lint_design
from archdraw.lint.session import LintSession
from archdraw.model import Document
from archdraw.model.edits import SetLinkProperties, SetProperties

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


def test_an_editor_session_follows_the_writes(design_of, library) -> None:  # type: ignore[no-untyped-def]
    # The work is a value view of its own: changing `writes`, `shards` or `replicas` re-runs
    # AD209 in an editor session, as a fresh lint would.
    document = Document(store(design_of, writes=0, reads=1))
    session = LintSession(library)

    def saturated() -> list[str]:
        return [f.message for f in session.lint(document.design) if f.code == "AD209"]

    assert saturated() == []
    document.apply(SetLinkProperties("writes", {"calls": 0.1}))
    document.apply(SetLinkProperties("reads", {"calls": 0.9}))
    (message,) = saturated()  # 360 reads/s over 3 copies, 40 writes/s on each
    assert "80% utilization" in message
    document.apply(SetLinkProperties("reads", {"writes": True}))  # every call now writes
    (message,) = saturated()
    assert "its writes alone fill each copy: replicas do not help, shard it" in message
    document.apply(SetProperties("db", {"replicas": 6, "shards": 2}))
    (message,) = saturated()  # 400 writes/s over 2 shards: 200 on each machine
    assert "100% utilization" in message
    document.apply(SetProperties("db", {"replicas": 12, "shards": 4}))
    assert saturated() == []
    fresh = [f.message for f in lint_design(document.design, library) if f.code == "AD209"]
    assert fresh == saturated()


def test_a_sharded_store_is_told_to_shard_further(design_of, library) -> None:  # type: ignore[no-untyped-def]
    design = store(design_of, db=REPLICATED.replace("replicas: 3", "replicas: 6, shards: 2"))
    result = analyze_growth(design, library, growth=3.0)  # 300 writes/s: 150 a partition
    assert result.components["db"].writes_saturate
    assert (
        "shard it further: each copy of its 2 partitions applies that partition's 150 writes/s"
        in result.summary
    )


def test_availability_needs_the_copies_that_carry_reads_beside_the_writes(
    design_of,  # type: ignore[no-untyped-def]
    library,  # type: ignore[no-untyped-def]
) -> None:
    from archdraw.analysis.availability import analyze_availability

    # 300 reads/s over k machines that each apply 100 writes/s at 200 req/s: k = 3 of 3.
    db = analyze_availability(store(design_of), library).components["db"]
    assert (db.needed, db.overloaded, db.writes_fill) == (3, False, False)
    filled = analyze_availability(store(design_of, writes=0.5, reads=0.5), library)
    assert filled.components["db"].writes_fill and filled.components["db"].availability == 0


def test_one_copy_is_told_the_replicas_that_carry_its_reads_beside_its_writes(
    design_of,  # type: ignore[no-untyped-def]
    library,  # type: ignore[no-untyped-def]
) -> None:
    # One machine: 400 req/s at 200 is 200 %, as before. Three replicas would each apply
    # the 100 writes/s (100 + 300 / 3 = 200 a machine: still full), so 8 are needed.
    design = store(design_of, db="replicas: 1, replication: sync, capacity_rps: 200")
    db = analyze_growth(design, library).components["db"]
    assert db.utilization == pytest.approx(2.0)
    assert db.replicas_needed == 8


def test_writes_round_a_cycle_are_counted_as_arrivals_are(design_of, library) -> None:  # type: ignore[no-untyped-def]
    # A worker woken by the store's change feed writes back: the link closing the cycle is
    # counted once at the store, and every call into it is a write.
    design = design_of(
        """
components:
  - {id: app, type: client, props: {rps: 100}}
  - {id: db, type: database, props: {replicas: 3, capacity_rps: 1000}}
  - {id: feed, type: worker, props: {capacity_rps: 1000}}
links:
  - {from: app, to: db, props: {writes: true}}
  - {from: db, to: feed, kind: async}
  - {from: feed, to: db, props: {writes: true}}
"""
    )
    db = analyze_growth(design, library).components["db"]
    assert db.arrival_rps == pytest.approx(200)
    assert db.writes_rps == pytest.approx(db.arrival_rps)
    assert db.work_rps == pytest.approx(600)
