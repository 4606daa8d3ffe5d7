"""Weakest points: every single failure, ranked by the traffic it loses."""

from __future__ import annotations

import pytest

from archdraw.analysis.failure import analyze_failure
from archdraw.analysis.weakest import weakest_points

DESIGN = """
zones:
  - {id: eu, kind: region}
  - {id: eu-a, kind: zone, parent: eu}
  - {id: eu-b, kind: zone, parent: eu}
  - {id: team, kind: group}
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: batch, type: client, props: {rps: 50}}
  - {id: lb, type: load_balancer, zone: eu-a, props: {zones: 2}}
  - {id: api, type: service, zone: eu-a, props: {replicas: 2, zones: 2, failover: active-active}}
  - {id: db, type: database, zone: eu-b}
  - {id: report, type: service, zone: team}
links:
  - {from: web, to: lb}
  - {from: lb, to: api}
  - {from: api, to: db}
  - {from: batch, to: report}
"""


def test_ranked_by_traffic_lost_with_groups_left_out(design_of, library) -> None:
    points = weakest_points(design_of(DESIGN), library)
    assert [(p.kind, p.id) for p in points] == [
        ("component", "db"),
        ("zone", "eu"),
        ("zone", "eu-b"),
        ("component", "report"),
    ]
    assert [p.lost_rps for p in points] == [100.0, 100.0, 100.0, 50.0]
    assert points[0].lost_share == pytest.approx(100 / 150)
    assert points[0].clients == {"web": 1.0}


def test_each_point_agrees_with_the_full_failure_analysis(design_of, library) -> None:
    design = design_of(DESIGN)
    for point in weakest_points(design, library, include_harmless=True):
        if point.kind == "component":
            full = analyze_failure(design, library, [point.id])
        else:
            full = analyze_failure(design, library, zones=[point.id])
        assert point.lost_rps == pytest.approx(full.lost_rps), point.id
        assert point.down == [cid for cid, s in full.components.items() if s.state == "down"]


def test_harmless_failures_are_left_out_unless_asked(design_of, library) -> None:
    design = design_of(DESIGN)
    every = weakest_points(design, library, include_harmless=True)
    assert {p.id for p in every} - {p.id for p in weakest_points(design, library)} == {
        "lb",
        "api",
        "eu-a",
    }


def test_what_runs_on_users_devices_is_not_a_weak_point(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: app, type: client, props: {rps: 100}}
  - {id: local, type: device_cache}
  - {id: api, type: service}
links:
  - {from: app, to: local}
  - {from: local, to: api}
"""
    )
    assert [p.id for p in weakest_points(design, library)] == ["api"]
    # Still there to fail on purpose: every user's device cache at once. A cache misses, it
    # does not fail: the requests go on to the API.
    failed = analyze_failure(design, library, ["local"])
    assert failed.components["local"].state == "down"
    assert failed.clients["app"].lost_share == 0.0


GLOBAL_AND_IN_PROCESS = """
zones:
  - {id: eu-a, kind: zone}
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: gateway, type: api_gateway, zone: eu-a, props: {global: true, replicas: 1}}
  - {id: api, type: service, zone: eu-a, props: {replicas: 1}}
  - {id: codec, type: service, props: {in_process: true, replicas: 1}}
links:
  - {from: web, to: gateway}
  - {from: gateway, to: api}
  - {from: api, to: codec}
"""


def test_global_and_in_process_components_are_no_single_points(design_of, library) -> None:
    """A managed service spanning zones has no one instance to lose and is in no zone; a
    library inside its caller fails with it: lint's AD101 and --weakest agree on both."""
    from archdraw.analysis.graph import build_graph
    from archdraw.analysis.weakest import single_points_of_failure
    from archdraw.lint import lint_design

    design = design_of(GLOBAL_AND_IN_PROCESS)
    assert single_points_of_failure(build_graph(design, library)) == {"api": 1.0}
    points = weakest_points(design, library)
    assert [(p.id, p.single_point) for p in points] == [("api", True), ("eu-a", False)]
    assert next(p for p in points if p.id == "eu-a").down == ["api"]
    assert [f.component for f in lint_design(design, library) if f.code == "AD101"] == ["api"]


def test_losing_a_read_replica_sends_its_readers_to_the_primary(design_of, library) -> None:
    design = design_of(
        """
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: db, type: database, props: {replicas: 2, failover: active-standby}}
  - {id: reader, type: database, props: {replicas: 1}}
links:
  - {from: web, to: api}
  - {from: api, to: db, props: {calls: 0.1, writes: true}}
  - {from: api, to: reader, props: {calls: 0.9}}
  - {from: db, to: reader, kind: replication}
"""
    )
    full = analyze_failure(design, library, ["reader"])
    assert full.lost_share == 0.0
    assert "fall back to its primary 'db'" in full.components["reader"].reason
    both = analyze_failure(design, library, ["reader", "db"], whole=True)
    # No primary to fall back to: the 90 % that read fail, and so do the 10 % that write
    # (the two shares are independent: 1 - 0.1 x 0.9 = 0.91 of requests make either call).
    assert both.lost_share == pytest.approx(0.91)


@pytest.mark.parametrize(("replicas", "single"), [(1, True), (2, False)])
def test_a_self_hosted_dns_takes_replicas(design_of, library, replicas, single) -> None:
    """`replicas` on a DNS (self-hosted: `global: false`) are servers of one entry: one
    server is a single point of failure, two are not."""
    from archdraw.analysis.graph import build_graph
    from archdraw.analysis.weakest import single_points_of_failure

    design = design_of(
        f"""
components:
  - {{id: web, type: client, props: {{rps: 10}}}}
  - {{id: ns, type: dns, props: {{global: false, replicas: {replicas}}}}}
  - {{id: api, type: service, props: {{replicas: 2}}}}
links:
  - {{from: web, to: ns}}
  - {{from: web, to: api}}
"""
    )
    graph = build_graph(design, library)
    assert len(graph) == 3  # one entry, whatever its replicas
    assert ("ns" in single_points_of_failure(graph)) is single
