"""Placing new components among ones the user already arranged, without moving those.

New components are grouped by their anchor: the innermost zone around them
that already has positioned members (or the whole drawing). Each group is laid
out as a block by the engine, then slid next to its anchor's content to the
first spot where it overlaps nothing and where the grown zone rectangles do
not swallow outsiders or collide with other zones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from archdraw.layout.geometry import (
    Point,
    Rect,
    ZoneTree,
    bounding,
    node_rect,
    pad_zone,
    zone_rectangles,
)
from archdraw.model import Design
from archdraw.style import ZONE_PADDING, ZONE_TITLE_HEIGHT

GAP = 40.0
STEP = 40.0
RELAXED_RINGS = 12

BlockLayout = Callable[[Sequence[str]], dict[str, Point]]


def place_new(
    design: Design,
    tree: ZoneTree,
    existing: dict[str, Point],
    new_ids: Sequence[str],
    layout_block: BlockLayout,
    direction: str,
) -> tuple[dict[str, Point], list[str]]:
    """Positions for `new_ids`, and the ids that could not be placed beside their zone cleanly."""
    positions = dict(existing)
    groups: dict[str | None, list[str]] = {}
    for component_id in new_ids:
        groups.setdefault(_anchor(tree, component_id, existing), []).append(component_id)
    placed: dict[str, Point] = {}
    cramped: list[str] = []
    for anchor, ids in groups.items():
        block = layout_block(ids)
        inner_zones = set(tree.chain(anchor))
        rects = [node_rect(p) for p in block.values()]
        rects.extend(
            r for z, r in zone_rectangles(design, block, tree).items() if z not in inner_zones
        )
        block_rect = bounding(rects)
        if block_rect is None:
            continue
        offset, clean = _find_spot(design, tree, positions, anchor, block_rect, direction)
        if not clean:
            cramped.extend(ids)
        if offset is None:
            offset = _beyond_everything(design, tree, positions, block_rect, direction)
        dx, dy = offset
        for component_id, (x, y) in block.items():
            placed[component_id] = positions[component_id] = (x + dx, y + dy)
    return placed, cramped


def _anchor(tree: ZoneTree, component_id: str, existing: dict[str, Point]) -> str | None:
    for zone_id in tree.chain(tree.zone_of.get(component_id)):
        if any(c in existing for c in tree.subtree_components(zone_id)):
            return zone_id
    return None


def _drawing(design: Design, tree: ZoneTree, positions: dict[str, Point]) -> Rect | None:
    rects = [node_rect(p) for p in positions.values()]
    rects.extend(zone_rectangles(design, positions, tree).values())
    return bounding(rects)


def _beyond_everything(
    design: Design, tree: ZoneTree, positions: dict[str, Point], block: Rect, direction: str
) -> Point:
    drawing = _drawing(design, tree, positions)
    if drawing is None:
        return (-block.x0, -block.y0)
    if direction == "TB":
        return (drawing.x0 - block.x0, drawing.y1 + 2 * GAP - block.y0)
    return (drawing.x1 + 2 * GAP - block.x0, drawing.y0 - block.y0)


def _find_spot(
    design: Design,
    tree: ZoneTree,
    positions: dict[str, Point],
    anchor: str | None,
    block: Rect,
    direction: str,
) -> tuple[Point | None, bool]:
    """An offset for the block, and whether the zones around it stay clear of their neighbours."""
    if anchor is None:
        return _beyond_everything(design, tree, positions, block, direction), True
    zones = zone_rectangles(design, positions, tree)
    chain = tree.chain(anchor)
    boxes = {c: node_rect(p) for c, p in positions.items()}
    related = {z: set(tree.chain(z)) for z in tree.order}
    obstacles = list(boxes.values()) + [r for z, r in zones.items() if z not in chain]
    title = ZONE_PADDING + ZONE_TITLE_HEIGHT
    content = zones[anchor].grown(-ZONE_PADDING, -title, -ZONE_PADDING, -ZONE_PADDING)
    free: Point | None = None
    for dx, dy in _candidates(content, block, direction, RELAXED_RINGS):
        moved = block.moved(dx, dy)
        breathing = moved.grown(GAP / 2, GAP / 2, GAP / 2, GAP / 2)
        if any(breathing.intersects(o) for o in obstacles):
            continue
        if _zones_stay_clear(tree, zones, boxes, related, chain, moved):
            return (dx, dy), True
        # Nearest spot that overlaps nothing, should the zone have to grow over a neighbour.
        free = free or (dx, dy)
    return free, False


def _zones_stay_clear(
    tree: ZoneTree,
    zones: dict[str, Rect],
    boxes: dict[str, Rect],
    related: dict[str, set[str]],
    chain: list[str],
    block: Rect,
) -> bool:
    grown = block
    for zone_id in chain:
        grown = zones[zone_id].union(pad_zone(grown))
        inside = set(tree.subtree_components(zone_id))
        if any(grown.intersects(box) for c, box in boxes.items() if c not in inside):
            return False
        for other, rect in zones.items():
            unrelated = zone_id not in related[other] and other not in related[zone_id]
            if unrelated and grown.intersects(rect):
                return False
    return True


def _candidates(content: Rect, block: Rect, direction: str, rings: int) -> Iterator[Point]:
    """Offsets that put the block beside the content, nearest first, preferring the flow side."""
    sides = (
        ("below", "right", "above", "left")
        if direction == "TB"
        else ("right", "below", "left", "above")
    )
    for ring in range(rings):
        distance = GAP + ring * STEP
        for side in sides:
            if side in ("right", "left"):
                x = (
                    content.x1 + distance
                    if side == "right"
                    else content.x0 - distance - block.width
                )
                steps = int((content.height + block.height) // STEP) + 1
                for k in _alternating(steps):
                    yield (x - block.x0, content.y0 + k * STEP - block.y0)
            else:
                y = (
                    content.y1 + distance
                    if side == "below"
                    else content.y0 - distance - block.height
                )
                steps = int((content.width + block.width) // STEP) + 1
                for k in _alternating(steps):
                    yield (content.x0 + k * STEP - block.x0, y - block.y0)


def _alternating(steps: int) -> Iterator[int]:
    yield 0
    for k in range(1, steps):
        yield k
        yield -k
