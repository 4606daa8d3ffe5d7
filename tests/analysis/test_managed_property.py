"""`managed: true`: a queue, gateway or database the provider runs as one service (SQS, API
Gateway, DynamoDB), read by one rule (`provider_runs`) and followed by every reader."""

from __future__ import annotations

import pytest

from archdraw.analysis import analyze_failure, build_graph
from archdraw.analysis.instances import component_instances
from archdraw.analysis.kinds import TypeFacts, provider_runs
from archdraw.analysis.weakest import failed_components, single_points_of_failure
from archdraw.drawing.faces import face, instances_note
from archdraw.drawing.parts import look_of
from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.lint.session import LintSession
from archdraw.model import Component, Document
from archdraw.model.edits import SetProperties

# A gateway, a database and a queue, each as the test states it (MANAGED is replaced).
DESIGN = """
zones:
  - {id: region, kind: region}
components:
  - {id: app, type: client, props: {rps: 1000}}
  - {id: gateway, type: api_gateway, zone: region, props: {zones: 3, capacity_rps: 500,
     auth: true, tls: true, rate_limit: 10, MANAGED}}
  - {id: api, type: service, zone: region, props: {replicas: 2, zones: 2,
     capacity_rps: 100000, failover: active-active}}
  - {id: table, type: database, zone: region, props: {MANAGED}}
  - {id: jobs, type: queue, zone: region, props: {MANAGED}}
  - {id: worker, type: worker, zone: region, props: {replicas: 2}}
links:
  - {from: app, to: gateway}
  - {from: gateway, to: api}
  - {from: api, to: table}
  - {from: api, to: jobs, kind: async}
  - {from: jobs, to: worker, kind: async}
"""


def _design(design_of, managed: str):  # type: ignore[no-untyped-def]
    return design_of(
        DESIGN.replace(", MANAGED}", f", {managed}}}" if managed else "}").replace(
            "{MANAGED}", f"{{{managed}}}"
        )
    )


@pytest.mark.parametrize(
    ("managed", "global_", "runs"),
    [
        (True, None, True),
        (True, False, True),
        (False, True, False),  # stated false: run by the design, whatever `global` says
        (None, True, True),  # unstated: `global` decides
        (None, None, False),
        (None, False, False),
        ("yes", None, False),  # not a boolean: not stated
    ],
)
def test_provider_runs_reads_managed_then_global(managed, global_, runs) -> None:  # type: ignore[no-untyped-def]
    assert provider_runs(managed, global_) is runs


def test_the_library_takes_managed_with_defaults_only_where_a_provider_runs_the_type(
    library: Library,
) -> None:
    # Serverless functions (Lambda, Cloud Run) are services and workers the provider runs.
    kinds = ("queue", "stream", "api_gateway", "database", "nosql_database", "cache", "service")
    for type_id in (*kinds, "worker", "scheduler", "realtime_gateway"):
        spec = library.get(type_id)
        assert spec is not None and spec.properties["managed"].kind == "bool"
        assert spec.properties["managed"].default is None, f"{type_id}: unstated, not managed"
    for type_id in ("object_storage", "llm", "embedding_model"):
        spec = library.get(type_id)
        assert spec is not None and spec.properties["managed"].default is True
    client = library.get("client")
    assert client is not None and "managed" not in client.properties  # on users' devices


def test_a_serverless_function_is_one_managed_service(library: Library) -> None:
    function = Component(id="fn", type="service", props={"managed": True, "zones": 3})
    found = component_instances(function, TypeFacts(library))
    assert (found.total, found.basis, found.managed) == (1, "managed", True)


def test_unstated_managed_counts_machines_as_before(design_of, library: Library) -> None:
    design = _design(design_of, "")
    facts = TypeFacts(library)
    gateway = component_instances(design.component("gateway"), facts)
    table = component_instances(design.component("table"), facts)
    jobs = component_instances(design.component("jobs"), facts)
    assert (gateway.total, gateway.basis) == (3, "zones")
    assert (table.total, table.basis) == (1, "default")
    assert (jobs.total, jobs.basis, jobs.managed) == (1, "default", False)
    graph = build_graph(design, library)
    assert all(graph.runs_replicas[graph.index[c]] for c in ("gateway", "table", "jobs"))


def test_managed_true_is_one_service_in_every_reader(design_of, library: Library) -> None:
    design = _design(design_of, "managed: true")
    facts = TypeFacts(library)
    graph = build_graph(design, library)
    for node in ("gateway", "table", "jobs"):
        found = component_instances(design.component(node), facts)
        assert (found.total, found.basis, found.managed) == (1, "managed", True)
        index = graph.index[node]
        assert graph.instance_basis[index] == "managed" and not graph.runs_replicas[index]
        assert (graph.instances(index), graph.zones_spanned[index]) == (1, found.zones)
    assert "table" not in single_points_of_failure(graph)
    assert failed_components(graph, ["api", "jobs"], whole=False) == (
        "one instance of api and jobs (the whole service)"
    )
    failed = analyze_failure(design, library, ["jobs"]).components["jobs"]
    assert failed.state == "down" and "the managed service failed" in failed.reason


def test_stated_replicas_win_over_managed(design_of, library: Library) -> None:
    design = _design(design_of, "managed: true, replicas: 1")
    found = component_instances(design.component("table"), TypeFacts(library))
    assert (found.total, found.basis, found.managed) == (1, "stated", False)
    graph = build_graph(design, library)
    assert "table" in single_points_of_failure(graph)  # one node the design sized


def test_managed_false_runs_object_storage_as_machines(design_of, library: Library) -> None:
    design = design_of(
        """
components:
  - {id: bucket, type: object_storage}
  - {id: minio, type: object_storage, props: {managed: false}}
"""
    )
    facts = TypeFacts(library)
    bucket = component_instances(design.component("bucket"), facts)
    minio = component_instances(design.component("minio"), facts)
    assert bucket.managed  # the library default: the provider runs it
    assert (minio.total, minio.basis, minio.managed) == (3, "zones", False)


def _codes(findings, component: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {f.code: f for f in findings if f.component == component}


def test_lint_reads_it_for_ad101_and_ad209(design_of, library: Library) -> None:
    plain = _codes(lint_design(_design(design_of, ""), library), "table")
    assert "AD101" in plain  # one database instance, asked about (`replicas` not stated)
    managed = lint_design(_design(design_of, "managed: true"), library)
    assert "AD101" not in _codes(managed, "table")
    # Counted as three machines (one per zone), 1,000 req/s on 3 x 500 is 67 %: no finding...
    assert "AD209" not in _codes(lint_design(_design(design_of, ""), library), "gateway")
    # ... but 500 req/s is the managed service's whole capacity: 200 %, and the fix is capacity
    # from its provider, not replicas of ours.
    after = _codes(managed, "gateway")["AD209"]
    assert after.fix is None  # type: ignore[attr-defined]
    assert after.message == (  # type: ignore[attr-defined]
        "'gateway' is at 200% utilization: 1,000 req/s for 1 x 500 req/s; one managed service: "
        "`replicas` not stated: the provider runs its machines; it needs 1,429 req/s from its "
        "provider"
    )


def test_an_incremental_lint_sees_managed_edited(design_of, library: Library) -> None:
    document = Document(_design(design_of, ""))
    session = LintSession(library)
    assert "AD101" in _codes(session.lint(document.design), "table")
    document.apply(SetProperties("table", {"managed": True}))
    after = session.lint(document.design)
    assert "AD101" not in _codes(after, "table")
    rows = [(f.code, f.element, f.message) for f in after]
    assert rows == [(f.code, f.element, f.message) for f in lint_design(document.design, library)]


def test_the_drawing_shows_no_replica_stack(design_of, library: Library) -> None:
    plain = look_of(_design(design_of, "").component("gateway"), library)
    assert face(plain, "full").badge is not None  # x3, one per zone
    look = look_of(_design(design_of, "managed: true").component("gateway"), library)
    assert face(look, "full").badge is None
    assert instances_note(look) == (
        "one managed service over 3 zones (`replicas` not stated: the provider runs its machines)"
    )
    # Without a library, the component's own `managed` still decides.
    bare = look_of(_design(design_of, "managed: true").component("gateway"), None)
    assert bare.instances is not None and bare.instances.managed
