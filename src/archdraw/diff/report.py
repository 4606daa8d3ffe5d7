"""One design compared with an earlier version of itself: elements, derived figures, findings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from archdraw.diff.derived import NO_DESIGN, DerivedChanges, Figures, compare_figures, measure
from archdraw.diff.elements import DesignChanges, compare_designs
from archdraw.io import LoadedDesign
from archdraw.library import Library
from archdraw.lint import Finding, Rule, Severity, lint_design
from archdraw.lint.baseline import Matching, match_findings
from archdraw.lint.project import with_project_severity
from archdraw.model import Design, new_design


@dataclass(frozen=True)
class Side:
    """One version: where it was read from (a path, or REV:path) and the design, if any."""

    label: str
    loaded: LoadedDesign | None  # None: the file does not exist on this side

    @property
    def design(self) -> Design:
        if self.loaded is not None:
            return self.loaded.design
        return new_design("(no design)")


@dataclass(frozen=True)
class Unreadable:
    """A design that could not be compared: one of its versions does not load."""

    path: str
    problems: tuple[str, ...]  # `file:line:col: message`, as the loader gives them


@dataclass
class FileDiff:
    path: str  # the design's path, as shown and linked (the newer side's)
    old: Side
    new: Side
    changes: DesignChanges
    findings: Matching[Finding, Finding]
    derived: DerivedChanges | None  # None when not asked for

    @property
    def introduced(self) -> list[Finding]:
        return self.findings.new

    @property
    def fixed(self) -> list[Finding]:
        return self.findings.absent

    @property
    def unchanged(self) -> list[Finding]:
        """Still there; includes those whose message changed (same rule, same element)."""
        return [new for _, new in (*self.findings.unchanged, *self.findings.updated)]

    def blocking(self, fail_on: Severity) -> list[Finding]:
        return [f for f in self.introduced if f.severity.rank >= fail_on.rank]


def compare(
    path: str,
    old: Side,
    new: Side,
    library: Library,
    *,
    layout: bool = False,
    derived: bool = True,
    rules: Sequence[Rule] | None = None,
    severity: Mapping[str, Severity] | None = None,
) -> FileDiff:
    """`rules` and `severity` as the project configures them (`lint` does the same)."""

    def findings(side: Side) -> list[Finding]:
        if side.loaded is None:
            return []
        found = lint_design(side.loaded.design, library, side.loaded.locations, rules)
        return with_project_severity(found, dict(severity or {}), side.loaded.design)

    def figures(side: Side) -> Figures:
        return NO_DESIGN if side.loaded is None else measure(side.loaded.design, library)

    derived_changes = compare_figures(figures(old), figures(new)) if derived else None
    changes = compare_designs(old.design, new.design, layout=layout)
    if old.loaded is None or new.loaded is None:
        # A whole file added or deleted: its elements are the change, not its name.
        changes.changes = [c for c in changes.changes if c.kind != "design"]
    return FileDiff(
        path=path,
        old=old,
        new=new,
        changes=changes,
        findings=match_findings(findings(old), findings(new)),
        derived=derived_changes,
    )
