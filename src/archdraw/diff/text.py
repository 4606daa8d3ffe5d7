"""The terminal form: one line per change (+ added, - removed, ~ changed), coloured on a tty."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from archdraw.diff.report import FileDiff
from archdraw.diff.wording import delta_text, element_name, field_text, point_name, summary
from archdraw.lint import Finding, Severity
from archdraw.source import printable
from archdraw.source.printable import plural

_GREEN, _RED, _YELLOW, _BOLD, _DIM, _RESET = (
    "\033[32m",
    "\033[31m",
    "\033[33m",
    "\033[1m",
    "\033[2m",
    "\033[0m",
)
_MARKS = {"added": ("+", _GREEN), "removed": ("-", _RED), "changed": ("~", _YELLOW)}


def _finding_line(path: str, finding: Finding) -> str:
    where = f"{path}:{finding.line}" if finding.line else path
    return f"{where}: {finding.code} [{finding.severity}] {finding.message}"


def _file(
    diff: FileDiff, fail_on: Severity, colour: bool, images: tuple[Path, Path] | None
) -> list[str]:
    def paint(text: str, tint: str | None = None) -> str:
        # Labels are file text: escaped before our own colour codes go around them.
        return f"{tint}{printable(text)}{_RESET}" if colour and tint else printable(text)

    lines = [paint(f"{diff.old.label} → {diff.new.label}", _BOLD)]
    for change in diff.changes.changes:
        mark, tint = _MARKS.get(change.status, ("»", _DIM))
        extra = f" [{change.type}]" if change.type and change.status != "changed" else ""
        lines.append(paint(f"{mark} {element_name(change)}{extra}", tint))
        lines.extend(paint(f"    {field_text(f)}") for f in change.fields)
    if diff.changes.moved:
        lines.append(
            paint(
                f"  ({plural(len(diff.changes.moved), 'layout-only move')}; --layout lists them)",
                _DIM,
            )
        )
    if diff.derived is not None:
        changed = diff.derived.changed
        if changed or diff.derived.new_single_points or diff.derived.removed_single_points:
            lines.append(paint("derived (from the analysis):", _BOLD))
        for delta in changed:
            before, after = delta_text(delta)
            lines.append(paint(f"  {delta.label}: {before} → {after}"))
        for key, title in diff.derived.new_single_points.items():
            lines.append(paint(f"+ single point of failure: {point_name(key)} ({title})", _RED))
        for key, title in diff.derived.removed_single_points.items():
            lines.append(paint(f"- single point of failure: {point_name(key)} ({title})", _GREEN))
    for heading, findings, path, tint in (
        ("new findings:", diff.introduced, diff.path, _RED),
        ("fixed findings:", diff.fixed, diff.old.label, _GREEN),
    ):
        if findings:
            lines.append(paint(heading, _BOLD))
            lines.extend(paint(f"  {_finding_line(path, f)}", tint) for f in findings)
    if images is not None:
        before, after = (path.as_posix() for path in images)
        lines.append(paint(f"pictures (changes highlighted): {before}, {after}"))
    lines.append(paint(summary(diff, fail_on), _BOLD))
    return lines


def render_text(
    diffs: list[FileDiff],
    fail_on: Severity,
    colour: bool = False,
    images: Mapping[str, tuple[Path, Path]] | None = None,
) -> str:
    """`images`: each design's before and after pictures (`--images`), named where written."""
    if not diffs:
        return "no design changed\n"
    pictures = images or {}
    return (
        "\n\n".join("\n".join(_file(d, fail_on, colour, pictures.get(d.path))) for d in diffs)
        + "\n"
    )
