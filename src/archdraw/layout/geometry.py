"""Where things are drawn: component boxes, zone rectangles, and checks that nothing collides.

A zone has no stored geometry: it is drawn as the bounding box of its member
components and child zones, padded by ZONE_PADDING on every side plus a
ZONE_TITLE_HEIGHT title bar on top. The canvas, the image exports and the
layout engines all use these functions so they agree on every rectangle.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from archdraw.model import Design
from archdraw.style import NODE_HEIGHT, NODE_WIDTH, ZONE_PADDING, ZONE_TITLE_HEIGHT

Point = tuple[float, float]


@dataclass(frozen=True)
class Rect:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def centre(self) -> Point:
        return ((self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2)

    def intersects(self, other: Rect) -> bool:
        """True when the interiors overlap (touching edges do not count)."""
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def contains(self, other: Rect) -> bool:
        eps = 1e-6
        return (
            self.x0 <= other.x0 + eps
            and self.y0 <= other.y0 + eps
            and other.x1 <= self.x1 + eps
            and other.y1 <= self.y1 + eps
        )

    def union(self, other: Rect) -> Rect:
        return Rect(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )

    def grown(self, left: float, top: float, right: float, bottom: float) -> Rect:
        return Rect(self.x0 - left, self.y0 - top, self.x1 + right, self.y1 + bottom)

    def moved(self, dx: float, dy: float) -> Rect:
        return Rect(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)


def node_rect(centre: Point) -> Rect:
    x, y = centre
    return Rect(x - NODE_WIDTH / 2, y - NODE_HEIGHT / 2, x + NODE_WIDTH / 2, y + NODE_HEIGHT / 2)


def bounding(rects: Iterable[Rect]) -> Rect | None:
    items = list(rects)
    if not items:
        return None
    return Rect(
        min(r.x0 for r in items),
        min(r.y0 for r in items),
        max(r.x1 for r in items),
        max(r.y1 for r in items),
    )


def pad_zone(content: Rect) -> Rect:
    return content.grown(ZONE_PADDING, ZONE_PADDING + ZONE_TITLE_HEIGHT, ZONE_PADDING, ZONE_PADDING)


class ZoneTree:
    """The zone hierarchy with dangling parents and parent cycles cut, so walks always end."""

    def __init__(self, design: Design) -> None:
        known = {zone.id for zone in design.zones}
        self.order: list[str] = [zone.id for zone in design.zones]
        self.parent: dict[str, str | None] = {}
        for zone in design.zones:
            self.parent[zone.id] = zone.parent if zone.parent in known else None
        for zone_id in self.order:
            seen = {zone_id}
            current = self.parent[zone_id]
            while current is not None:
                if current in seen:
                    self.parent[zone_id] = None
                    break
                seen.add(current)
                current = self.parent[current]
        self.children: dict[str | None, list[str]] = {None: []}
        for zone_id in self.order:
            self.children.setdefault(zone_id, [])
        for zone_id in self.order:
            self.children[self.parent[zone_id]].append(zone_id)
        self.zone_of: dict[str, str | None] = {
            c.id: (c.zone if c.zone in known else None) for c in design.components
        }
        self.members: dict[str | None, list[str]] = {None: []}
        for zone_id in self.order:
            self.members[zone_id] = []
        for component in design.components:
            self.members[self.zone_of[component.id]].append(component.id)

    def chain(self, zone_id: str | None) -> list[str]:
        """The zone and its ancestors, innermost first."""
        result: list[str] = []
        while zone_id is not None:
            result.append(zone_id)
            zone_id = self.parent[zone_id]
        return result

    def path(self, component_id: str) -> list[str]:
        """The zones around a component, outermost first."""
        return list(reversed(self.chain(self.zone_of.get(component_id))))

    def bottom_up(self) -> list[str]:
        """Zones ordered so that every child comes before its parent."""
        depth = {zone_id: len(self.chain(zone_id)) for zone_id in self.order}
        return sorted(self.order, key=lambda zone_id: -depth[zone_id])

    def subtree_components(self, zone_id: str) -> list[str]:
        found: list[str] = []
        stack = [zone_id]
        while stack:
            current = stack.pop()
            found.extend(self.members[current])
            stack.extend(self.children[current])
        return found


def zone_rectangles(
    design: Design, positions: Mapping[str, Point], tree: ZoneTree | None = None
) -> dict[str, Rect]:
    """Each non-empty zone's drawn rectangle, from the given component centres."""
    tree = tree or ZoneTree(design)
    rects: dict[str, Rect] = {}
    for zone_id in tree.bottom_up():
        parts = [node_rect(positions[c]) for c in tree.members[zone_id] if c in positions]
        parts.extend(rects[child] for child in tree.children[zone_id] if child in rects)
        content = bounding(parts)
        if content is not None:
            rects[zone_id] = pad_zone(content)
    return rects


class RectIndex:
    """Rectangles bucketed on a coarse grid, to ask "does this hit anything?" without a scan."""

    # Not drawing.grid.GridIndex: that one keeps keyed, movable rectangles and answers which
    # keys; this one answers only yes or no, which the placement loop asks most (keys and
    # sets make GridIndex about 1.2x slower to ask and 2x slower to build here).

    def __init__(self, rects: Iterable[Rect], cell: float = 256.0) -> None:
        self.cell = cell
        self.buckets: dict[tuple[int, int], list[Rect]] = {}
        for rect in rects:
            for key in self._keys(rect):
                self.buckets.setdefault(key, []).append(rect)

    def _keys(self, rect: Rect) -> Iterable[tuple[int, int]]:
        c = self.cell
        for i in range(int(rect.x0 // c), int(rect.x1 // c) + 1):
            for j in range(int(rect.y0 // c), int(rect.y1 // c) + 1):
                yield (i, j)

    def hits(self, rect: Rect) -> bool:
        return any(
            rect.intersects(other)
            for key in self._keys(rect)
            for other in self.buckets.get(key, ())
        )


def layout_problems(design: Design, positions: Mapping[str, Point]) -> list[str]:
    """What is wrong with a layout: boxes overlapping, zones colliding or swallowing outsiders."""
    tree = ZoneTree(design)
    zones = zone_rectangles(design, positions, tree)
    problems: list[str] = []
    boxes = {c.id: node_rect(positions[c.id]) for c in design.components if c.id in positions}
    problems.extend(
        f"components {a} and {b} overlap" for a, b in _overlapping_pairs(boxes) if a != b
    )
    ancestors = {zone_id: set(tree.chain(zone_id)) for zone_id in tree.order}
    for component_id, box in boxes.items():
        own = ancestors.get(tree.zone_of.get(component_id) or "", set())
        for zone_id, rect in zones.items():
            if zone_id in own:
                if not rect.contains(box):
                    problems.append(f"component {component_id} lies outside its zone {zone_id}")
            elif rect.intersects(box):
                problems.append(f"component {component_id} lies inside zone {zone_id}")
    for a, b in _overlapping_pairs(zones):
        if a < b and a not in ancestors[b] and b not in ancestors[a]:
            problems.append(f"zones {a} and {b} overlap")
    return problems


def _overlapping_pairs(rects: Mapping[str, Rect]) -> list[tuple[str, str]]:
    """Pairs whose rectangles intersect, found with a sweep along x (each pair once)."""
    items = sorted(rects.items(), key=lambda item: item[1].x0)
    active: list[tuple[str, Rect]] = []
    pairs: list[tuple[str, str]] = []
    for key, rect in items:
        active = [(k, r) for k, r in active if r.x1 > rect.x0]
        pairs.extend((k, key) for k, r in active if r.intersects(rect))
        active.append((key, rect))
    return pairs
