"""AD418 and the link properties it reads: `read_modify_write` says a writer reads a value,
changes it and writes it back whole; `concurrency_control` says what keeps two at once from
erasing each other's change. The rule speaks only where two can run at once (several
instances, a managed function, another writer of the same store), says what that rests on,
and teaches what a reviewer would: the interleaving, and the four ways stores prevent it."""

from __future__ import annotations

import pytest

from archdraw.cli.main import run
from archdraw.io import DesignError, loads
from archdraw.io.schema import design_schema
from archdraw.library import Library
from archdraw.lint import Finding, find_rule, lint_design
from archdraw.lint.session import LintSession
from archdraw.lint.types import Severity
from archdraw.model import Document
from archdraw.model.edits import SetLinkProperties, SetProperties

CONTROLS = ("none", "optimistic", "lock", "transaction", "single-writer")


def design(writer: str, link: str, more: str = ""):  # type: ignore[no-untyped-def]
    return f"""archdraw: 1
name: lost updates
components:
  - {{id: makeline, type: service, label: Make line, props: {{{writer}}}}}
  - {{id: orders, type: nosql_database, label: Open orders}}
{more}links:
  - {{from: makeline, to: orders, props: {{writes: true, read_modify_write: true{link}}}}}
"""


def findings(text: str, library: Library) -> list[Finding]:
    loaded = loads(text, "lost.archdraw.yaml", library)
    return [f for f in lint_design(loaded.design, library) if f.code == "AD418"]


def test_the_explanation_teaches_the_interleaving_and_the_four_guards() -> None:
    rule = find_rule("lost-update")
    assert rule is not None and rule.code == "AD418"
    why = " ".join(rule.why.split())
    assert "both read version 1" in why and "the first is erased" in why
    for guard in ("ETag", "compare-and-set", "SELECT ... FOR UPDATE", "serializable", "owner"):
        assert guard in why, guard
    assert "increment" in why  # an atomic change is not marked
    assert "AD410" in why  # reading a lagging replica is that rule's
    fix = " ".join(rule.fix.split())
    for control in CONTROLS[1:]:
        assert f"`concurrency_control: {control}`" in fix, control


def test_explain_prints_the_same_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["explain", "AD418"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "lost-update" in out and "compare-and-set" in out and "ETag" in out


@pytest.mark.parametrize("control", CONTROLS)
def test_each_control_loads_and_the_schema_lists_them(control: str, library: Library) -> None:
    loaded = loads(design("replicas: 2", f", concurrency_control: {control}"), "x", library)
    assert loaded.design.links[0].props["concurrency_control"] == control
    props = design_schema(library)["$defs"]["Link"]["properties"]["props"]["properties"]
    assert props["concurrency_control"]["enum"] == list(CONTROLS)
    assert props["read_modify_write"]["type"] == "boolean"


def test_an_unknown_control_is_refused_with_the_choices(library: Library) -> None:
    with pytest.raises(DesignError) as caught:
        loads(design("replicas: 2", ", concurrency_control: etag"), "x", library)
    [problem] = caught.value.problems
    assert problem.line == 7
    assert "concurrency_control" in problem.message
    assert "optimistic" in problem.message and "single-writer" in problem.message


def test_several_instances_with_no_control_stated_none_is_a_warning(library: Library) -> None:
    [finding] = findings(design("replicas: 3", ", concurrency_control: none"), library)
    assert finding.severity == Severity.WARNING and finding.link == "makeline->orders"
    assert finding.message == (
        "'Make line' reads, changes and writes back 'Open orders' with no concurrency "
        "control, and it runs 3 instances: two changes to one record at once can both read "
        "the same version, and the second write erases the first"
    )


@pytest.mark.parametrize("control", CONTROLS[1:])
def test_any_stated_control_keeps_it_quiet(control: str, library: Library) -> None:
    assert findings(design("replicas: 3", f", concurrency_control: {control}"), library) == []


def test_one_stated_instance_is_quiet_and_an_unstated_count_is_asked(library: Library) -> None:
    assert findings(design("replicas: 1", ", concurrency_control: none"), library) == []
    [asked] = findings(design("", ", concurrency_control: none"), library)
    assert asked.severity == Severity.INFO
    assert "(`replicas` not stated): if two run, two changes" in asked.message


def test_a_second_writer_of_the_same_store_counts_and_is_named(library: Library) -> None:
    other = "  - {id: completer, type: service, label: Completer, props: {replicas: 1}}\n"
    text = design("replicas: 1", ", concurrency_control: none", other) + (
        "  - {from: completer, to: orders, props: {writes: true, read_modify_write: true, "
        "concurrency_control: none}}\n"
    )
    found = {f.link: f for f in findings(text, library)}
    assert set(found) == {"makeline->orders", "completer->orders"}
    # Two services may keep their own records on one server: asked, not a verdict.
    assert "and 'Completer' does the same to it: if they share records, two changes" in (
        found["makeline->orders"].message
    )
    assert {f.severity for f in found.values()} == {Severity.INFO}
    assert [r.element for r in found["makeline->orders"].related] == ["completer->orders"]
    # The writer's own stated instances settle it.
    [many, _] = findings(
        text.replace(
            "label: Make line, props: {replicas: 1}", "label: Make line, props: {replicas: 2}"
        ),
        library,
    )
    assert many.link == "makeline->orders" and many.severity == Severity.WARNING
    assert "it runs 2 instances and 'Completer' does the same to it: two changes" in many.message
    # A plain write by the other (not a read-modify-write) is not a second such writer.
    plain = text.replace(
        "completer, to: orders, props: {writes: true, read_modify_write: true,",
        "completer, to: orders, props: {writes: true,",
    )
    assert findings(plain, library) == []


def test_a_write_the_store_applies_in_place_is_not_marked(library: Library) -> None:
    text = design("replicas: 8", "").replace(", read_modify_write: true", "")
    assert findings(text, library) == []
    # Marked but not writing: nothing is written back.
    reading = design("replicas: 8", "").replace("writes: true, ", "")
    assert findings(reading, library) == []


def test_the_fix_states_a_version_check_and_silences_it(library: Library) -> None:
    loaded = loads(design("replicas: 3", ", concurrency_control: none"), "x", library)
    [finding] = [f for f in lint_design(loaded.design, library) if f.code == "AD418"]
    assert finding.fix is not None and finding.fix.props == {"concurrency_control": "optimistic"}
    SetLinkProperties(finding.link or "", finding.fix.props).apply(loaded.design)
    assert [f for f in lint_design(loaded.design, library) if f.code == "AD418"] == []


def test_the_session_agrees_when_the_control_or_the_count_changes(library: Library) -> None:
    loaded = loads(design("replicas: 1", ", concurrency_control: none"), "x", library)
    document = Document(loaded.design)
    session = LintSession(library)

    def ad418() -> list[str]:
        live = sorted(f.message for f in session.lint(document.design) if f.code == "AD418")
        full = lint_design(document.design, library)
        assert live == sorted(f.message for f in full if f.code == "AD418")
        return live

    assert ad418() == []
    document.apply(SetProperties("makeline", {"replicas": 4}))
    assert len(ad418()) == 1
    document.apply(SetLinkProperties("makeline->orders", {"concurrency_control": "lock"}))
    assert ad418() == []
    document.apply(SetLinkProperties("makeline->orders", {"concurrency_control": "none"}))
    assert len(ad418()) == 1
    assert 0 < session.rules_run < len(session.rules)  # the incremental path


@pytest.mark.parametrize(
    ("control", "erases"),
    [
        ("", True),
        (", concurrency_control: single-writer", True),
        (", concurrency_control: lock", True),
        (", concurrency_control: optimistic", False),
    ],
)
def test_a_read_modify_write_off_a_lagging_copy_is_said_by_ad410(
    control: str, erases: bool, library: Library
) -> None:
    """Reading the value off an asynchronous copy erases what the copy has not received, even
    with one writer or a lock on the primary; a version check on the primary refuses it."""
    copy = "  - {id: copy, type: nosql_database, label: Replica}\n"
    text = (
        design("replicas: 1", control, copy).replace(
            "label: Open orders}", "label: Open orders, props: {replication: async}}"
        )
        + "  - {from: orders, to: copy, kind: replication}\n  - {from: makeline, to: copy}\n"
    )
    loaded = loads(text, "x", library)
    found = [f for f in lint_design(loaded.design, library) if f.code in ("AD410", "AD418")]
    [finding] = found
    assert finding.code == "AD410" and finding.link == "makeline->copy"
    assert ("writes back a stale value" in finding.message) is erases
