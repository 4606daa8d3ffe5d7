"""Where a zone's heading and kind are written along its top, clear of the links crossing it.

Links are drawn over zones, so a link entering a zone through its title band struck
through its heading or its kind ("region" under a line read as nothing). The heading
keeps its place at the left unless a link crosses it, then moves right to the first
clear stretch (it stays put when there is none: the zone must be named); the kind keeps
its place at the right, else moves left to the nearest clear stretch after the
heading, else is not written (the zone's tooltip and title still say it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import replace
from itertools import pairwise

from archdraw.drawing.grid import GridIndex
from archdraw.drawing.parts import (
    ZONE_KIND_SIZE,
    ZONE_TEXT_BASELINE,
    ZONE_TEXT_INSET,
    ZONE_TITLE_SIZE,
    LinkDrawing,
    ZoneDrawing,
)
from archdraw.drawing.paths import LinkPath
from archdraw.drawing.text_metrics import text_width
from archdraw.layout import Rect

ROOM = 3.0  # kept clear either side of a written word (as `ZoneDrawing.titles` keeps)
GAP = 12.0  # at least this between the heading and the kind


def title_band(rect: Rect) -> Rect:
    """The strip along a zone's top where its heading and kind are written."""
    top = rect.y0 + ZONE_TEXT_BASELINE - ZONE_TITLE_SIZE - 2
    return Rect(rect.x0, top, rect.x1, rect.y0 + ZONE_TEXT_BASELINE + 5)


def crossings(band: Rect, paths: Iterable[LinkPath]) -> list[tuple[float, float]]:
    """The stretches of the band's width that links cross (each widened by ROOM)."""
    found = []
    for path in paths:
        for a, b in pairwise(path.points):
            if max(a[1], b[1]) < band.y0 or min(a[1], b[1]) > band.y1:
                continue
            if max(a[0], b[0]) < band.x0 or min(a[0], b[0]) > band.x1:
                continue
            found.append((min(a[0], b[0]) - ROOM, max(a[0], b[0]) + ROOM))
    return sorted(found)


def _clear(x0: float, x1: float, blocked: list[tuple[float, float]]) -> bool:
    return all(hi <= x0 or x1 <= lo for lo, hi in blocked)


def place(
    rect: Rect, heading: str, kind: str, blocked: list[tuple[float, float]]
) -> tuple[float, float | None]:
    """Where the heading starts and where the kind ends (None: nowhere clear for it)."""
    left, right = rect.x0 + ZONE_TEXT_INSET, rect.x1 - ZONE_TEXT_INSET
    heading_width = text_width(heading, ZONE_TITLE_SIZE, True)
    start = left
    if not _clear(left - ROOM, left + heading_width + ROOM, blocked):
        after = [hi + ROOM for _, hi in blocked if left < hi + ROOM]
        free = [x for x in after if _clear(x - ROOM, x + heading_width + ROOM, blocked)]
        fits = [x for x in free if x + heading_width <= right]
        start = min(fits, default=left)
    kind_width = text_width(kind, ZONE_KIND_SIZE)
    lowest = start + heading_width + GAP + kind_width
    ends = [right, *sorted((lo - ROOM for lo, _ in blocked), reverse=True)]
    for end in ends:
        if lowest <= end <= right and _clear(end - kind_width - ROOM, end + ROOM, blocked):
            return start, end
    return start, None


class ZoneTitles:
    """Where each zone's heading and kind are written, worked out again only for a zone
    whose top, heading or kind changed or that a link's course came to or left (asking
    every link near every zone's top after each edit was a pass over thousands of links)."""

    def __init__(self, reach: GridIndex, links: Mapping[str, LinkDrawing]) -> None:
        self._reach, self._links = reach, links  # the Drawing's, kept up to date by it
        self._bands = GridIndex()
        self._written: dict[str, tuple[tuple[Rect, str, str], tuple[float, float | None]]] = {}
        self._crossed: set[str] = set()

    def course(self, old: LinkPath | None, new: LinkPath | None) -> None:
        """A link's course changed from `old` to `new` (None: not drawn)."""
        for path in (old, new):
            if path is not None:
                self._crossed.update(self._bands.meeting(path.bounds().grown(1, 1, 1, 1)))

    def at(self, zone_id: str, rect: Rect, heading: str, kind: str) -> tuple[float, float | None]:
        """Where the heading starts and the kind ends (None: not written)."""
        asked = (rect, heading, kind)
        known = self._written.get(zone_id)
        if known is not None and known[0] == asked and zone_id not in self._crossed:
            return known[1]
        self._crossed.discard(zone_id)
        band = title_band(rect)
        self._bands.put(zone_id, (band,))
        paths = (p for key in self._reach.meeting(band) if (p := self._links[key].path))
        spots = place(rect, heading, kind, crossings(band, paths))
        self._written[zone_id] = (asked, spots)
        return spots

    def respot(self, zones: MutableMapping[str, ZoneDrawing]) -> bool:
        """Write again the titles of the zones links came to or left; whether any moved."""
        moved = False
        for zone_id in self._crossed & zones.keys():
            zone = zones[zone_id]
            at = self.at(zone_id, zone.rect, zone.heading, zone.kind)
            if at != (zone.heading_x, zone.kind_end):
                zones[zone_id] = replace(zone, heading_x=at[0], kind_end=at[1])
                moved = True
        return moved
