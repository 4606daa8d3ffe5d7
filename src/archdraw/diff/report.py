"""One design compared with an earlier version of itself: elements, derived figures, findings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from archdraw.analysis.instances import instances
from archdraw.analysis.kinds import provider_runs
from archdraw.diff.derived import NO_DESIGN, DerivedChanges, Figures, compare_figures, measure
from archdraw.diff.elements import DesignChanges, ElementChange, compare_designs
from archdraw.io import LoadedDesign
from archdraw.library import Library
from archdraw.lint import Finding, Rule, Severity, lint_design
from archdraw.lint.baseline import Matching, match_findings
from archdraw.lint.project import with_project_severity
from archdraw.model import Component, Design, Link, new_design


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
    changes.changes = [with_absent(c, old.design, new.design, library) for c in changes.changes]
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


def with_absent(change: ElementChange, old: Design, new: Design, library: Library) -> ElementChange:
    """A changed component's or link's properties set or removed, with what applies where
    each is absent: the library's default, or "not stated" where it has none."""
    if change.status != "changed" or change.kind not in ("component", "link"):
        return change
    fields = []
    for field in change.fields:
        name = field.field.removeprefix("props.")
        if name == field.field or (field.old is not None and field.new is not None):
            fields.append(field)
            continue
        side = new if field.new is None else old  # the version the property is absent from
        element = (
            side.component(change.id)
            if change.kind == "component"
            else next((k for k in side.links if k.key == change.id), None)
        )
        fields.append(replace(field, absent=_absent(element, name, library)))
    return replace(change, fields=tuple(fields))


def _absent(element: Component | Link | None, name: str, library: Library) -> str | None:
    if element is None:
        return None
    if isinstance(element, Link):
        value = library.link_prop(element.props, name)
    elif name == "replicas":
        # Not stated, a component runs its type's default or one per zone (the analysis).
        found = instances(
            library.prop(element, "replicas"),
            library.prop(element, "zones"),
            library.prop(element, "shards"),
            stated=False,
            sharded=False,
            managed=provider_runs(
                library.prop(element, "managed"), library.prop(element, "global")
            ),
        )
        return found.describe()
    else:
        value = library.prop(element, name)
    if value is None:
        return "not stated"
    shown = str(value).lower() if isinstance(value, bool) else value
    return f"the library default {shown}"
