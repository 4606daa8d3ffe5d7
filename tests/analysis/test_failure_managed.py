"""What a failure loses: a service the provider runs becomes unavailable, it does not lose
the data it has accepted; a store we run, or an in-memory cache that is the only copy, does."""

from __future__ import annotations

import pytest

from archdraw.analysis import analyze_failure, render_text, run_analysis
from archdraw.model import Design

QUEUE = """
zones:
  - {id: region, kind: region}
  - {id: a, kind: zone, parent: region}
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: jobs, type: queue, zone: a, props: {MANAGED}}
  - {id: worker, type: worker, props: {replicas: 2}}
links:
  - {from: web, to: api}
  - {from: api, to: jobs, props: {writes: true}}
  - {from: jobs, to: worker, kind: async}
"""


def failure_text(design: Design, library, failed: str) -> str:  # type: ignore[no-untyped-def]
    return render_text(run_analysis(design, library, fail=[failed]), growth_asked=False)


def test_a_managed_queue_that_fails_is_unavailable_not_lost(design_of, library) -> None:
    design = design_of(QUEUE.replace("MANAGED", "managed: true, technology: SQS"))
    result = analyze_failure(design, library, ["jobs"])
    jobs = result.components["jobs"]
    # The producers' sends are refused: the requests that wait for them fail.
    assert jobs.state == "down" and result.clients["web"].lost_share == 1.0
    assert "unavailable, not lost" in jobs.reason
    assert "it keeps the messages it has accepted" in jobs.reason
    assert result.data_at_risk == []
    assert "Data at risk" not in failure_text(design, library, "jobs")


def test_a_queue_we_run_on_one_machine_loses_its_messages(design_of, library) -> None:
    design = design_of(QUEUE.replace("MANAGED", "managed: false"))
    result = analyze_failure(design, library, ["jobs"])
    assert [(r.id, r.why) for r in result.data_at_risk] == [("jobs", "no replication")]
    text = failure_text(design, library, "jobs")
    assert "Data at risk: jobs (no replication; no backups)" in text


@pytest.mark.parametrize(("replication", "lost"), [("sync", []), ("none", ["jobs"])])
def test_one_of_its_zones_failing_loses_only_what_the_provider_kept_there_alone(
    design_of, library, replication: str, lost: list[str]
) -> None:
    # Spread over three zones by the provider: copied to each (sync), or a share in each.
    props = f"managed: true, zones: 3, replication: {replication}"
    result = analyze_failure(design_of(QUEUE.replace("MANAGED", props)), library, zones=["a"])
    assert result.components["jobs"].remaining == pytest.approx(2 / 3)
    assert [r.id for r in result.data_at_risk] == lost


@pytest.mark.parametrize("zones", [1, 3])
def test_a_managed_service_loses_its_data_only_with_every_zone_it_spans(
    design_of, library, zones: int
) -> None:
    design = design_of(QUEUE.replace("MANAGED", f"managed: true, zones: {zones}"))
    # One availability zone holds all of a one-zone service; a region holds all three.
    failed = "a" if zones == 1 else "region"
    result = analyze_failure(design, library, zones=[failed])
    assert [(r.id, r.why) for r in result.data_at_risk] == [("jobs", "every zone it spans failed")]
    # Its zone failing and the service failing too: the zone is what loses it.
    both = analyze_failure(design, library, ["jobs"], zones=[failed])
    assert [r.id for r in both.data_at_risk] == ["jobs"]


# Sessions written to a cache that fronts no store (AD413: the cache is their only copy).
CACHE = """
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {replicas: 2}}
  - {id: sessions, type: cache, props: {PROPS}}
  - {id: orders, type: service, props: {replicas: 2}}
  - {id: db, type: database, props: {replicas: 2, replication: sync}}
links:
  - {from: web, to: api}
  - {from: api, to: sessions, props: {writes: true}}
  - {from: web, to: orders}
  - {from: orders, to: db}
"""


def test_a_written_cache_that_fronts_no_store_is_the_only_copy(design_of, library) -> None:
    design = design_of(CACHE.replace("PROPS", "replicas: 1"))
    result = analyze_failure(design, library, ["sessions"])
    assert [(r.id, r.why) for r in result.data_at_risk] == [
        ("sessions", "an in-memory cache that is the only copy of what is written to it")
    ]


@pytest.mark.parametrize(
    "props",
    [
        "fronts: db",  # a copy of the database: misses go there
        "fronts: api",  # answers the service computes again on a miss
        "replicas: 2, replication: sync",  # copied to replicas that survive
        "managed: true, replication: async",  # a managed one, replicated across its zones
    ],
)
def test_a_cache_that_is_a_copy_loses_nothing(design_of, library, props: str) -> None:
    design = design_of(CACHE.replace("PROPS", props))
    result = analyze_failure(design, library, ["sessions"], whole=True)
    assert result.data_at_risk == []
