"""The pull-request comment: a summary line, a table of changes, the derived figures,
new blocking findings linked to their lines, fixed ones, unchanged ones collapsed,
and before/after pictures with the changes highlighted.

The first line is a hidden marker (`MARKER`) so a CI job can find and update
its own comment instead of adding one per push.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from archdraw.diff.images import highlighted_mermaid, marks
from archdraw.diff.report import FileDiff, Unreadable
from archdraw.diff.wording import delta_text, field_text, point_name, summary
from archdraw.library import Library
from archdraw.lint import Finding, Severity
from archdraw.source import markdown_text, printable
from archdraw.source.printable import plural

MARKER = "<!-- archdraw-diff -->"
# GitHub refuses comments over 65,536 characters; a flowchart of a few hundred
# components is also no longer readable. Larger designs get --images files instead.
MAX_DRAWN_COMPONENTS = 150
_STATUS = {"added": "🟢 added", "removed": "🔴 removed", "changed": "🟡 changed", "moved": "moved"}
_SEVERITY = {"error": "🔴", "warning": "🟠", "info": "🔵"}


@dataclass(frozen=True)
class MarkdownOptions:
    fail_on: Severity = Severity.WARNING
    link_base: str | None = None  # e.g. https://github.com/OWNER/REPO/blob/SHA
    # path -> (before image URL, after image URL); without, Mermaid pictures are drawn.
    images: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    pictures: bool = True
    unreadable: tuple[Unreadable, ...] = ()  # designs not compared: a version does not load


def _where(path: str, finding: Finding, link_base: str | None) -> str:
    shown = f"{path}:{finding.line}" if finding.line else path
    if link_base is None:
        return f"`{printable(shown)}`"
    anchor = f"#L{finding.line}" if finding.line else ""
    return f"[{markdown_text(shown)}]({link_base.rstrip('/')}/{path}{anchor})"


def _finding(path: str, finding: Finding, link_base: str | None) -> str:
    element = f" on `{finding.element}`" if finding.element else ""
    return (
        f"- {_SEVERITY[str(finding.severity)]} **{finding.code}** {finding.name}{element}: "
        f"{markdown_text(finding.message)} ({_where(path, finding, link_base)})"
    )


def _changes_table(diff: FileDiff) -> list[str]:
    if diff.changes.empty:
        return []
    rows = ["| | element | what changed |", "|---|---|---|"]
    for change in diff.changes.changes:
        name = "design" if change.kind == "design" else f"{change.kind} `{change.id}`"
        if change.kind == "component" and change.title != change.id:
            name += f" ({markdown_text(change.title)})"
        if change.fields:
            what = "<br>".join(markdown_text(field_text(f)) for f in change.fields)
        else:
            noun = "link" if change.kind == "link" else "type"
            what = (
                (
                    f"{markdown_text(change.type)} link"
                    if noun == "link"
                    else f"type {markdown_text(change.type)}"
                )
                if change.type
                else ""
            )
        rows.append(f"| {_STATUS[change.status]} | {name} | {what} |")
    return rows


def _derived(diff: FileDiff) -> list[str]:
    derived = diff.derived
    if derived is None:
        return []
    changed = derived.changed
    lines: list[str] = []
    if changed:
        lines += ["", "| figure | before | after |", "|---|---|---|"]
        for delta in changed:
            before, after = delta_text(delta)
            cells = (markdown_text(text) for text in (delta.label, before, after))
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        # Each distinct basis once (the analysis figures share one; the cost has its own).
        for number, basis in enumerate(dict.fromkeys(delta.basis for delta in changed)):
            lines += [""] * (number > 0) + [f"<sub>{markdown_text(basis)}</sub>"]
    for heading, points in (
        ("New single points of failure", derived.new_single_points),
        ("Single points of failure removed", derived.removed_single_points),
    ):
        if points:
            named = ", ".join(
                f"{markdown_text(point_name(key, '`'))} ({markdown_text(title)})"
                for key, title in points.items()
            )
            lines += ["", f"**{heading}:** {named}"]
    return lines


def _findings(diff: FileDiff, options: MarkdownOptions) -> list[str]:
    lines: list[str] = []
    blocking = diff.blocking(options.fail_on)
    blocking_ids = {id(f) for f in blocking}
    others = [f for f in diff.introduced if id(f) not in blocking_ids]
    link_base = options.link_base
    # Fixed findings are linked to no line: their lines are in the older version.
    for heading, findings, path, base in (
        (f"New blocking findings (at or above {options.fail_on})", blocking, diff.path, link_base),
        ("Other new findings", others, diff.path, link_base),
        ("Fixed findings", diff.fixed, diff.old.label, None),
    ):
        if findings:
            lines += ["", f"#### {heading}", ""]
            lines += [_finding(path, f, base) for f in findings]
    if diff.unchanged:
        lines += [
            "",
            f"<details><summary>{plural(len(diff.unchanged), 'unchanged finding')}</summary>",
            "",
        ]
        lines += [_finding(diff.path, f, link_base) for f in diff.unchanged]
        lines += ["", "</details>"]
    return lines


def _pictures(diff: FileDiff, library: Library, options: MarkdownOptions) -> list[str]:
    if not options.pictures or diff.changes.empty:
        return []
    lines = ["", "<details open><summary>Before and after</summary>"]
    legend = "🟢 added · 🔴 removed · 🟡 changed"
    if diff.path in options.images:
        before, after = options.images[diff.path]
        lines += ["", f"**Before** ({legend})", "", f"![before]({before})"]
        lines += ["", "**After**", "", f"![after]({after})"]
    elif max(len(diff.old.design.components), len(diff.new.design.components)) > (
        MAX_DRAWN_COMPONENTS
    ):
        lines += [""]
        lines.append(
            f"Too large to draw in a comment (over {MAX_DRAWN_COMPONENTS} components): "
            "`archdraw diff --images DIR` writes highlighted SVGs."
        )
    else:
        for title, side, name in (("Before", diff.old, "old"), ("After", diff.new, "new")):
            if side.loaded is None:
                continue
            drawing = highlighted_mermaid(side.design, library, marks(diff.changes, name))
            lines += ["", f"**{title}** ({legend})", "", "```mermaid", drawing.rstrip(), "```"]
    lines += ["", "</details>"]
    return lines


def _file(diff: FileDiff, library: Library, options: MarkdownOptions) -> list[str]:
    lines = [f"### `{printable(diff.path)}`", ""]
    before = _path_of(diff.old.label)
    moved = before is not None and before != diff.path
    if moved and diff.old.loaded is not None and diff.new.loaded is not None:
        # A design moved or renamed since the base: without this the comment reads as if
        # the file had always been here.
        lines += [f"compared with `{printable(diff.old.label)}` (moved or renamed)", ""]
    lines += [f"**{markdown_text(summary(diff, options.fail_on))}**", ""]
    lines += _changes_table(diff)
    if diff.changes.moved:
        lines += [
            "",
            f"<sub>{plural(len(diff.changes.moved), 'layout-only move')} not listed.</sub>",
        ]
    lines += _derived(diff)
    lines += _findings(diff, options)
    lines += _pictures(diff, library, options)
    return lines


def _path_of(label: str) -> str | None:
    """The path in a side's `REV:path` label (git refuses ':' in a revision's name); None
    for a file named on the command line, which is compared as given, not moved."""
    revision, colon, path = label.partition(":")
    return path if colon and revision and not Path(label).exists() else None


def render_markdown(
    diffs: list[FileDiff], library: Library, options: MarkdownOptions | None = None
) -> str:
    options = options or MarkdownOptions()
    blocking = sum(len(d.blocking(options.fail_on)) for d in diffs)
    verdict = (
        f"❌ {plural(blocking, 'new finding')} at or above {options.fail_on}"
        if blocking
        else f"✅ no new finding at or above {options.fail_on}"
    )
    if options.unreadable:
        failed = len(options.unreadable)
        do = "does" if failed == 1 else "do"
        verdict = f"❌ {plural(failed, 'design')} {do} not load; {verdict[2:]}"
    lines = [MARKER, f"## archdraw design review: {verdict}", ""]
    for unreadable in options.unreadable:
        lines += [
            f"### `{printable(unreadable.path)}`",
            "",
            "**Does not load, so it was not compared:**",
            "",
        ]
        lines += [f"- {markdown_text(problem)}" for problem in unreadable.problems]
        lines.append("")
    if not diffs and not options.unreadable:
        lines.append("No design changed.")
    for diff in diffs:
        lines += _file(diff, library, options)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
