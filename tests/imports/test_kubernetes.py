"""Kubernetes: a Helm-style multi-document manifest."""

from __future__ import annotations

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
