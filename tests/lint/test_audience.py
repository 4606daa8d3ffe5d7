"""Who a client's users are (`audience`): what the library accepts and how rules word it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archdraw.io import DesignError, loads
from archdraw.library import Library
from archdraw.lint import Finding, lint_design
from archdraw.lint.session import LintSession
from archdraw.model import Document
from archdraw.model.edits import SetProperties

RED_DOG = Path(__file__).parent / "real" / "red-dog.archdraw.yaml"


def lint_text(body: str, library: Library) -> list[Finding]:
    loaded = loads(f"archdraw: 1\nname: audience\n{body}", "test.archdraw.yaml", library)
    return lint_design(loaded.design, library, loaded.locations)


def test_a_client_states_one_of_three_audiences_and_nothing_is_assumed(
    library: Library,
) -> None:
    spec = library.types["client"].properties["audience"]
    assert spec.choices == ("public", "staff", "internal")
    assert spec.default is None  # not stated is unknown, never the public by default
    assert "audience" not in library.types["service"].properties
    with pytest.raises(DesignError, match="takes one of public, staff, internal"):
        lint_text("components:\n  - {id: c, type: client, props: {audience: everyone}}\n", library)


def test_an_entry_only_staff_reach_is_open_to_their_network_not_to_anyone(
    library: Library,
) -> None:
    found = lint_text(
        "components:\n"
        "  - {id: staff, type: client, props: {audience: staff}}\n"
        "  - {id: jobs, type: client, props: {audience: internal}}\n"
        "  - {id: admin, type: service}\n"
        "  - {id: visitors, type: client}\n"
        "  - {id: site, type: service}\n"
        "links:\n"
        "  - {from: staff, to: admin}\n"
        "  - {from: jobs, to: admin}\n"
        "  - {from: staff, to: site}\n"
        "  - {from: visitors, to: site}\n",
        library,
    )
    said = {f.component: f.message for f in found if f.code == "AD302"}
    assert said["admin"].endswith(
        "everything behind it is open to anyone on the organisation's network"
    )
    # A client whose audience is not stated may be anyone.
    assert said["site"].endswith("everything behind it is open to anyone")


def test_cdn_verdict_resting_on_an_unstated_audience_names_the_clients_it_assumed(
    library: Library,
) -> None:
    found = lint_text(
        "components:\n"
        "  - {id: staff, type: client, label: Store staff, props: {audience: staff}}\n"
        "  - {id: web, type: client, label: Web users}\n"
        "  - {id: site, type: service, label: Site, props: {static_assets: true}}\n"
        "links:\n  - {from: staff, to: site}\n  - {from: web, to: site}\n",
        library,
    )
    (finding,) = [f for f in found if f.code == "AD214"]
    assert str(finding.severity) == "info"
    assert "(`audience` not stated for 'Web users': assuming the public)" in finding.message
    assert "Store staff" not in finding.message


def test_red_dog_noise_comes_back_when_its_clients_do_not_say_who_they_are(
    library: Library,
) -> None:
    """The store's dashboard (staff in the store) asked for a CDN and the simulator in the
    cluster for a rate limit in front of the order service; the judged corpus marks both noise."""
    text = RED_DOG.read_text(encoding="utf-8")
    unstated = re.sub(r", props: \{audience: (staff|internal)\}", "", text)
    assert unstated != text

    def reported(body: str) -> set[tuple[str, str | None]]:
        loaded = loads(body, "red-dog.archdraw.yaml", library)
        found = lint_design(loaded.design, library, loaded.locations)
        return {(f.code, f.component) for f in found if f.code in ("AD201", "AD214")}

    assert reported(unstated) >= {("AD214", "ui"), ("AD201", "order")}
    stated = reported(text)
    assert ("AD214", "ui") not in stated and ("AD201", "order") not in stated
    # The staff's entries are still asked for a rate limit (a reviewer wants those).
    assert {("AD201", "ui"), ("AD201", "makeline"), ("AD201", "accounting")} <= stated


def test_the_editor_session_follows_an_audience_edit_as_a_full_lint(library: Library) -> None:
    """Each rule that reads `audience` is judged again when a client's audience changes."""
    loaded = loads(
        "archdraw: 1\nname: audience\n"
        "components:\n"
        "  - {id: pos, type: client}\n"
        "  - {id: desk, type: client}\n"
        "  - {id: order, type: service, props: {static_assets: true}}\n"
        "  - {id: db, type: database}\n"
        "  - {id: llm, type: llm}\n"
        "links:\n"
        "  - {from: pos, to: order}\n  - {from: pos, to: db}\n  - {from: pos, to: llm}\n"
        "  - {from: desk, to: order}\n",
        "test.archdraw.yaml",
        library,
    )
    document = Document(loaded.design)
    session = LintSession(library)

    def codes(findings: list[Finding]) -> list[tuple[str, str | None, str]]:
        return [(f.code, f.element, f.message) for f in findings]

    session.lint(document.design)
    for client, value in (("pos", "internal"), ("desk", "staff"), ("pos", "public")):
        document.apply(SetProperties(client, {"audience": value}))
        assert codes(session.lint(document.design)) == codes(lint_design(document.design, library))
    document.apply(SetProperties("pos", {"audience": "internal"}))
    found = {(f.code, f.element) for f in session.lint(document.design)}
    assert ("AD214", "order") not in found and ("AD303", "pos->db") not in found
    assert ("AD306", "pos->llm") not in found
    assert ("AD201", "order") in found  # staff still reach it
