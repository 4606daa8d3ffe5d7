"""Kubernetes: a Helm-style multi-document manifest."""

from __future__ import annotations

from pathlib import Path

from tests.imports.conftest import DATA
from tests.imports.helpers import links, record, types

from archdraw.imports import import_files
from archdraw.library import Library


def test_manifest_maps_workloads_services_ingress_and_hpa(library: Library) -> None:
    result = import_files([DATA / "kubernetes" / "shop.yaml"], library, user_mappings=False)
    design = result.design
    assert types(result) == {
        "web": "service",
        "api": "service",
        "postgres": "database",
        "cache": "cache",
        "nightly-report": "scheduler",
        "users": "client",
        "shop-2": "load_balancer",
    }
    assert links(result) == {
        "users->shop-2": "sync",
        "shop-2->web": "sync",
        "shop-2->api": "sync",
        "web->api": "sync",
        "api->postgres": "sync",
        "api->cache": "sync",
        "nightly-report->api": "sync",
    }
    assert (
        record(result, "shop-2")[0] == "explicit" and record(result, "shop-2->api")[0] == "explicit"
    )
    assert record(result, "web->api")[0] == "guessed"
    # The sidecar (envoy) does not type the pod; TLS from spec.tls; replicas from the HPA.
    assert design.component("shop-2").props["tls"] is True
    assert design.component("api").props["replicas"] == 2
    assert design.component("web").props == {"replicas": 3, "zones": 2}
    assert {z.id: z.kind for z in design.zones} == {"shop": "group"}
    assert all(c.zone == "shop" for c in design.components if c.type != "client")
    block = result.block
    assert block.skipped["ConfigMap"] == 1 and block.skipped["ServiceMonitor"] == 1
    assert any("ServiceMonitor" in t and "not known" in t for t in block.unresolved)
    assert [(u.component, u.property) for u in block.unknown] == [("web", "zones")]
    assert any(
        "minAvailable 2" in e
        for e in next(x for x in block.elements if x.component == "web").evidence
    )
    assert any(
        "between 2 and 10" in e
        for e in next(x for x in block.elements if x.component == "api").evidence
    )


def test_a_replica_count_that_is_not_whole_is_said_where_it_is(
    library: Library, tmp_path: Path
) -> None:
    # As the Compose importer says it: the file, the line and why the default is kept.
    deployment = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}}}\n"
        "spec:\n  replicas: {replicas}\n"
        "  template:\n    spec:\n      containers: [{{name: app, image: acme/{name}}}]\n"
    )
    path = tmp_path / "deploy.yaml"
    path.write_text(
        deployment.format(name="half", replicas="2.5")
        + "---\n"
        + deployment.format(name="huge", replicas="1e300")
        + "---\n"
        + deployment.format(name="whole", replicas="3"),
        encoding="utf-8",
    )
    result = import_files([path], library, user_mappings=False)
    unresolved = result.block.unresolved
    for line, name in ((2, "half"), (11, "huge")):
        said = (
            f"deploy.yaml:{line} Deployment/{name} spec.replicas: the replica count is not a "
            "whole number; the library default is kept"
        )
        assert [text for text in unresolved if text.endswith(said)]
        assert "replicas" not in result.design.component(name).props
    assert result.design.component("whole").props["replicas"] == 3
    assert len([text for text in unresolved if "whole number" in text]) == 2
