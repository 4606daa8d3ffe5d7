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
    assert set(links(result)) == {"api->db", "web->api"}
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


def test_peers_the_input_cannot_resolve_are_reported(library: Library) -> None:
    result = import_files([POLICIES], library, user_mappings=False)
    assert any(
        "NetworkPolicy/api-from-front" in text and "pods picked by namespace labels" in text
        for text in result.block.unresolved
    )
    assert "NetworkPolicy" not in result.block.skipped  # read, not skipped as plumbing


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
