"""A marker's text lists the worst findings first, a few of them, then how many more."""

from __future__ import annotations

from archdraw.drawing.markers import SHOWN_FINDINGS, FindingKey, finding_lines


def _key(code: str, severity: str, message: str) -> FindingKey:
    return (code, severity, message, "api", None, None)


def test_the_worst_few_come_first_and_the_rest_are_counted() -> None:
    found = [_key(f"AD2{i:02}", "info", f"note {i}") for i in range(6)]
    found += [_key("AD101", "error", "single point of failure"), _key("AD150", "warning", "w")]
    lines = finding_lines(found).splitlines()
    assert lines[0] == "AD101 error: single point of failure"
    assert lines[1] == "AD150 warning: w"
    assert len(lines) == SHOWN_FINDINGS + 1
    assert lines[-1] == f"and {len(found) - SHOWN_FINDINGS} more"


def test_a_few_findings_are_all_listed_without_a_count() -> None:
    found = [_key("AD101", "error", "a"), _key("AD102", "warning", "b")]
    assert finding_lines(found) == "AD101 error: a\nAD102 warning: b"
