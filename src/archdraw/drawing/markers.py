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


def target_of(
    finding: FindingLike, boxes: Container[str], zones: Container[str], paths: Container[str]
) -> Target | None:
    """What a finding is drawn on: its component, else its link, else its zone."""
    if finding.component is not None and finding.component in boxes:
        return ("component", finding.component)
    if finding.link is not None and finding.link in paths:
        return ("link", finding.link)
    if finding.zone is not None and finding.zone in zones:
        return ("zone", finding.zone)
    return None


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
    # In a fixed order, so a marker kept up to date finding by finding reads as a fresh one.
    lines = sorted(f"{f.code} {f.severity}: {f.message}" for f in found)
    tooltip = "\n".join(lines[:20])
    return MarkerDrawing(centre, worst(found), len(found), tooltip)
