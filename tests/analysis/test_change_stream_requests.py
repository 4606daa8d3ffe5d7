"""Only the writes a store takes wait on, or fail with, its change stream.

The traffic model sends a store's links out its writes alone (`archdraw.analysis.traffic`):
a trigger, a change feed or an object store's event fires on a write. Latency, the failure
analysis (which requests fail, their paths, what is delayed), the weakest points and the
availability follow the same model: a read of the store never waits on what its change
stream calls. When no link into the store states `writes`, no request is counted as a
write, and the failure text says that this is what the answer rests on.
"""

from __future__ import annotations

import pytest

from archdraw.analysis.availability import analyze_availability
from archdraw.analysis.capacity import analyze_growth
from archdraw.analysis.failure import analyze_failure
from archdraw.analysis.report import run_analysis
from archdraw.analysis.simulation import simulate
from archdraw.analysis.text import render_text
from archdraw.analysis.weakest import weakest_points

# 900 reads/s and 100 writes/s of one store; each write fires a synchronous trigger (a
# validation hook that runs 50 ms) before it is acknowledged.
TRIGGER = """
components:
  - {id: readers, type: client, props: {rps: 900}}
  - {id: writers, type: client, props: {rps: 100}}
  - {id: db, type: database,
     props: {replicas: 2, failover: active-standby, capacity_rps: 100000, latency_ms: 5}}
  - {id: hook, type: service, props: {replicas: 1, latency_ms: 50}}
links:
  - {from: readers, to: db, props: {writes: false}}
  - {from: writers, to: db, props: {writes: true}}
  - {from: db, to: hook}
"""


def test_only_the_writes_wait_on_a_stores_change_stream(design_of, library) -> None:
    growth = analyze_growth(design_of(TRIGGER), library)
    assert growth.components["hook"].arrival_rps == pytest.approx(100)
    reads = growth.clients["readers"].latency_ms
    writes = growth.clients["writers"].latency_ms
    assert reads is not None and writes is not None
    assert reads == pytest.approx(5, abs=0.01)  # the store's own time: no hook
    assert writes == pytest.approx(55, abs=0.01)  # the store, then the trigger


def test_the_latency_formula_agrees_with_the_simulation(design_of, library) -> None:
    """The simulation has always called a store's change stream for its writes alone; the
    formula now waits on it for them alone too (it read 60.6 ms for the readers, against
    5.0 ms simulated)."""
    design = design_of(
        TRIGGER.replace("rps: 900", "rps: 90")
        .replace("rps: 100}", "rps: 10}")
        .replace("replicas: 1, latency_ms: 50", "replicas: 1, capacity_rps: 100, latency_ms: 50")
    )
    formula = analyze_growth(design, library).clients
    simulated = simulate(design, library, requests=20_000).clients
    for client in ("readers", "writers"):
        expected, measured = formula[client].latency_ms, simulated[client]
        assert expected is not None and measured is not None
        assert measured == pytest.approx(expected, rel=0.08)
    assert formula["readers"].latency_ms == pytest.approx(5, abs=0.01)


def test_only_the_writes_fail_with_a_stores_change_stream(design_of, library) -> None:
    failure = analyze_failure(design_of(TRIGGER), library, ["hook"])
    assert failure.clients["readers"].lost_share == 0
    assert failure.clients["writers"].lost_share == 1
    assert failure.lost_rps == pytest.approx(100)
    # The readers' request paths end at the store; the writers' go on to the trigger.
    assert [p.nodes for p in failure.clients["readers"].paths] == [["readers", "db"]]
    assert [(p.nodes, p.status) for p in failure.clients["writers"].paths] == [
        (["writers", "db", "hook"], "fails")
    ]


def test_weakest_points_and_availability_follow_the_writes(design_of, library) -> None:
    design = design_of(TRIGGER)
    hook = next(p for p in weakest_points(design, library) if p.id == "hook")
    assert hook.lost_share == pytest.approx(0.1)  # the writers' 100 of 1,000 requests/s
    assert hook.clients == {"writers": pytest.approx(1.0)}
    result = analyze_availability(design, library)
    # Only the writers need the single hook too.
    assert result.clients["readers"] > result.clients["writers"]


def test_a_read_of_a_store_is_not_delayed_by_its_change_stream(design_of, library) -> None:
    """The async case every sample draws (a search indexer behind the catalog): when the
    indexer is down, the listings are delayed, the shoppers' reads are not."""
    design = design_of(
        """
components:
  - {id: shoppers, type: client, props: {rps: 1000}}
  - {id: sellers, type: client, props: {rps: 20}}
  - {id: db, type: nosql_database}
  - {id: indexer, type: worker}
links:
  - {from: shoppers, to: db}
  - {from: sellers, to: db, props: {writes: true}}
  - {from: db, to: indexer, kind: async}
"""
    )
    failure = analyze_failure(design, library, ["indexer"], whole=True)
    assert failure.clients["shoppers"].delayed == []
    assert failure.clients["sellers"].delayed == ["indexer"]
    assert [p.nodes for p in failure.clients["shoppers"].paths] == [["shoppers", "db"]]


def test_unknown_writes_wait_on_nothing_and_the_text_says_so(design_of, library) -> None:
    body = TRIGGER.replace(", props: {writes: false}", "").replace(", props: {writes: true}", "")
    report = run_analysis(design_of(body), library, fail=["hook"])
    assert report.failure is not None
    assert report.failure.lost_share == 0
    text = render_text(report, growth_asked=False)
    assert (
        "No link into db states `writes`: no request is counted as a write, so none goes "
        "on over its change stream (to hook)"
    ) in text
    assert "No link into db states `writes`" not in render_text(
        run_analysis(design_of(TRIGGER), library, fail=["hook"]), growth_asked=False
    )


# An app that reads its prompts from the repository on each request (1,000/s), developers
# pushing twice a minute, and the push webhook starting CI/CD, which deploys the workers.
REPOSITORY = """
components:
  - {id: users, type: client, props: {rps: 1000}}
  - {id: developers, type: client, props: {rps: 0.03}}
  - {id: app, type: service}
  - {id: repo, type: source_repository}
  - {id: ci, type: ci_cd}
  - {id: workers, type: service}
links:
  - {from: users, to: app}
  - {from: app, to: repo, label: read the prompts}
  - {from: developers, to: repo, label: push, props: {writes: true}}
  - {from: repo, to: ci, label: push webhook}
  - {from: ci, to: workers, label: deploy}
"""


def test_a_push_webhook_carries_pushes_not_the_repositorys_reads(design_of, library) -> None:
    """A source repository's links out fire on a push (a write to it), as a store's change
    stream does: CI/CD runs at the developers' push rate, never at the users' request rate,
    and a user's request never waits on (or fails with) the pipeline."""
    design = design_of(REPOSITORY)
    growth = analyze_growth(design, library)
    assert growth.components["ci"].arrival_rps == pytest.approx(0.03)
    assert growth.components["workers"].arrival_rps == 0  # a deploy is no request
    failure = analyze_failure(design, library, ["ci"], whole=True)
    assert failure.clients["users"].lost_share == 0
    assert failure.clients["developers"].lost_share == 1  # drawn sync: a push waits on it


def test_a_deploy_is_not_a_request_to_what_it_ships(design_of, library) -> None:
    """The usual drawing: a repository, its pipeline, and the service the pipeline deploys,
    nobody drawn pushing. The pushes are unknown, but a deploy is no request: the service's
    rate is its users' 1,000/s exactly (not a lower bound), and a push never waits on it."""
    design = design_of(
        """
components:
  - {id: users, type: client, props: {rps: 1000}}
  - {id: api, type: service, props: {capacity_rps: 2000, replicas: 2}}
  - {id: repo, type: source_repository}
  - {id: ci, type: ci_cd}
links:
  - {from: users, to: api}
  - {from: repo, to: ci, label: push webhook}
  - {from: ci, to: api, label: deploy}
"""
    )
    growth = analyze_growth(design, library)
    assert growth.components["api"].arrival_rps == 1000
    assert growth.partial == ["ci"]  # its pushes are unknown: nobody is drawn pushing
    stated = design_of(
        REPOSITORY.replace(
            "{from: ci, to: workers, label: deploy}",
            "{from: ci, to: workers, label: deploy, props: {calls: 2}}",
        )
    )
    assert analyze_growth(stated, library).components["workers"].arrival_rps == pytest.approx(0.06)
