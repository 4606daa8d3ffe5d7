"""The engine: settings (disable, severity, ignore, stale and reasonless ignores), lines, order."""

from __future__ import annotations

from collections.abc import Callable

from archdraw.io import LoadedDesign
from archdraw.library import Library
from archdraw.lint import Severity, all_rules, lint_design
from archdraw.lint.types import Finding, Related, position_order

Loader = Callable[[str], LoadedDesign]

BASE = """\
archdraw: 1
name: Shop
components:
  - id: web
    type: client
  - id: api
    type: service
  - id: db
    type: database
    props: {backups: true, auth: true}
links:
  - {from: web, to: api}
  - {from: api, to: db, props: {writes: true}}
"""


def run(load_text: Loader, library: Library, lint_section: str = "") -> list[Finding]:
    loaded = load_text(BASE + lint_section)
    return lint_design(loaded.design, library, loaded.locations)


def codes(findings: list[Finding], element: str | None = None) -> list[str]:
    return [f.code for f in findings if element is None or f.element == element]


def test_baseline_reports_the_single_points_of_failure(load_text: Loader, library: Library) -> None:
    findings = run(load_text, library)
    # Neither states `replicas`: one question about both, at the first, naming the other.
    [spof] = [f for f in findings if f.code == "AD101"]
    assert spof.element == "api" and [r.element for r in spof.related] == ["db"]


def test_disable_by_code_and_by_name(load_text: Loader, library: Library) -> None:
    by_code = run(load_text, library, "lint:\n  disable: [AD101]\n")
    by_name = run(load_text, library, "lint:\n  disable: [single-point-of-failure]\n")
    assert "AD101" not in codes(by_code) and "AD101" not in codes(by_name)
    assert codes(by_code) == codes(by_name)
    assert "AD103" in codes(by_code)  # other rules still run


def test_severity_override_by_code_and_name(load_text: Loader, library: Library) -> None:
    for key in ("AD101", "single-point-of-failure"):
        findings = run(load_text, library, f"lint:\n  severity: {{{key}: info}}\n")
        spof = [f for f in findings if f.code == "AD101"]
        assert spof and all(f.severity is Severity.INFO for f in spof)


def test_severity_override_beats_a_rule_chosen_severity(
    load_text: Loader, library: Library
) -> None:
    text = BASE.replace("type: client", "type: client\n    props: {rps: 900}").replace(
        "type: service", "type: service\n    props: {replicas: 1, capacity_rps: 1000}"
    )
    plain = lint_design(load_text(text).design, library)
    assert [f.severity for f in plain if f.code == "AD209"] == [Severity.WARNING]
    loaded = load_text(text + "lint:\n  severity: {saturation: error}\n")
    forced = lint_design(loaded.design, library)
    assert [f.severity for f in forced if f.code == "AD209"] == [Severity.ERROR]


def test_ignore_with_reason_silences_only_that_element(load_text: Loader, library: Library) -> None:
    # One stated instance each: a finding of its own each.
    text = BASE.replace("type: service", "type: service\n    props: {replicas: 1}").replace(
        "{backups: true, auth: true}", "{backups: true, auth: true, replicas: 1}"
    )
    loaded = load_text(text + "lint:\n  ignore:\n    - {rule: AD101, component: api, reason: x}\n")
    findings = lint_design(loaded.design, library, loaded.locations)
    assert "AD101" not in codes(findings, "api")
    assert "AD101" in codes(findings, "db")
    assert not {"AD001", "AD002"} & set(codes(findings))


def test_ignore_without_reason_is_reported_at_its_line(load_text: Loader, library: Library) -> None:
    findings = run(load_text, library, "lint:\n  ignore:\n    - {rule: AD101, component: api}\n")
    assert "AD101" not in codes(findings, "api")
    [reasonless] = [f for f in findings if f.code == "AD001"]
    assert reasonless.line == BASE.count("\n") + 3
    assert reasonless.name == "ignore-without-reason"


def test_stale_ignore_is_reported(load_text: Loader, library: Library) -> None:
    findings = run(
        load_text,
        library,
        "lint:\n  ignore:\n    - {rule: AD104, component: db, reason: restored nightly}\n",
    )
    [stale] = [f for f in findings if f.code == "AD002"]
    assert "AD104" in stale.message and stale.line == BASE.count("\n") + 3


def test_unknown_rule_names_in_settings(load_text: Loader, library: Library) -> None:
    findings = run(load_text, library, "lint:\n  disable: [AD999]\n  severity: {nope: info}\n")
    assert codes(findings).count("AD003") == 2


def test_settings_findings_can_be_disabled(load_text: Loader, library: Library) -> None:
    findings = run(
        load_text,
        library,
        "lint:\n  disable: [stale-ignore]\n"
        "  ignore:\n    - {rule: AD104, component: db, reason: x}\n",
    )
    assert "AD002" not in codes(findings)


def test_lines_point_at_the_element(load_text: Loader, library: Library) -> None:
    findings = run(load_text, library)
    lines = BASE.splitlines()
    for finding in findings:
        if finding.component is not None:
            assert lines[finding.line - 1].strip() == f"- id: {finding.component}"  # type: ignore[operator]
        if finding.link is not None:
            source, target = finding.link.split("->")
            assert f"from: {source}, to: {target}" in lines[finding.line - 1]  # type: ignore[operator]


def test_without_locations_lines_are_none(load_text: Loader, library: Library) -> None:
    findings = lint_design(load_text(BASE).design, library)
    assert findings and all(f.line is None and f.column is None for f in findings)


def test_findings_are_sorted_by_line(load_text: Loader, library: Library) -> None:
    findings = run(load_text, library)
    assert findings == sorted(findings, key=Finding.sort_key)
    assert [f.line for f in findings] == sorted(f.line or 0 for f in findings)


def test_each_finding_keeps_the_order_its_sort_key_defines(
    load_text: Loader, library: Library
) -> None:
    # The engine builds the order tuple itself; `position_order` is its definition.
    for loaded in (load_text(BASE), None):
        findings = (
            run(load_text, library) if loaded is None else lint_design(loaded.design, library)
        )
        assert findings
        for f in findings:
            assert f.order == position_order(f.line, f.column, f.severity, f.code, f.element)


def test_restricting_rules_runs_only_those(load_text: Loader, library: Library) -> None:
    loaded = load_text(BASE)
    only = [r for r in all_rules() if r.code == "AD103"]
    findings = lint_design(loaded.design, library, loaded.locations, rules=only)
    assert codes(findings) == ["AD103"]


def test_fixes_apply_cleanly_and_silence_the_finding(load_text: Loader, library: Library) -> None:
    from archdraw.model.edits import SetLinkProperties, SetProperties
    from archdraw.model.validation import validate_design

    design = load_text(BASE).design
    before = lint_design(design, library)
    fixable = [f for f in before if f.fix is not None]
    assert fixable
    for finding in fixable:
        fix = finding.fix
        assert fix is not None
        if fix.component is not None:
            SetProperties(fix.component, dict(fix.props)).apply(design)
        else:
            assert fix.link is not None
            SetLinkProperties(fix.link, dict(fix.props)).apply(design)
    assert validate_design(design, library) == []
    after = {(f.code, f.element) for f in lint_design(design, library)}
    for finding in fixable:
        assert (finding.code, finding.element) not in after, finding.code


def test_empty_design_has_no_findings(load_text: Loader, library: Library) -> None:
    assert lint_design(load_text("archdraw: 1\nname: Empty\n").design, library) == []


def test_ignore_by_link_key(load_text: Loader, library: Library) -> None:
    assert "AD205" in codes(run(load_text, library), "api->db")
    loaded = load_text(
        BASE + "lint:\n  ignore:\n    - {rule: AD205, link: api->db, reason: local socket}\n"
    )
    findings = lint_design(loaded.design, library, loaded.locations)
    assert not [f for f in findings if f.code == "AD205"]
    assert not [f for f in findings if f.code == "AD002"]


def test_ignore_without_element_covers_the_whole_design(
    load_text: Loader, library: Library
) -> None:
    findings = run(load_text, library, "lint:\n  ignore:\n    - {rule: AD101, reason: a demo}\n")
    assert "AD101" not in codes(findings) and "AD002" not in codes(findings)


CALLS = """\
archdraw: 1
name: Calls
components:
  - {id: web, type: client}
  - {id: api, type: service}
  - {id: users, type: service}
  - {id: orders, type: service}
  - {id: stock, type: service}
links:
  - {from: web, to: api}
  - {from: api, to: users}
  - {from: api, to: orders}
  - {from: api, to: stock}
"""


def test_related_elements_read_as_a_tuple_with_their_places(
    load_text: Loader, library: Library
) -> None:
    # The places are looked up when first read; every way of reading gives the same tuple.
    loaded = load_text(CALLS)
    placed = (Related("api->orders", 12, 5), Related("api->stock", 13, 5))
    unplaced = (Related("api->orders", None, None), Related("api->stock", None, None))
    for locations, expected in ((loaded.locations, placed), (None, unplaced)):
        findings = lint_design(loaded.design, library, locations)
        finding = next(f for f in findings if f.code == "AD205" and f.link == "api->users")
        assert len(finding.related) == 2
        assert finding.related[1] == expected[1] and finding.related[:1] == expected[:1]
        assert tuple(finding.related) == expected and finding.related == expected
        assert expected == finding.related and finding.related != expected[:1]
        assert repr(finding.related) == repr(expected)
