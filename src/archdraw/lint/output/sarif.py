"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Every rule is described (short and full description, help in text and
markdown); each result points at a repo-relative file with a 1-based line and
carries a fingerprint that survives lines moving (rule, element and file).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from archdraw import __version__
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


def fingerprint(path: str, finding: Finding) -> str:
    key = f"{finding.code}|{finding.element or ''}|{path}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def result_data(path: str, finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    line, column = position(finding)
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index[finding.code],
        "level": _LEVELS[str(finding.severity)],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(path), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": line, "startColumn": column},
                },
                "logicalLocations": [{"name": finding.element or "design", "kind": "element"}],
            }
        ],
        "partialFingerprints": {"archdrawFinding/v1": fingerprint(path, finding)},
        **_related(path, finding),
    }


def _related(path: str, finding: Finding) -> dict[str, Any]:
    """The other elements of a finding that reports one cause for several (SARIF 3.27.22)."""
    if not finding.related:
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
                "results": [
                    result_data(r.path, f, rule_index) for r in results for f in r.findings
                ],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(log, indent=2) + "\n"
