"""Kubernetes NetworkPolicies as network-reachability evidence for links."""

from __future__ import annotations

from pathlib import Path

from tests.imports.conftest import DATA
from tests.imports.helpers import links, record, types

from archdraw.imports import ImportResult, import_files
from archdraw.library import Library

POLICIES = DATA / "kubernetes" / "policies.yaml"


def _evidence(result: ImportResult, subject: str) -> list[str]:
    return next(e.evidence for e in result.block.elements if e.subject == subject)


def test_a_policy_backs_a_guessed_link_and_adds_one_nothing_else_shows(
    library: Library,
) -> None:
    result = import_files([POLICIES], library, user_mappings=False)
    assert set(links(result)) == {"api->db", "web->api", "namespace-monitoring->api"}
    # api names db in DB_HOST (a guess); db-from-api lets it in: inferred now.
    assert record(result, "api->db") == (
        "inferred",
        "host named in configuration + network reachability: NetworkPolicy",
    )
    assert "NetworkPolicy db-from-api lets api in to db on port 5432" in _evidence(
        result, "api->db"
    )
    # Only api-from-front joins web to api: a link of its own, inferred, never explicit.
    assert record(result, "web->api") == ("inferred", "network reachability: NetworkPolicy")
    # same-namespace takes every pod: it backs the links there are and adds none.
    assert any("same-namespace lets api in to db" in t for t in _evidence(result, "api->db"))
    assert "db->web" not in links(result) and "web->db" not in links(result)


def test_peers_outside_the_input_are_drawn_as_guessed_clients(
    library: Library, tmp_path: Path
) -> None:
    """The usual shapes: Prometheus scraping from its namespace, an ingress controller's
    namespace by label, an office range and the cluster network as IP blocks."""
    (tmp_path / "netpol.yaml").write_text(
        """apiVersion: apps/v1
kind: Deployment
metadata: {name: storefront, namespace: shop}
spec:
  selector: {matchLabels: {app: storefront}}
  template:
    metadata: {labels: {app: storefront}}
    spec:
      containers: [{name: web, image: ghcr.io/acme/storefront:1.4}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: admin, namespace: shop}
spec:
  selector: {matchLabels: {app: admin}}
  template:
    metadata: {labels: {app: admin}}
    spec:
      containers: [{name: admin, image: ghcr.io/acme/admin:1.4}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-scraping, namespace: shop}
spec:
  podSelector: {matchLabels: {app: storefront}}
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
          podSelector: {matchLabels: {app.kubernetes.io/name: prometheus}}
      ports: [{protocol: TCP, port: 9090}]
    - from:
        - namespaceSelector: {matchLabels: {team: edge}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: admin-from-office, namespace: shop}
spec:
  podSelector: {matchLabels: {app: admin}}
  policyTypes: [Ingress]
  ingress:
    - from:
        - ipBlock: {cidr: 10.0.0.0/8, except: [10.96.0.0/12]}
        - ipBlock: {cidr: 198.51.100.0/24}
        - ipBlock: {cidr: not-an-address}
      ports: [{protocol: TCP, port: 8443}]
""",
        encoding="utf-8",
    )
    result = import_files([tmp_path / "netpol.yaml"], library, user_mappings=False)
    clients = {c.id: c.label for c in result.design.components if c.type == "client"}
    assert clients == {
        "namespace-monitoring": "namespace monitoring",
        "namespaces-labelled-team-edge": "namespaces labelled team=edge",
        "10.0.0.0-8": "10.0.0.0/8 (private network)",
        "198.51.100.0-24": "198.51.100.0/24 (outside addresses)",
    }
    found = set(links(result))
    assert {
        "namespace-monitoring->storefront",
        "namespaces-labelled-team-edge->storefront",
        "10.0.0.0-8->admin",
        "198.51.100.0-24->admin",
    } == {k for k in found if k.split("->")[0] in clients}
    for subject in (
        "namespace-monitoring",
        "namespace-monitoring->storefront",
        "10.0.0.0-8->admin",
    ):
        confidence, rule = record(result, subject)
        assert confidence == "guessed" and rule.startswith("network reachability: NetworkPolicy")
    assert _evidence(result, "namespace-monitoring->storefront") == [
        "NetworkPolicy allow-scraping lets pods app.kubernetes.io/name=prometheus in "
        "namespace monitoring in to storefront on port 9090"
    ]
    assert any("not-an-address" in t or "an IP block" in t for t in result.block.unresolved)
    guesses = {e.subject for e in result.block.unconfirmed_guesses()}
    assert "198.51.100.0-24->admin" in guesses


def test_names_that_say_database_and_types_without_replicas(
    library: Library, tmp_path: Path
) -> None:
    (tmp_path / "demo.yaml").write_text(
        """apiVersion: apps/v1
kind: Deployment
metadata: {name: user-db}
spec:
  replicas: 1
  template:
    spec:
      containers: [{name: db, image: acme/user-db:0.3}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: loadgenerator}
spec:
  replicas: 1
  template:
    spec:
      containers: [{name: main, image: acme/loadgenerator:1.0}]
"""
    )
    result = import_files([tmp_path / "demo.yaml"], library, user_mappings=False)
    assert record(result, "user-db") == (
        "guessed",
        "images.by_name: *-db, *_db, db (name user-db)",
    )
    assert types(result)["loadgenerator"] == "client"
    # A client has no replicas: nothing to set, nothing to report.
    assert not any("replicas" in text for text in result.block.unresolved)
