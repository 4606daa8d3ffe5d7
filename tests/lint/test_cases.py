"""Functional cases: for each rule, a design that triggers it and one that does not.

`cases/<CODE>_<name>/fires.archdraw.yaml` must produce exactly the findings of
that rule listed in `expected.yaml` (code, element and line);
`clean.archdraw.yaml` must produce none of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from archdraw.io import load
from archdraw.library import Library
from archdraw.lint import Finding, lint_design

CASES = Path(__file__).parent / "cases"
CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir())


def code_of(case: Path) -> str:
    return case.name.split("_", 1)[0]


def findings_for(path: Path, library: Library, code: str) -> list[Finding]:
    loaded = load(path, library)
    return [f for f in lint_design(loaded.design, library, loaded.locations) if f.code == code]


def as_expected(finding: Finding) -> dict[str, Any]:
    found: dict[str, Any] = {"code": finding.code}
    for key in ("component", "link", "zone"):
        value = getattr(finding, key)
        if value is not None:
            found[key] = value
    found["line"] = finding.line
    found["severity"] = str(finding.severity)
    return found


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_rule_fires_where_expected(case: Path, library: Library) -> None:
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    assert expected, f"{case.name}/expected.yaml lists no finding"
    found = [
        as_expected(f) for f in findings_for(case / "fires.archdraw.yaml", library, code_of(case))
    ]
    assert found == expected


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_rule_stays_quiet_on_clean_design(case: Path, library: Library) -> None:
    found = findings_for(case / "clean.archdraw.yaml", library, code_of(case))
    assert found == [], [f.message for f in found]


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_findings_carry_rule_and_message(case: Path, library: Library) -> None:
    for finding in findings_for(case / "fires.archdraw.yaml", library, code_of(case)):
        assert finding.rule.code == finding.code and finding.rule.name == finding.name
        assert len(finding.message) > 20
        if finding.fix is not None:
            assert finding.fix.props and (finding.fix.component or finding.fix.link)
