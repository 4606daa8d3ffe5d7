"""AD101 asks about every component whose `replicas` the design does not state in one info
finding per design (one cause), and the editor's incremental re-lint gives the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.lint.test_session import _row

from archdraw.io import load
from archdraw.library import Library
from archdraw.lint import Finding, lint_design
from archdraw.lint.session import LintSession
from archdraw.lint.value_edits import value_edits
from archdraw.model import Document
from archdraw.model.edits import SetProperties

HERE = Path(__file__).parent
FIRES = HERE / "cases" / "AD101_single-point-of-failure" / "fires.archdraw.yaml"
HOTEL = HERE / "real" / "hotel-reservation.archdraw.yaml"


def _ad101(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.code == "AD101"]


def test_three_unstated_components_give_one_finding_at_the_first(library: Library) -> None:
    loaded = load(FIRES, library)
    findings = _ad101(lint_design(loaded.design, library, loaded.locations))
    asked = [f for f in findings if str(f.severity) == "info"]
    assert len(asked) == 1
    (finding,) = asked
    assert finding.component == "db"  # the first in file order, not the most lost
    assert [(r.element, r.line) for r in finding.related] == [("search", 18), ("profiles", 20)]
    assert finding.message.endswith(
        "if each runs one, 100 % of client requests fail when 'db' or 'profiles' dies; "
        "20 % when 'search' dies"
    )
    # One fix sets one component's properties: none for three.
    assert finding.fix is None
    # A stated single instance keeps its own error, with its fix.
    stated = [f for f in findings if str(f.severity) == "error"]
    assert [f.component for f in stated] == ["lb", "api"]
    assert all(f.fix is not None and f.fix.props["replicas"] == 2 for f in stated)


def test_one_unstated_component_is_asked_about_alone_with_its_fix(library: Library) -> None:
    loaded = load(FIRES, library)
    design = loaded.design
    document = Document(design)
    document.apply(SetProperties("search", {"replicas": 2}))
    document.apply(SetProperties("profiles", {"replicas": 3}))
    (finding,) = [f for f in _ad101(lint_design(design, library)) if str(f.severity) == "info"]
    assert finding.component == "db" and finding.related == ()
    assert finding.message.startswith("'db' is on a client's request path")
    assert finding.fix is not None and finding.fix.component == "db"
    assert finding.fix.props["replicas"] == 2


def test_the_figures_keep_what_they_assume(library: Library) -> None:
    """Hotel reservation: the figures resting on calls taken as independent requests say
    so, each after its own figure; the most requests lost come first."""
    loaded = load(HOTEL, library)
    (finding,) = _ad101(lint_design(loaded.design, library, loaded.locations))
    assert finding.component == "hotel" and len(finding.related) == 6
    message = finding.message
    assert message.index("55.3 % of client requests fail when 'Rate service") < message.index(
        "; 50.9 % when 'Reservation service"
    )
    assert message.count("are independent requests (`request` not stated)") == 2
    assert message.endswith("; 9 % when 'Hotel database' dies; 0.45 % when 'Payment service' dies")


@pytest.mark.parametrize(("edited", "replicas"), [("hotel", 1), ("rate_db", 1), ("payment", 3)])
def test_an_edit_of_a_folded_component_relints_as_a_full_lint(
    library: Library, edited: str, replicas: int
) -> None:
    """Stating `replicas` on the first component moves the finding to the next; on another
    takes it out of the list; `replicas: 1` gives that component its own error."""
    loaded = load(HOTEL, library)
    document, locations = Document(loaded.design), loaded.locations
    session = LintSession(library)
    session.lint(document.design, locations)
    edit = SetProperties(edited, {"replicas": replicas})
    document.apply(edit)
    got = session.lint(document.design, locations, edited=value_edits([edit]))
    assert session.rules_run < len(session.rules)  # the incremental path
    expected = lint_design(document.design, library, locations)
    assert [_row(f) for f in got] == [_row(f) for f in expected]
    assert [f.related for f in got] == [f.related for f in expected]
    (asked,) = [f for f in _ad101(got) if str(f.severity) == "info"]
    assert len(asked.related) == 5
    assert edited not in {asked.component, *(r.element for r in asked.related)}
    assert asked.component == ("hotel_db" if edited == "hotel" else "hotel")
    errors = [f.component for f in _ad101(got) if str(f.severity) == "error"]
    assert errors == ([edited] if replicas == 1 else [])
