"""Lint findings as markers on the drawing: one dot per finding target, worst severity."""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from archdraw.drawing.parts import LinkDrawing
from archdraw.drawing.paths import LinkPath, Point
from archdraw.layout import Rect

SEVERITY_ORDER = ("error", "warning", "info")
MARKER_RADIUS = 9.0
SHOWN_FINDINGS = 5  # a marker's tooltip lists the worst few, then says how many more


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


# What a marker shows of a finding, and where: code, severity, message, component, link, zone.
FindingKey = tuple[str, str, str, str | None, str | None, str | None]


# The findings gone and come between two lint results, by `key_of` and how many times.
FindingChanges = tuple[Counter[FindingKey], Counter[FindingKey]]


def key_of(finding: FindingLike) -> FindingKey:
    return (
        finding.code,
        finding.severity,
        finding.message,
        finding.component,
        finding.link,
        finding.zone,
    )


def marked_on(key: FindingKey, found: Mapping[Target, Sequence[FindingKey]]) -> Target | None:
    """Where a finding is marked (`found`: the findings noted on each target): not always
    where `target_of` would put it now, when what it sat on has been deleted since."""
    for kind, element in (("component", key[3]), ("link", key[4]), ("zone", key[5])):
        if element is not None and key in found.get((kind, element), ()):
            return (kind, element)
    return None


def unmark(found: dict[Target, list[FindingKey]], gone: Counter[FindingKey]) -> set[Target]:
    """Take the findings `gone` off the targets they are marked on in `found`; the targets
    whose findings changed."""
    touched: set[Target] = set()
    for key, times in gone.items():
        target = marked_on(key, found)
        if target is not None:
            keys = found[target]
            for _ in range(min(times, keys.count(key))):
                keys.remove(key)
            touched.add(target)
    return touched


def target_of(
    key: FindingKey, boxes: Container[str], zones: Container[str], paths: Container[str]
) -> Target | None:
    """What a finding is drawn on: its component, else its link, else its zone."""
    component, link, zone = key[3], key[4], key[5]
    if component is not None and component in boxes:
        return ("component", component)
    if link is not None and link in paths:
        return ("link", link)
    if zone is not None and zone in zones:
        return ("zone", zone)
    return None


def place_marker(
    target: Target,
    found: Sequence[FindingKey],
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
    severities = {severity for _, severity, *_ in found}
    severity = next((s for s in SEVERITY_ORDER if s in severities), "info")
    return MarkerDrawing(centre, severity, len(found), finding_lines(found))


def finding_lines(found: Sequence[FindingKey]) -> str:
    """The worst findings first, one a line ("AD101 error: message"), then "and N more".

    In a fixed order, so a marker kept up to date finding by finding reads as a fresh one."""

    def rank(key: FindingKey) -> tuple[int, str, str]:
        code, severity, message = key[0], key[1], key[2]
        worst = (
            SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)
        )
        return (worst, code, message)

    lines = [
        f"{code} {severity}: {message}" for code, severity, message, *_ in sorted(found, key=rank)
    ]
    more = len(lines) - SHOWN_FINDINGS
    return "\n".join(lines[:SHOWN_FINDINGS] + ([f"and {more} more"] if more > 0 else []))


class Routed(Container[str]):
    """The keys of the links drawn with a path, looked up as a marker asks (a lint run
    after an edit places a few markers of thousands: no set of every key)."""

    def __init__(self, links: Mapping[str, LinkDrawing]) -> None:
        self.links = links

    def __contains__(self, key: object) -> bool:
        drawn = self.links.get(key) if isinstance(key, str) else None
        return drawn is not None and drawn.path is not None
