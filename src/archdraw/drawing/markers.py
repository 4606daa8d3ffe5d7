"""Lint findings as markers on the drawing: one dot per finding target, worst severity."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


def place_markers(
    findings: Sequence[FindingLike],
    boxes: Mapping[str, Rect],
    zones: Mapping[str, Rect],
    paths: Mapping[str, LinkPath],
) -> list[MarkerDrawing]:
    """A marker at each component's top-left corner, each link's middle, each zone's top right."""
    by_target: dict[tuple[str, str], list[FindingLike]] = {}
    for finding in findings:
        if finding.component is not None and finding.component in boxes:
            target = ("component", finding.component)
        elif finding.link is not None and finding.link in paths:
            target = ("link", finding.link)
        elif finding.zone is not None and finding.zone in zones:
            target = ("zone", finding.zone)
        else:
            continue
        by_target.setdefault(target, []).append(finding)
    markers = []
    for (kind, key), found in by_target.items():
        if kind == "component":
            centre = (boxes[key].x0 + 3, boxes[key].y0 + 3)
        elif kind == "link":
            x, y = paths[key].at(0.5)
            centre = (x, y - 14)
        else:
            centre = (zones[key].x1 - 16, zones[key].y0 + 14)
        tooltip = "\n".join(f"{f.code} {f.severity}: {f.message}" for f in found[:20])
        markers.append(MarkerDrawing(centre, worst(found), len(found), tooltip))
    return markers
