"""The json output: a documented contract (README, "rules" section). Version 1."""

from __future__ import annotations

import json
from typing import Any

from archdraw.lint.output import FileResult
from archdraw.lint.types import Finding

JSON_VERSION = 1


def finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": str(finding.severity),
        "component": finding.component,
        "link": finding.link,
        "zone": finding.zone,
        "line": finding.line,
        "column": finding.column,
        "message": finding.message,
        "related": [
            {"element": r.element, "line": r.line, "column": r.column} for r in finding.related
        ],
    }


def file_data(result: FileResult) -> dict[str, Any]:
    findings = [finding_data(f) for f in result.findings]
    data: dict[str, Any] = {"path": result.path, "findings": findings}
    data["errors"] = [
        {"line": p.line, "column": p.column, "message": p.message} for p in result.problems
    ]
    if result.states is not None:
        for finding, state in zip(findings, result.states, strict=True):
            finding["baseline_state"] = state
        data["absent"] = [
            {
                "code": a.code,
                "component": a.component,
                "link": a.link,
                "zone": a.zone,
                "message": a.message,
            }
            for a in result.absent
        ]
    return data


def render(results: list[FileResult]) -> str:
    data = {"version": JSON_VERSION, "files": [file_data(r) for r in results]}
    return json.dumps(data, indent=2) + "\n"
