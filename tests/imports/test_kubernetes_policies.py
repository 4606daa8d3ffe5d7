"""Kubernetes NetworkPolicies as network-reachability evidence for links."""

from __future__ import annotations

from tests.imports.conftest import DATA
from tests.imports.helpers import links, record

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
