"""Lint findings as markers on the drawing: one dot per finding target, worst severity."""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from archdraw.drawing.paths import LinkPath, Point
from archdraw.layout import Rect

SEVERITY_ORDER = ("error", "warning", "info")
MARKER_RADIUS = 9.0


class FindingLike(Protocol):
    """What a drawing reads from a lint Finding (archdraw.lint.Finding has all of these)."""

    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def component(self) -> str | None: ...
    @property
    def link(self) -> str | None: ...
    @property
    def zone(self) -> str | None: ...
    @property
    def message(self) -> str: ...


def worst(findings: Sequence[FindingLike]) -> str:
    severities = {f.severity for f in findings}
    return next((s for s in SEVERITY_ORDER if s in severities), "info")


@dataclass(frozen=True)
class MarkerDrawing:
    """A dot in the worst severity's colour showing the count ("!" for one)."""

    centre: Point
    severity: str
    count: int
    tooltip: str

    @property
    def text(self) -> str:
        return str(self.count) if self.count > 1 else "!"

    @property
    def rect(self) -> Rect:
        x, y = self.centre
        return Rect(x - MARKER_RADIUS, y - MARKER_RADIUS, x + MARKER_RADIUS, y + MARKER_RADIUS)


Target = tuple[str, str]  # ("component" | "link" | "zone", id or key)


Summary = tuple[tuple[str, str, str], ...]


def by_target(
    findings: Sequence[FindingLike],
    boxes: Container[str],
    zones: Container[str],
    paths: Container[str],
) -> tuple[dict[Target, list[FindingLike]], dict[Target, Summary]]:
    """Findings grouped by what they are drawn on (their component, else link, else zone),
    and what each marker shows of them: a new lint run with the same summary moves nothing."""
    grouped: dict[Target, list[FindingLike]] = {}
    shown: dict[Target, list[tuple[str, str, str]]] = {}
    for finding in findings:
        if finding.component is not None and finding.component in boxes:
            target = ("component", finding.component)
        elif finding.link is not None and finding.link in paths:
            target = ("link", finding.link)
        elif finding.zone is not None and finding.zone in zones:
            target = ("zone", finding.zone)
        else:
            continue
        found = grouped.get(target)
        if found is None:
            found = grouped[target] = []
            shown[target] = []
        found.append(finding)
        shown[target].append((finding.code, finding.severity, finding.message))
    return grouped, {target: tuple(rows) for target, rows in shown.items()}


def place_marker(
    target: Target,
    found: Sequence[FindingLike],
    boxes: Mapping[str, Rect],
    zones: Mapping[str, Rect],
    paths: Mapping[str, LinkPath],
) -> MarkerDrawing | None:
    """At a component's top-left corner, a link's middle, a zone's top right; None if gone."""
    kind, key = target
    if kind == "component" and key in boxes:
        centre = (boxes[key].x0 + 3, boxes[key].y0 + 3)
    elif kind == "link" and key in paths:
        x, y = paths[key].at(0.5)
        centre = (x, y - 14)
    elif kind == "zone" and key in zones:
        centre = (zones[key].x1 - 16, zones[key].y0 + 14)
    else:
        return None
    tooltip = "\n".join(f"{f.code} {f.severity}: {f.message}" for f in found[:20])
    return MarkerDrawing(centre, worst(found), len(found), tooltip)
