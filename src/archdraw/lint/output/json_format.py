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


def render(results: list[FileResult]) -> str:
    data = {
        "version": JSON_VERSION,
        "files": [
            {"path": r.path, "findings": [finding_data(f) for f in r.findings]} for r in results
        ],
    }
    return json.dumps(data, indent=2) + "\n"
