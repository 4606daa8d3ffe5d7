"""Failure analysis with hand-computed expectations."""

from __future__ import annotations

import pytest

from archdraw.analysis.failure import UnknownElement, analyze_failure

PAIR_IN_TWO_ZONES = """
zones:
  - {id: eu, kind: region}
  - {id: eu-a, kind: zone, parent: eu}
  - {id: eu-b, kind: zone, parent: eu}
components:
  - {id: web, type: client}
  - {id: api, type: service, zone: eu-a,
     props: {replicas: 2, zones: 2, failover: active-active}}
links:
  - {from: web, to: api}
"""


def test_active_active_pair_in_two_zones_survives_one_zone(design_of, library) -> None:
    result = analyze_failure(design_of(PAIR_IN_TWO_ZONES), library, zones=["eu-a"])
    api = result.components["api"]
    assert (api.state, api.remaining, api.serving, api.recovery) == (
        "degraded",
        0.5,
        1.0,
        "at once",
    )
    assert result.clients["web"].lost_share == 0.0
    assert [p.status for p in result.clients["web"].paths] == ["completes"]


def test_the_same_pair_in_one_zone_goes_down_with_it(design_of, library) -> None:
    body = PAIR_IN_TWO_ZONES.replace("zones: 2, ", "")
    result = analyze_failure(design_of(body), library, zones=["eu-a"])
    assert result.components["api"].state == "down"
    assert result.clients["web"].lost_share == 1.0


def test_a_region_takes_down_everything_in_it_whatever_the_zones(design_of, library) -> None:
    result = analyze_failure(design_of(PAIR_IN_TWO_ZONES), library, zones=["eu"])
    assert result.components["api"].state == "down"
    assert result.clients["web"].lost_share == 1.0


def test_a_zone_failure_leaves_components_outside_it_alone(design_of, library) -> None:
    result = analyze_failure(design_of(PAIR_IN_TWO_ZONES), library, zones=["eu-b"])
    assert result.components["api"].state == "up"


SHARED_DB = """
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: app, type: client, props: {rps: 300}}
  - {id: cdn, type: cdn}
  - {id: api, type: service}
  - {id: admin, type: service}
  - {id: db, type: database}
links:
  - {from: web, to: cdn, props: {calls: 3}}
  - {from: web, to: api}
  - {from: app, to: admin}
  - {from: api, to: db}
  - {from: admin, to: db, props: {calls: 2}}
"""


def test_a_single_database_takes_down_every_sync_path_through_it(design_of, library) -> None:
    result = analyze_failure(design_of(SHARED_DB), library, ["db"])
    assert result.components["db"].state == "down"
    web, app = result.clients["web"], result.clients["app"]
    assert {tuple(p.nodes): p.status for p in web.paths} == {
        ("web", "cdn"): "completes",
        ("web", "api", "db"): "fails",
    }
    # Each of web's requests calls the CDN three times and the API once: every one needs
    # the API, so every one fails (the loss is not split across the client's links).
    assert web.lost_share == 1.0
    assert app.lost_share == 1.0
    assert result.lost_rps == pytest.approx(100 + 300)
    assert [risk.id for risk in result.data_at_risk] == ["db"]


QUEUE_AND_WORKER = """
components:
  - {id: web, type: client}
  - {id: api, type: service}
  - {id: jobs, type: queue}
  - {id: worker, type: worker}
links:
  - {from: web, to: api}
  - {from: api, to: jobs, kind: KIND}
  - {from: jobs, to: worker, kind: async}
"""


@pytest.mark.parametrize("kind", ["async", "sync"])
def test_a_queue_in_front_of_a_failed_worker_delays_does_not_fail(
    design_of, library, kind: str
) -> None:
    result = analyze_failure(design_of(QUEUE_AND_WORKER.replace("KIND", kind)), library, ["worker"])
    web = result.clients["web"]
    assert result.components["worker"].state == "down"
    assert web.lost_share == 0.0
    assert web.delayed == ["worker"]
    assert [(p.nodes, p.ends_in_handoff) for p in web.paths] == [(["web", "api", "jobs"], True)]


@pytest.mark.parametrize(("kind", "lost", "delayed"), [("sync", 1.0, []), ("async", 0.0, ["jobs"])])
def test_a_failed_queue_fails_requests_that_wait_for_the_enqueue(
    design_of, library, kind: str, lost: float, delayed: list[str]
) -> None:
    design = design_of(QUEUE_AND_WORKER.replace("KIND", kind))
    result = analyze_failure(design, library, ["jobs"])
    web = result.clients["web"]
    assert web.lost_share == lost
    assert web.delayed == delayed
    assert [risk.id for risk in result.data_at_risk] == ["jobs"]


def test_telemetry_over_async_links_never_fails_requests(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client}
  - {id: api, type: service}
  - {id: metrics, type: monitoring}
links:
  - {from: web, to: api}
  - {from: api, to: metrics, kind: async}
"""
    )
    result = analyze_failure(design, library, ["metrics"])
    assert result.clients["web"].lost_share == 0.0
    # Metrics are batched, not sent per request: the link carries no requests to wait on.
    assert [(p.nodes, p.status) for p in result.clients["web"].paths] == [
        (["web", "api"], "completes")
    ]


def test_replicas_and_failover_decide_the_state(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client}
  - {id: stateless, type: service, props: {replicas: 3}}
  - {id: standby, type: database, props: {replicas: 2, failover: active-standby,
                                           replication: sync}}
  - {id: copies, type: nosql_database, props: {replicas: 4, failover: none}}
  - {id: shards, type: nosql_database, props: {replicas: 4, shards: 4, failover: none,
                                               replication: none}}
links:
  - {from: web, to: stateless}
  - {from: stateless, to: standby}
  - {from: stateless, to: copies}
  - {from: stateless, to: shards}
"""
    )
    result = analyze_failure(design, library, ["stateless", "standby", "copies"])
    states = {cid: (s.state, s.serving, s.recovery) for cid, s in result.components.items()}
    assert states["stateless"] == ("degraded", 1.0, "when callers retry on the other instances")
    assert states["standby"] == ("degraded", 1.0, "after failover")
    # Replicas are copies: reads go on; with no failover the lost primary takes no writes,
    # and nothing here writes to it, so no request fails.
    assert states["copies"] == ("degraded", 1.0, None)
    assert result.components["copies"].writes_serving == 0.0
    assert result.clients["web"].lost_share == 0.0
    assert result.data_at_risk == []
    # Shards are partitions: one unreplicated shard of four fails the requests for its keys.
    result = analyze_failure(design, library, ["shards"])
    assert result.components["shards"].serving == pytest.approx(0.75)
    assert result.clients["web"].lost_share == pytest.approx(0.25)
    assert [risk.id for risk in result.data_at_risk] == ["shards"]


def test_whole_fails_every_instance(design_of, library) -> None:
    design = design_of(PAIR_IN_TWO_ZONES)
    one = analyze_failure(design, library, ["api"])
    every = analyze_failure(design, library, ["api"], whole=True)
    assert one.components["api"].state == "degraded"
    assert every.components["api"].state == "down"
    assert every.clients["web"].lost_share == 1.0


def test_survivors_without_enough_capacity_drop_the_excess(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {replicas: 2, capacity_rps: 60,
                                      failover: active-active}}
links:
  - {from: web, to: api}
"""
    )
    result = analyze_failure(design, library, ["api"])
    api = result.components["api"]
    assert api.overloaded
    assert api.serving == pytest.approx(0.6)
    assert result.clients["web"].lost_share == pytest.approx(0.4)


def test_a_cache_answers_its_hits_while_the_store_behind_is_down(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client}
  - {id: c, type: cache, props: {hit_ratio: 0.8, replicas: 2, failover: active-active}}
  - {id: db, type: database}
links:
  - {from: web, to: c}
  - {from: c, to: db}
"""
    )
    result = analyze_failure(design, library, ["db"])
    assert result.clients["web"].lost_share == pytest.approx(0.2)


def test_a_fraction_of_calls_loses_that_fraction(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client}
  - {id: api, type: service}
  - {id: search, type: search_index}
links:
  - {from: web, to: api}
  - {from: api, to: search, props: {calls: 0.25}}
"""
    )
    result = analyze_failure(design, library, ["search"], whole=True)
    assert result.clients["web"].lost_share == pytest.approx(0.25)


def test_unknown_ids_are_reported_with_a_suggestion(design_of, library) -> None:
    design = design_of(PAIR_IN_TWO_ZONES)
    with pytest.raises(UnknownElement, match="did you mean 'api'"):
        analyze_failure(design, library, ["apj"])
    with pytest.raises(UnknownElement, match="no zone 'mars'"):
        analyze_failure(design, library, zones=["mars"])
    with pytest.raises(UnknownElement, match="'eu-a' is a zone, not a component"):
        analyze_failure(design, library, ["eu-a"])
    with pytest.raises(UnknownElement, match="'api' is a component, not a zone"):
        analyze_failure(design, library, zones=["api"])


def test_servers_left_feed_a_growth_analysis(design_of, library) -> None:
    from archdraw.analysis.graph import build_graph

    design = design_of(PAIR_IN_TWO_ZONES)
    graph = build_graph(design, library)
    result = analyze_failure(design, library, zones=["eu-a"], graph=graph)
    assert result.servers(graph) == [1, 1]


def test_a_fallback_answers_when_its_component_fails(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 10}}
  - {id: client_api, type: client, props: {rps: 10}}
  - {id: api, type: service}
  - {id: llm, type: llm, props: {fallback: true}}
  - {id: plain, type: llm}
links:
  - {from: web, to: api}
  - {from: api, to: llm}
  - {from: client_api, to: plain}
"""
    )
    result = analyze_failure(design, library, ["llm", "plain"])
    assert result.clients["web"].lost_share == 0.0
    assert [p.status for p in result.clients["web"].paths] == ["degraded"]
    assert result.clients["client_api"].lost_share == 1.0
    assert [p.status for p in result.clients["client_api"].paths] == ["fails"]


def test_a_client_async_link_is_not_waited_for(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client}
  - {id: api, type: service}
  - {id: beacon, type: service}
links:
  - {from: web, to: api}
  - {from: web, to: beacon, kind: async}
"""
    )
    result = analyze_failure(design, library, ["beacon"])
    assert result.clients["web"].lost_share == 0.0
    assert result.clients["web"].delayed == ["beacon"]


def test_a_write_back_closing_a_cycle_needs_its_receiver(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client}
  - {id: api, type: service}
  - {id: db, type: database}
  - {id: payments, type: service}
links:
  - {from: web, to: api}
  - {from: api, to: db, props: {writes: true}}
  - {from: db, to: payments}
  - {from: payments, to: db}
"""
    )
    # The store's link out is its change stream: each write waits on payments.
    result = analyze_failure(design, library, ["payments"], whole=True)
    assert result.clients["web"].lost_share == 1.0
    paths = {tuple(p.nodes): p.status for p in result.clients["web"].paths}
    assert paths == {("web", "api", "db", "payments", "db"): "fails"}
