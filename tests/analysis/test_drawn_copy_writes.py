"""A copy drawn as its own component applies every write its source takes.

The target of a `replication` link (a read replica, a standby, another region's cluster)
applies each write of its source(s) on each of its copies, and a copy of a copy does too:
its work is λ + W × (copies − 1) + R × copies (`archdraw.analysis.writes`), and lint, the
growth view, failure, the simulation and cost all read it from there."""

from __future__ import annotations

import pytest

from archdraw.analysis import analyze_growth, build_graph, render_text, run_analysis, to_json
from archdraw.analysis.simulation import simulate
from archdraw.analysis.writes import StoreWork
from archdraw.cost import estimate, load_prices
from archdraw.lint import lint_design
from archdraw.lint.session import LintSession
from archdraw.model import Document
from archdraw.model.edits import SetLinkProperties

# 200 writes/s into db; the replica serves 600 reads/s on 2 machines and applies the 200
# writes/s on each; remote, a copy of the replica, serves nothing and applies them too.
COPIES = """
components:
  - {{id: app, type: client, props: {{rps: 1000}}}}
  - {{id: api, type: service, props: {{replicas: 4, capacity_rps: 100000}}}}
  - {{id: db, type: database, props: {{replicas: 3, replication: sync, capacity_rps: 2000}}}}
  - {{id: replica, type: database, props: {{{replica}}}}}
  - {{id: remote, type: database, props: {{{remote}}}}}
links:
  - {{from: app, to: api}}
  - {{id: writes, from: api, to: db, props: {{calls: {writes}, writes: true}}}}
  - {{from: api, to: replica, props: {{calls: 0.6}}}}
  - {{from: db, to: replica, kind: replication}}
  - {{from: replica, to: remote, kind: replication}}
"""
REPLICA = "replicas: 2, capacity_rps: 1000"
REMOTE = "replicas: 3, capacity_rps: 1000"


def copies(design_of, replica: str = REPLICA, remote: str = REMOTE, writes: float = 0.2):  # type: ignore[no-untyped-def]
    return design_of(COPIES.format(replica=replica, remote=remote, writes=writes))


def test_a_drawn_copy_applies_its_sources_writes_on_each_copy(design_of, library) -> None:  # type: ignore[no-untyped-def]
    loads = analyze_growth(copies(design_of), library).components
    replica, remote, db = loads["replica"], loads["remote"], loads["db"]
    # 600 reads/s + 200 writes/s on each of 2 copies: 1,000 of 2,000 (300 % would be 30 %).
    assert (replica.arrival_rps, replica.writes_rps, replica.replicated_rps) == pytest.approx(
        (600, 200, 200)
    )
    assert (replica.copies, replica.work_rps) == (2, pytest.approx(1000))
    assert replica.utilization == pytest.approx(0.5)
    # A copy of a copy: no requests, the primary's writes on each of its 3 copies.
    assert (remote.arrival_rps, remote.writes_rps, remote.work_rps) == pytest.approx((0, 200, 600))
    assert remote.utilization == pytest.approx(0.2)
    assert remote.saturates_at == pytest.approx(5.0)
    # The primary is as before: its own writes on its 3 copies.
    assert (db.writes_rps, db.replicated_rps, db.work_rps) == pytest.approx((200, 0, 600))


def test_the_json_and_text_give_a_copys_writes(design_of, library) -> None:  # type: ignore[no-untyped-def]
    report = run_analysis(copies(design_of), library)
    found = to_json(report)["components"]["replica"]
    assert (found["writes_rps"], found["replicated_rps"], found["work_rps"]) == (200, 200, 1000)
    # The work is the reads plus every write on each copy: 600 + 200 x 2.
    reads = found["arrival_rps"] - (found["writes_rps"] - found["replicated_rps"])
    assert reads + found["writes_rps"] * found["data_role"]["copies"] == found["work_rps"]
    text = render_text(report)
    assert "replica 1,000 (600 reads/s + 200 writes/s x 2 copies)" in text
    assert "remote 600 (0 reads/s + 200 writes/s x 3 copies)" in text


def test_a_copy_that_only_its_sources_writes_saturate_is_told_to_shard(design_of, library) -> None:  # type: ignore[no-untyped-def]
    # remote takes no requests; one machine of 150 req/s cannot apply 200 writes/s.
    design = copies(design_of, remote="replicas: 1, capacity_rps: 150")
    (finding,) = [f for f in lint_design(design, library) if f.code == "AD209"]
    assert finding.component == "remote" and finding.fix is None
    assert finding.message == (
        "'remote' is at 133% utilization: 0 req/s for 1 x 150 req/s (writes replicated from "
        "'db' applied on each copy: 200 req/s of work); writes replicated from 'db' alone "
        "fill each copy: replicas do not help, shard it"
    )
    result = analyze_growth(design, library)
    assert result.bottleneck == "remote" and result.components["remote"].writes_saturate
    assert "shard it: its one copy, and any replica added, applies all 200 writes/s" in (
        result.summary
    )


def test_a_copy_with_room_for_its_sources_writes_is_fine(design_of, library) -> None:  # type: ignore[no-untyped-def]
    assert [f for f in lint_design(copies(design_of), library) if f.code == "AD209"] == []
    # Sharded, the same writes are split: 3 shards of one copy apply 67 writes/s each.
    design = copies(design_of, remote="replicas: 3, shards: 3, capacity_rps: 150")
    assert [f for f in lint_design(design, library) if f.code == "AD209"] == []


def test_each_write_reaches_a_copy_once_and_copies_of_each_other_swap_them(
    design_of,  # type: ignore[no-untyped-def]
    library,  # type: ignore[no-untyped-def]
) -> None:
    design = design_of(
        """
components:
  - {id: app, type: client, props: {rps: 100}}
  - {id: a, type: database, props: {replicas: 2, conflict_resolution: last-write-wins}}
  - {id: b, type: database, props: {replicas: 2, conflict_resolution: last-write-wins}}
  - {id: left, type: database}
  - {id: right, type: database}
  - {id: both, type: database, props: {replicas: 2}}
links:
  - {from: app, to: a, props: {writes: true}}
  - {from: app, to: b, props: {calls: 0.5, writes: true}}
  - {from: a, to: b, kind: replication}
  - {from: b, to: a, kind: replication}
  - {from: a, to: left, kind: replication}
  - {from: a, to: right, kind: replication}
  - {from: left, to: both, kind: replication}
  - {from: right, to: both, kind: replication}
"""
    )
    graph = build_graph(design, library)
    work = StoreWork(graph)

    def of(cid: str) -> tuple[float, float]:
        node = graph.index[cid]
        return work.writes[node], work.replicated[node]

    # Two multi-primaries replicating to each other: each applies the other's writes once.
    assert of("a") == pytest.approx((100, 50)) and of("b") == pytest.approx((50, 100))
    # Both a's paths reach `both`: every write is applied there once, not once a path.
    assert of("both") == pytest.approx((0, 150))
    assert work.work_of("both") == pytest.approx(300)
    assert work.whose("a") == "its writes and those replicated from 'b'"
    assert work.whose("both") == "writes replicated from 'a' and 'b'"


def test_losing_a_zone_leaves_survivors_applying_every_write(design_of, library) -> None:  # type: ignore[no-untyped-def]
    # 1,000 of 1,400 today (71 %); one zone lost leaves 600 reads + 200 writes on 700.
    design = copies(design_of, replica="replicas: 2, zones: 2, capacity_rps: 700")
    (finding,) = [f for f in lint_design(design, library) if f.code == "AD106"]
    assert finding.component == "replica"
    assert "(800 req/s of work, writes replicated from 'db' applied on each copy)" in (
        finding.message
    )
    graph = build_graph(design, library)
    assert StoreWork(graph).work(graph.index["replica"], serving=1) == pytest.approx(800)


def test_the_simulation_applies_a_copys_writes(design_of, library) -> None:  # type: ignore[no-untyped-def]
    found = simulate(copies(design_of), library, seed=1).components
    assert found["replica"].utilization == pytest.approx(0.5, abs=0.03)
    assert found["remote"].arrivals == 0  # no requests: only applied writes keep it busy
    assert found["remote"].utilization == pytest.approx(0.2, abs=0.02)


def test_cost_at_a_growth_sizes_a_copy_for_its_sources_writes(design_of, library) -> None:  # type: ignore[no-untyped-def]
    # At 4x remote applies 800 writes/s: more than 70 % of its one 1,000 req/s machine.
    design = copies(design_of, remote="replicas: 1, capacity_rps: 1000")
    grown = estimate(design, library, load_prices(), 4.0)
    assert grown.components["remote"].machines == 2


def test_an_editor_session_follows_the_sources_writes(design_of, library) -> None:  # type: ignore[no-untyped-def]
    document = Document(copies(design_of, remote="replicas: 1, capacity_rps: 150"))
    session = LintSession(library)

    def saturated() -> list[str | None]:
        return [f.component for f in session.lint(document.design) if f.code == "AD209"]

    assert saturated() == ["remote"]
    document.apply(SetLinkProperties("writes", {"calls": 0.1}))  # 100 writes/s: 67 %
    assert saturated() == []
    fresh = [f.component for f in lint_design(document.design, library) if f.code == "AD209"]
    assert fresh == saturated()


def test_a_copy_without_a_capacity_is_listed_as_unknown(design_of, library) -> None:  # type: ignore[no-untyped-def]
    # remote takes no requests, but applies 200 writes/s: work whose capacity is unknown.
    result = analyze_growth(copies(design_of, remote="replicas: 3"), library)
    assert "remote" in result.unknown
    assert result.components["remote"].work_rps == pytest.approx(600)


def test_a_copy_priced_per_request_is_billed_for_the_writes_it_applies(design_of, library) -> None:  # type: ignore[no-untyped-def]
    # A global table's replica in another region: the provider bills each replicated write.
    design = design_of(
        """
components:
  - {id: app, type: client, props: {rps: 100}}
  - {id: table, type: nosql_database, props: {managed: true}}
  - {id: replica, type: nosql_database, props: {managed: true}}
links:
  - {from: app, to: table, props: {writes: true}}
  - {from: table, to: replica, kind: replication}
"""
    )
    cost = estimate(design, library, load_prices())
    primary, copy = cost.components["table"], cost.components["replica"]
    (sent,) = [line for line in primary.lines if line.kind == "requests"]
    (applied,) = [line for line in copy.lines if line.kind == "requests"]
    assert applied.detail.startswith("100 req/s peak") and applied.monthly == sent.monthly


def test_a_cache_failure_names_whose_writes_its_copy_applies(design_of, library) -> None:  # type: ignore[no-untyped-def]
    # The replica's reads go through a cache; losing it sends every read to the replica,
    # which still applies the primary's writes on each copy.
    text = (
        COPIES.format(replica=REPLICA, remote=REMOTE, writes=0.2)
        .replace(
            "  - {from: api, to: replica, props: {calls: 0.6}}\n",
            "  - {from: api, to: cache, props: {calls: 0.6}}\n  - {from: cache, to: replica}\n",
        )
        .replace(
            "  - {id: remote,",
            "  - {id: cache, type: cache, props: {replicas: 1, hit_ratio: 0.9}}\n  - {id: remote,",
        )
    )
    result = run_analysis(design_of(text), library, fail=["cache"], all_instances=True)
    reason = render_text(result)
    assert "the caches' misses raise its load from 60 to 600 req/s" in reason, reason
    assert "req/s of work with writes replicated from 'db' applied on each copy" in reason, reason
