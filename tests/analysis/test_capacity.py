"""Growth analysis: traffic propagation, utilization, latency and the saturation factor."""

from __future__ import annotations

import math

import pytest

from archdraw.analysis.capacity import TARGET_UTILIZATION, analyze_growth, arrival_rates
from archdraw.analysis.graph import build_graph

CHAIN = """
components:
  - {id: web, type: client, props: {rps: 80}}
  - {id: api, type: service, props: {capacity_rps: 100}}
  - {id: db, type: database, props: {capacity_rps: 500, latency_ms: 4}}
links:
  - {from: web, to: api}
  - {from: api, to: db}
"""


def test_issue_example_db_at_10x(design_of, library) -> None:
    result = analyze_growth(design_of(CHAIN), library, 10.0)
    db = result.components["db"]
    assert db.arrival_rps == pytest.approx(800.0)
    assert db.utilization == pytest.approx(1.6)
    assert db.response_ms is None
    assert db.saturates_at == pytest.approx(6.25)
    assert result.bottleneck == "api"  # api saturates at 1.25x, before db


def test_rates_follow_calls_hit_ratio_and_async_links(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: edge, type: cache, props: {hit_ratio: 0.8}}
  - {id: db, type: database}
  - {id: q, type: queue}
  - {id: worker, type: worker}
links:
  - {from: web, to: edge}
  - {from: edge, to: db, props: {calls: 3}}
  - {from: web, to: q, kind: async, props: {calls: 0.5}}
  - {from: q, to: worker, kind: async}
"""
    )
    graph = build_graph(design, library)
    rates = dict(zip(graph.ids, arrival_rates(graph), strict=True))
    assert rates["edge"] == pytest.approx(100.0)
    assert rates["db"] == pytest.approx(100.0 * (1 - 0.8) * 3)
    assert rates["q"] == pytest.approx(50.0)
    assert rates["worker"] == pytest.approx(50.0)


def test_growth_scales_rates_and_saturation_is_the_inverse_utilization(design_of, library) -> None:
    design = design_of(CHAIN)
    one = analyze_growth(design, library, 1.0).components["api"]
    three = analyze_growth(design, library, 3.0).components["api"]
    assert three.arrival_rps == pytest.approx(3 * one.arrival_rps)
    assert one.utilization is not None
    assert one.saturates_at == pytest.approx(1 / one.utilization)


def test_end_to_end_latency_sums_sync_calls(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 80}}
  - {id: api, type: service, props: {capacity_rps: 100}}
  - {id: db, type: database, props: {latency_ms: 5}}
links:
  - {from: web, to: api}
  - {from: api, to: db, props: {calls: 2}}
"""
    )
    client = analyze_growth(design, library).clients["web"]
    # api: one replica at 80 of 100 answers in 50 ms; db has no capacity: 5 ms, no queueing.
    assert client.latency_ms == pytest.approx(50.0 + 2 * 5.0)
    assert client.unknown == ["db"]


def test_async_handoff_costs_the_acknowledgement_not_the_consumer(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client}
  - {id: api, type: service, props: {latency_ms: 10}}
  - {id: q, type: queue, props: {latency_ms: 5}}
  - {id: worker, type: worker, props: {latency_ms: 1000}}
links:
  - {from: web, to: api}
  - {from: api, to: q}
  - {from: q, to: worker, kind: async}
"""
    )
    assert analyze_growth(design, library).clients["web"].latency_ms == pytest.approx(15.0)


def test_a_cache_sends_only_misses_on_for_latency(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client}
  - {id: c, type: cache, props: {hit_ratio: 0.9, latency_ms: 1}}
  - {id: db, type: database, props: {latency_ms: 50}}
links:
  - {from: web, to: c}
  - {from: c, to: db}
"""
    )
    latency = analyze_growth(design, library).clients["web"].latency_ms
    assert latency is not None
    assert latency == pytest.approx(1 * (1 + 0) + 0.1 * 50, rel=0.01)


def test_client_links_are_separate_requests_weighted_by_calls(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client}
  - {id: a, type: service, props: {latency_ms: 10}}
  - {id: b, type: service, props: {latency_ms: 40}}
links:
  - {from: web, to: a, props: {calls: 3}}
  - {from: web, to: b}
"""
    )
    client = analyze_growth(design, library).clients["web"]
    assert client.latency_ms == pytest.approx((3 * 10 + 1 * 40) / 4)
    assert client.branches == {"a": 10.0, "b": 40.0}


def test_saturated_path_has_no_latency(design_of, library) -> None:
    result = analyze_growth(design_of(CHAIN), library, 2.0)
    assert result.clients["web"].latency_ms is None
    assert result.clients["web"].saturated == ["api"]
    assert result.saturated == ["api"]


def test_components_without_capacity_are_unknown_not_guessed(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client}
  - {id: api, type: service}
links:
  - {from: web, to: api}
"""
    )
    result = analyze_growth(design, library, 10.0)
    api = result.components["api"]
    assert (api.utilization, api.saturates_at, api.response_ms) == (None, None, None)
    assert result.unknown == ["api"]
    assert result.bottleneck is None
    assert "unknown" in result.summary


def test_cycles_are_cut_and_reported(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 10}}
  - {id: a, type: service, props: {capacity_rps: 100}}
  - {id: b, type: service, props: {capacity_rps: 100}}
links:
  - {from: web, to: a}
  - {from: a, to: b}
  - {from: b, to: a}
"""
    )
    result = analyze_growth(design, library)
    assert result.cycle_links == ["b->a"]
    # b's calls back to a count once at a, and are not passed on to b again.
    assert result.components["a"].arrival_rps == pytest.approx(20.0)
    assert result.components["b"].arrival_rps == pytest.approx(10.0)
    a, b = result.components["a"], result.components["b"]
    assert a.response_ms is not None and b.response_ms is not None
    # web waits for a, a for b, and b for a's own answer.
    assert result.clients["web"].latency_ms == pytest.approx(
        a.response_ms + b.response_ms + a.response_ms
    )


def test_summary_names_the_bottleneck_and_the_replicas_to_add(design_of, library) -> None:
    result = analyze_growth(design_of(CHAIN), library, 10.0)
    api = result.components["api"]
    needed = math.ceil(api.arrival_rps / (100.0 * TARGET_UTILIZATION))
    assert result.summary.startswith("api saturates at 1.25x; at 10x, ")
    assert f"run {needed} replicas ({needed - 1} more)" in result.summary
    assert "db (6.25x)" in result.summary


def test_summary_suggests_a_cache_for_a_store(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: db, type: database, props: {capacity_rps: 300}}
links:
  - {from: web, to: db}
"""
    )
    summary = analyze_growth(design, library, 10.0).summary
    assert summary.startswith(
        "db saturates at 3x; at 10x, run 5 replicas (4 more) or put a cache in front"
    )
    assert "shard" not in summary  # nothing writes to it: replicas are the answer


def test_summary_says_replicas_do_not_relieve_a_store_that_writes_saturate(
    design_of, library
) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: db, type: database, props: {capacity_rps: 300}}
links:
  - {from: web, to: db, props: {writes: true}}
"""
    )
    summary = analyze_growth(design, library, 10.0).summary
    # 1,000 writes/s, each applied on any copy: no replica count keeps one under 70 %.
    assert "shard it: its one copy, and any replica added, applies all 1,000 writes/s" in summary
    assert "replicas do not help" in summary and "run " not in summary
    # 1,000 writes/s on a machine of 300 req/s is 3.3 times what it can do, not "over 70%".
    assert "1,000 writes/s, 3.33 times a machine's 300 req/s" in summary
    # 1,000 writes/s at 70% of 300 req/s a machine: 1,000 / 210 = 4.8, so 5 partitions at least.
    assert "at least 5 partitions keep each one's writes under 70% of a machine" in summary
    three_copies = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 400}}
  - {id: db, type: database, props: {replicas: 3, capacity_rps: 200}}
links:
  - {id: reads, from: web, to: db, props: {calls: 0.75}}
  - {id: writes, from: web, to: db, props: {calls: 0.25, writes: true}}
"""
    )
    summary = analyze_growth(three_copies, library, 1.5).summary
    # 150 writes/s on each copy of 200 req/s: 75%, past the 70% target but within a machine.
    assert "150 writes/s, 75% of a machine's 200 req/s (over the 70% target)" in summary
    mostly_reads = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: db, type: database, props: {capacity_rps: 300}}
links:
  - {id: reads, from: web, to: db, props: {calls: 0.9}}
  - {id: writes, from: web, to: db, props: {calls: 0.1, writes: true}}
"""
    )
    summary = analyze_growth(mostly_reads, library, 10.0).summary
    # 900 reads/s over n machines, each applying the 100 writes/s: 900 / (210 - 100) -> 9.
    assert "run 9 replicas (8 more)" in summary
    assert "replicas serve only its reads: if its writes saturate it, shard it" in summary


def test_nothing_saturating_says_where_the_first_limit_is(design_of, library) -> None:
    summary = analyze_growth(design_of(CHAIN), library, 1.0).summary
    assert summary == "Nothing with a stated capacity saturates at 1x; the first is api at 1.25x."


def test_fewer_servers_after_a_failure_raise_utilization(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {capacity_rps: 100, replicas: 4}}
links:
  - {from: web, to: api}
"""
    )
    full = analyze_growth(design, library).components["api"]
    graph = build_graph(design, library)
    fewer = analyze_growth(design, library, graph=graph, servers=[1, 2]).components["api"]
    assert fewer.utilization == pytest.approx(2 * (full.utilization or 0))
