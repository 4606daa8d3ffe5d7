"""AD105 asks a managed relational database whose `zones` the design does not give which it
is: RDS and Cloud SQL run in one zone unless Multi-AZ or HA is turned on, while a provider's
queue or table spans a region's zones on its own."""

from __future__ import annotations

import pytest

from archdraw.library import builtin_library
from archdraw.lint import Finding, lint_design
from archdraw.lint.session import LintSession
from archdraw.model import Document
from archdraw.model.edits import SetProperties

DESIGN = """archdraw: 1
name: managed stores
zones:
  - {id: az-a, kind: zone}
  - {id: az-b, kind: zone}
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {replicas: 2, zones: 2}}
  - {id: store, type: TYPE, props: {PROPS}}
links:
  - {from: web, to: api}
  - {from: api, to: store, props: {timeout_ms: 500}}
"""


def ad105(load_text, type_id: str, props: str) -> list[Finding]:  # type: ignore[no-untyped-def]
    loaded = load_text(DESIGN.replace("TYPE", type_id).replace("PROPS", props))
    found = lint_design(loaded.design, builtin_library(), loaded.locations)
    return [f for f in found if f.code == "AD105"]


def test_a_managed_relational_database_is_asked_whether_it_is_multi_az(load_text) -> None:  # type: ignore[no-untyped-def]
    """The wrong verdict this guards against: silence, as for SQS or DynamoDB, on a database
    the provider runs in one zone unless HA is turned on."""
    (finding,) = ad105(load_text, "database", "managed: true")
    assert str(finding.severity) == "info"
    assert "managed relational database" in finding.message
    assert "does not state `zones`" in finding.message  # what the question rests on
    assert finding.fix is not None and finding.fix.props == {"zones": 2}


@pytest.mark.parametrize(
    ("type_id", "props"),
    [
        ("nosql_database", "managed: true"),  # DynamoDB spans the region's zones
        ("queue", "managed: true"),  # SQS too
        ("database", "managed: true, zones: 2"),  # Multi-AZ, said
        ("database", "global: true"),  # Spanner, Cosmos DB: spans regions
    ],
)
def test_what_the_provider_spreads_or_the_design_states_is_not_asked(
    load_text, type_id: str, props: str
) -> None:  # type: ignore[no-untyped-def]
    assert ad105(load_text, type_id, props) == []


def test_a_stated_single_zone_is_the_usual_warning(load_text) -> None:  # type: ignore[no-untyped-def]
    (finding,) = ad105(load_text, "database", "managed: true, zones: 1")
    assert str(finding.severity) == "warning" and "runs in one zone" in finding.message


def test_a_design_in_one_zone_is_not_asked(load_text) -> None:  # type: ignore[no-untyped-def]
    text = DESIGN.replace("TYPE", "database").replace("PROPS", "managed: true")
    text = text.replace("  - {id: az-b, kind: zone}\n", "").replace("zones: 2}", "zones: 1}")
    loaded = load_text(text)
    assert [f for f in lint_design(loaded.design, builtin_library()) if f.code == "AD105"] == []


def test_a_session_asks_as_a_full_lint_does(load_text) -> None:  # type: ignore[no-untyped-def]
    library = builtin_library()
    loaded = load_text(DESIGN.replace("TYPE", "database").replace("PROPS", "managed: true"))
    document, locations = Document(loaded.design), loaded.locations
    session = LintSession(library)
    session.lint(document.design, locations)
    severities = []
    for edit in (
        SetProperties("store", {"zones": 2}),
        SetProperties("store", {"zones": None}),
        SetProperties("store", {"managed": False}),
        SetProperties("store", {"managed": True}),
    ):
        document.apply(edit)
        full = lint_design(document.design, library, locations)
        got = session.lint(document.design, locations)
        key = [(f.code, f.severity, f.component, f.message) for f in full]
        assert [(f.code, f.severity, f.component, f.message) for f in got] == key
        severities.append([str(f.severity) for f in full if f.code == "AD105"])
    # Ours, `zones` not stated: the library default's question, also info.
    assert severities == [[], ["info"], ["info"], ["info"]]
