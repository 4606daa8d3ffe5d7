"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Every rule is described (short and full description, help in text and
markdown); each result points at a repo-relative file with a 1-based line and
carries fingerprints that survive lines moving: `archdrawFinding/v2` (rule, element
and cause) also survives the file moving; `archdrawFinding/v1` (rule, element and file)
is kept for alerts recorded before v2.
Compared with a baseline, each result has a `baselineState` and accepted
findings that are gone are listed as `absent` results. Files that did not
load are tool execution notifications with their locations, and the
invocation is then not successful.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from archdraw import __version__
from archdraw.lint.baseline import Keyed
from archdraw.lint.output import FileResult, position
from archdraw.lint.rules import all_rules
from archdraw.lint.types import Finding, Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/archdraw/"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# GitHub sorts security alerts by this CVSS-like score (security rules only).
_SECURITY_SEVERITY = {"error": "8.0", "warning": "5.0", "info": "2.0"}


def rule_data(rule: Rule) -> dict[str, Any]:
    references = "\n".join(f"- {r}" for r in rule.references)
    properties: dict[str, Any] = {"tags": [rule.category, "architecture"], "precision": "high"}
    if rule.category == "security":
        properties["security-severity"] = _SECURITY_SEVERITY[str(rule.severity)]
    return {
        "id": rule.code,
        "name": "".join(part.capitalize() for part in rule.name.split("-")),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.why},
        "help": {
            "text": f"{rule.why}\n\nHow to fix: {rule.fix}",
            "markdown": f"**Why.** {rule.why}\n\n**How to fix.** {rule.fix}\n\n"
            f"**References.**\n{references}",
        },
        "defaultConfiguration": {"level": _LEVELS[str(rule.severity)]},
        "properties": properties,
    }


# Two fingerprints per result: v1 (rule, element, file) as earlier versions wrote it, so
# alerts GitHub already tracks keep matching; v2 leaves the file out, so moving or renaming
# a design keeps its alerts. GitHub matches on any key the two runs share.
FINGERPRINT_V1 = "archdrawFinding/v1"
FINGERPRINT_V2 = "archdrawFinding/v2"


def fingerprint(path: str, finding: Keyed) -> str:
    """v1: rule, element and file."""
    element = finding.component or finding.link or finding.zone
    key = f"{finding.code}|{element or ''}|{path}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def cause_fingerprint(finding: Keyed) -> str:
    """v2: rule, element and cause (the other elements of the same cause), never the file."""
    element = finding.component or finding.link or finding.zone
    related = finding.related if isinstance(finding, Finding) else ()
    cause = ",".join(sorted(r.element for r in related))
    key = f"v2|{finding.code}|{element or ''}|{cause}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def result_data(
    path: str,
    finding: Keyed,
    rule_index: dict[str, int],
    where: tuple[int, int],
    level: str,
    state: str | None = None,
) -> dict[str, Any]:
    element = finding.component or finding.link or finding.zone
    line, column = where
    data: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index[finding.code],
        "level": level,
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(path), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": line, "startColumn": column},
                },
                "logicalLocations": [{"name": element or "design", "kind": "element"}],
            }
        ],
        "partialFingerprints": {
            FINGERPRINT_V1: fingerprint(path, finding),
            FINGERPRINT_V2: cause_fingerprint(finding),
        },
        **_related(path, finding),
    }
    if state is not None:
        data["baselineState"] = state
    return data


def _results(result: FileResult, rule_index: dict[str, int]) -> list[dict[str, Any]]:
    found = [
        result_data(result.path, f, rule_index, position(f), _LEVELS[str(f.severity)], state)
        for f, state in result.stated()
    ]
    # An accepted finding that is gone has no line any more: the file's first line.
    gone = [
        result_data(result.path, a, rule_index, (1, 1), "none", "absent")
        for a in result.absent
        if a.code in rule_index
    ]
    return found + gone


def _notifications(results: list[FileResult]) -> list[dict[str, Any]]:
    return [
        {
            "level": "error",
            "message": {"text": problem.message},
            "descriptor": {"id": "invalid-design"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(result.path), "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": problem.line, "startColumn": problem.column},
                    }
                }
            ],
        }
        for result in results
        for problem in result.problems
    ]


def _related(path: str, finding: Keyed) -> dict[str, Any]:
    """The other elements of a finding that reports one cause for several (SARIF 3.27.22);
    an accepted finding from a baseline has none."""
    if not isinstance(finding, Finding) or not finding.related:
        return {}
    places = []
    for index, related in enumerate(finding.related, 1):
        region = {"startLine": related.line or 1, "startColumn": related.column or 1}
        places.append(
            {
                "id": index,
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(path), "uriBaseId": "%SRCROOT%"},
                    "region": region,
                },
                "logicalLocations": [{"name": related.element, "kind": "element"}],
                "message": {"text": related.element},
            }
        )
    return {"relatedLocations": places}


def uri(path: str) -> str:
    """A relative URI reference: forward slashes, spaces and the like percent-encoded."""
    from urllib.parse import quote

    return quote(path.replace("\\", "/"), safe="/-._~")


def render(results: list[FileResult]) -> str:
    rules = list(all_rules())
    rule_index = {rule.code: i for i, rule in enumerate(rules)}
    notifications = _notifications(results)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "archdraw",
                        "informationUri": INFORMATION_URI,
                        "semanticVersion": __version__,
                        "version": __version__,
                        "rules": [rule_data(rule) for rule in rules],
                    }
                },
                "originalUriBaseIds": {
                    "%SRCROOT%": {"description": {"text": "The repository root."}}
                },
                "artifacts": [
                    {"location": {"uri": uri(r.path), "uriBaseId": "%SRCROOT%"}} for r in results
                ],
                "invocations": [
                    {
                        "executionSuccessful": not notifications,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": [item for r in results for item in _results(r, rule_index)],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(log, indent=2) + "\n"
