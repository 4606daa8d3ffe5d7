"""The json form of a diff: a contract (README, "Reviewing design changes"). Version 1."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from archdraw.diff.report import FileDiff, Unreadable
from archdraw.diff.wording import summary
from archdraw.lint import Finding, Severity
from archdraw.lint.output.json_format import finding_data

JSON_VERSION = 1


def _number(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else value


def _findings(findings: list[Finding]) -> list[dict[str, Any]]:
    return [finding_data(f) for f in findings]


def file_data(
    diff: FileDiff, fail_on: Severity, images: tuple[Path, Path] | None = None
) -> dict[str, Any]:
    derived = None
    if diff.derived is not None:
        derived = {
            "figures": [
                {
                    "key": d.key,
                    "label": d.label,
                    "old": _number(d.old),
                    "new": _number(d.new),
                    "unit": d.unit,
                    "basis": d.basis,
                    "detail_old": d.detail_old,
                    "detail_new": d.detail_new,
                    "changed": d.changed,
                }
                for d in diff.derived.deltas
            ],
            "single_points_of_failure": {
                "new": [{"id": k, "title": v} for k, v in diff.derived.new_single_points.items()],
                "removed": [
                    {"id": k, "title": v} for k, v in diff.derived.removed_single_points.items()
                ],
            },
        }
    return {
        "path": diff.path,
        "old": diff.old.label,
        "new": diff.new.label,
        "file": "added"
        if diff.old.loaded is None
        else "removed"
        if diff.new.loaded is None
        else "changed",
        "summary": summary(diff, fail_on),
        "counts": {
            "added": len(diff.changes.of_status("added")),
            "removed": len(diff.changes.of_status("removed")),
            "changed": len(diff.changes.of_status("changed")),
            "moved": len(diff.changes.moved),
            "introduced": len(diff.introduced),
            "blocking": len(diff.blocking(fail_on)),
            "fixed": len(diff.fixed),
            "unchanged": len(diff.unchanged),
        },
        "changes": [
            {
                "kind": c.kind,
                "id": c.id,
                "status": c.status,
                "title": c.title,
                "type": c.type,
                # `absent` (added in version 1): what applies where a property is absent.
                "fields": [
                    {"field": f.field, "old": f.old, "new": f.new, "absent": f.absent}
                    for f in c.fields
                ],
            }
            for c in diff.changes.changes
        ],
        "moved": [c.id for c in diff.changes.moved],
        "derived": derived,
        "findings": {
            "introduced": _findings(diff.introduced),
            "fixed": _findings(diff.fixed),
            "unchanged": _findings(diff.unchanged),
        },
        # Where --images wrote the pictures (added in version 1; null without --images).
        "images": None
        if images is None
        else {"before": images[0].as_posix(), "after": images[1].as_posix()},
    }


def render_json(
    diffs: list[FileDiff],
    fail_on: Severity,
    unreadable: Sequence[Unreadable] = (),
    images: Mapping[str, tuple[Path, Path]] | None = None,
) -> str:
    pictures = images or {}
    data = {
        "version": JSON_VERSION,
        "fail_on": str(fail_on),
        "files": [file_data(d, fail_on, pictures.get(d.path)) for d in diffs],
        # Designs not compared because a version does not load (added in version 1).
        "invalid": [{"path": u.path, "errors": list(u.problems)} for u in unreadable],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
