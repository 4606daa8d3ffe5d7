"""Object storage the provider runs: one service over its zones, not one machine per zone."""

from __future__ import annotations

import pytest

from archdraw.analysis import analyze_failure, analyze_growth, build_graph, weakest_points
from archdraw.analysis.availability import analyze_availability
from archdraw.analysis.instances import instances
from archdraw.analysis.weakest import single_points_of_failure, what_fails
from archdraw.drawing.faces import instances_note
from archdraw.drawing.parts import look_of

BUCKET = """
zones:
  - {id: region, kind: region}
  - {id: a, kind: zone, parent: region}
components:
  - {id: app, type: client, props: {rps: 1000}}
  - {id: api, type: service, zone: a, props: {replicas: 2, capacity_rps: 100000,
     failover: active-active, availability: 0.999}}
  - {id: media, type: object_storage, zone: region, props: {zones: 3, capacity_rps: 2000}}
  - {id: minio, type: object_storage, zone: region, props: {replicas: 4, zones: 2}}
links:
  - {from: app, to: api}
  - {from: api, to: media}
  - {from: api, to: minio, props: {calls: 0.1}}
"""


def test_a_bucket_over_three_zones_is_one_managed_service() -> None:
    found = instances(None, 3, None, stated=False, sharded=True, managed=True)
    assert (found.total, found.basis, found.zones, found.managed) == (1, "managed", 3, True)
    assert found.describe() == (
        "one managed service over 3 zones (`replicas` not stated: the provider runs its machines)"
    )
    # A stated count is machines the design runs itself (MinIO, Ceph), as for any store.
    own = instances(4, 2, None, stated=True, sharded=True, managed=True)
    assert (own.total, own.basis, own.zones) == (4, "stated", 2)


def test_its_figures_are_the_services(design_of, library) -> None:
    design = design_of(BUCKET)
    graph = build_graph(design, library)
    media, minio = graph.index["media"], graph.index["minio"]
    assert (graph.instances(media), graph.zones_spanned[media]) == (1, 3)
    assert graph.instances(minio) == 4
    # The library's 99.99 % is the service's figure: not 1 - (1 - 0.9999)^3.
    figures = analyze_availability(design, library, graph=graph).components["media"]
    assert figures.availability == pytest.approx(0.9999)
    # 1,000 req/s on the bucket's 2,000: 50 %, not 1,000 over 3 x 2,000.
    assert analyze_growth(design, library).components["media"].utilization == pytest.approx(0.5)
    # Growing past it takes capacity from the provider, not replicas of ours.
    grown = analyze_growth(design, library, growth=10.0)
    assert "raise its capacity to 14,286 req/s with its provider" in grown.summary
    # The provider keeps a copy in each zone it spans.
    role = graph.roles.of("media")
    assert role is not None and role.copies == 3


def test_losing_one_zone_loses_nothing_but_the_service_can_fail(design_of, library) -> None:
    design = design_of(
        BUCKET.replace("zone: region, props: {zones: 3", "zone: a, props: {zones: 3")
    )
    # An availability zone holding it: one of the three zones its copies are in.
    media = analyze_failure(design, library, zones=["a"]).components["media"]
    assert (media.state, media.serving) == ("degraded", 1.0)
    assert "1 of the 3 zones it spans" in media.reason
    # Failing it is the provider's service failing, not one of its zones' machines.
    whole = analyze_failure(design, library, ["media"])
    assert whole.components["media"].state == "down"
    assert "the managed service failed" in whole.components["media"].reason


def test_it_is_no_single_point_of_failure_and_fails_as_a_whole_service(design_of, library) -> None:
    design = design_of(BUCKET)
    graph = build_graph(design, library)
    assert "media" not in single_points_of_failure(graph)
    (point,) = [p for p in weakest_points(design, library, graph=graph) if p.id == "media"]
    assert point.lost_share == pytest.approx(1.0)
    assert not point.single_point
    assert what_fails(graph, point) == "media (the whole service)"


def test_the_editor_shows_no_badge_and_says_what_it_is(design_of, library) -> None:
    design = design_of(BUCKET)
    look = look_of(design.component("media"), library)
    assert look.instances is not None and look.instances.total == 1  # no "x3" badge
    assert instances_note(look) == (
        "one managed service over 3 zones (`replicas` not stated: the provider runs its machines)"
    )
    own = look_of(design.component("minio"), library)
    assert instances_note(own) == "4 instances (stated)"
