"""A store's links out are its change stream: they carry the writes it takes, never its reads.

Change data capture, a transactional outbox's relay, an object store's event notifications
and a trigger all fire on a write. So a read-heavy store's indexer runs at the write rate, a
cache that fails sends the store more reads but its change stream no more messages, and a
queue (no store: every message it takes was produced for its consumers) passes on all.
"""

from __future__ import annotations

import pytest

from archdraw.analysis.capacity import analyze_growth
from archdraw.analysis.graph import build_graph
from archdraw.analysis.simulation import simulate
from archdraw.analysis.traffic import added_rates, arrival_rates, traffic, unknown_writes
from archdraw.analysis.writes import write_rates

# 1,000 reads/s of a catalog through a cache (90 % hits: 100 reach the store) and 20
# writes/s of listing changes: the indexer behind the store's change stream takes 20/s.
CATALOG = """
components:
  - {id: shoppers, type: client, props: {rps: 1000}}
  - {id: sellers, type: client, props: {rps: 20}}
  - {id: api, type: service}
  - {id: cache, type: cache, props: {hit_ratio: 0.9, replicas: 2}}
  - {id: db, type: nosql_database}
  - {id: indexer, type: worker}
  - {id: index, type: search_index}
links:
  - {from: shoppers, to: api}
  - {from: api, to: cache}
  - {from: cache, to: db}
  - {from: sellers, to: db, props: {writes: true}}
  - {from: db, to: indexer, kind: async}
  - {from: indexer, to: index, props: {writes: true}}
"""


def _rates(graph, miss=None):  # type: ignore[no-untyped-def]
    return dict(zip(graph.ids, arrival_rates(graph, miss=miss), strict=True))


def test_a_read_heavy_stores_change_stream_carries_its_writes(design_of, library) -> None:
    graph = build_graph(design_of(CATALOG), library)
    rates = _rates(graph)
    assert rates["db"] == pytest.approx(120)  # 100 misses + 20 writes arrive
    assert rates["indexer"] == pytest.approx(20)  # the writes alone go on
    assert rates["index"] == pytest.approx(20)
    assert traffic(design_of(CATALOG), library).partial == frozenset()


def test_a_failed_cache_sends_the_store_reads_not_its_change_stream_messages(
    design_of, library
) -> None:
    graph = build_graph(design_of(CATALOG), library)
    base = arrival_rates(graph)
    cache = graph.index["cache"]
    for missing in (0.5, 1.0):  # one of two nodes lost, then the whole cache
        miss = {cache: graph.miss[cache] + (1 - graph.miss[cache]) * missing}
        failed = _rates(graph, [miss.get(n, m) for n, m in enumerate(graph.miss)])
        assert failed["db"] == pytest.approx(20 + 1000 * (0.1 + 0.9 * missing))
        assert failed["indexer"] == pytest.approx(20)
        # Failure analysis follows the change on its own: the same figures, and it stops at
        # the store (nothing downstream of the change stream changes).
        added = added_rates(graph, base, miss)
        assert set(added) == {graph.index["db"]}
        for node, more in added.items():
            assert base[node] + more == pytest.approx(failed[graph.ids[node]])


def test_more_writes_reach_the_change_stream_in_failure_analysis(design_of, library) -> None:
    """A cache in front of the writers (a write-through buffer that starts passing on all of
    them): the extra writes go on through the change stream, linearly."""
    design = design_of(
        """
components:
  - {id: app, type: client, props: {rps: 100}}
  - {id: edge, type: cdn, props: {hit_ratio: 0.5}}
  - {id: db, type: database}
  - {id: relay, type: worker}
  - {id: events, type: stream}
links:
  - {from: app, to: edge}
  - {from: edge, to: db, props: {writes: true}}
  - {from: db, to: relay, kind: async, props: {calls: 2}}
  - {from: relay, to: events, kind: async}
"""
    )
    graph = build_graph(design, library)
    base = arrival_rates(graph)
    edge = graph.index["edge"]
    added = added_rates(graph, base, {edge: 1.0})
    by_id = {graph.ids[n]: more for n, more in added.items()}
    assert by_id == pytest.approx({"db": 50, "relay": 100, "events": 100})
    assert _rates(graph, [1.0] * len(graph))["events"] == pytest.approx(200)


def test_a_queue_passes_on_every_message_whatever_its_links_state(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: app, type: client, props: {rps: 300}}
  - {id: api, type: service}
  - {id: jobs, type: queue}
  - {id: log, type: stream}
  - {id: worker, type: worker}
  - {id: consumer, type: worker}
links:
  - {from: app, to: api}
  - {from: api, to: jobs, props: {calls: 0.5}}
  - {from: api, to: log, props: {writes: true}}
  - {from: jobs, to: worker, kind: async}
  - {from: log, to: consumer, kind: async}
"""
    )
    graph = build_graph(design, library)
    rates = _rates(graph)
    assert rates["worker"] == pytest.approx(150)
    assert rates["consumer"] == pytest.approx(300)
    assert not any(graph.change_stream)
    assert traffic(design, library).partial == frozenset()


def test_a_store_whose_writes_no_link_states_leaves_its_stream_a_lower_bound(
    design_of, library
) -> None:
    body = """
components:
  - {id: app, type: client, props: {rps: 100}}
  - {id: db, type: database}
  - {id: relay, type: worker}
  - {id: topic, type: stream}
links:
  - {from: app, to: db}
  - {from: db, to: relay, kind: async}
  - {from: relay, to: topic, kind: async}
"""
    unknown = traffic(design_of(body), library)
    assert unknown.rates["relay"] == 0.0
    assert unknown.partial == frozenset({"relay", "topic"})
    growth = analyze_growth(design_of(body), library)
    assert growth.unknown_writes == ["db"]
    assert "no link into db states `writes`" in growth.summary
    # Stated: the app only reads. Nothing is unknown, and nothing goes on.
    reads = "{from: app, to: db, props: {writes: false}}"
    stated = design_of(body.replace("{from: app, to: db}", reads))
    assert traffic(stated, library).partial == frozenset()
    assert unknown_writes(build_graph(stated, library)) == []


def test_a_consumer_writing_back_to_its_store_is_not_passed_on_again(design_of, library) -> None:
    """An outbox relay that marks each row sent writes back into the store whose change
    stream woke it: that write is counted at the store (a link closing a cycle), not sent
    round the cycle again."""
    design = design_of(
        """
components:
  - {id: app, type: client, props: {rps: 10}}
  - {id: db, type: database}
  - {id: relay, type: worker}
links:
  - {from: app, to: db, props: {writes: true}}
  - {from: db, to: relay, kind: async}
  - {from: relay, to: db, props: {writes: true}}
"""
    )
    graph = build_graph(design, library)
    assert graph.cycle_links == ["relay->db"]
    rates = _rates(graph)
    assert rates["db"] == pytest.approx(20)
    assert rates["relay"] == pytest.approx(10)
    assert write_rates(graph)[graph.index["db"]] == pytest.approx(20)  # both are applied


def test_a_store_to_store_write_carries_the_first_stores_writes(design_of, library) -> None:
    """An ETL drawn as a writing link from a database into a warehouse: the warehouse takes
    the database's writes, not its reads, and applies them as writes."""
    design = design_of(
        """
components:
  - {id: app, type: client, props: {rps: 100}}
  - {id: db, type: database}
  - {id: warehouse, type: data_warehouse}
links:
  - {from: app, to: db, props: {calls: 9, writes: false}}
  - {id: save, from: app, to: db, props: {writes: true}}
  - {from: db, to: warehouse, kind: async, props: {writes: true}}
"""
    )
    graph = build_graph(design, library)
    assert _rates(graph)["warehouse"] == pytest.approx(100)
    assert write_rates(graph)[graph.index["warehouse"]] == pytest.approx(100)


def test_an_identity_provider_calls_out_for_every_request_it_serves(design_of, library) -> None:
    """It holds data, but its links out are calls it makes (a sign-up's verification SMS),
    not a change stream."""
    design = design_of(
        """
components:
  - {id: phone, type: client, props: {rps: 150}}
  - {id: signup, type: auth}
  - {id: sms, type: external_api}
links:
  - {from: phone, to: signup}
  - {from: signup, to: sms}
"""
    )
    assert traffic(design, library).rates["sms"] == pytest.approx(150)


def test_the_simulation_sends_a_stores_writes_down_its_change_stream(design_of, library) -> None:
    design = design_of(CATALOG)
    simulated = simulate(design, library, seed=3, requests=20_000)
    analytic = traffic(design, library).rates
    for cid in ("db", "indexer", "index"):
        assert simulated.components[cid].arrival_rps == pytest.approx(analytic[cid], rel=0.1)
