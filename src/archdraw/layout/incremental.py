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
    RectIndex,
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
MAX_CANDIDATES = 3_000

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
    occupied = {z for c in existing for z in tree.chain(tree.zone_of.get(c))}
    groups: dict[str | None, list[str]] = {}
    for component_id in new_ids:
        anchor = next(
            (z for z in tree.chain(tree.zone_of.get(component_id)) if z in occupied), None
        )
        groups.setdefault(anchor, []).append(component_id)
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
    obstacles = RectIndex([*boxes.values(), *(r for z, r in zones.items() if z not in chain)])
    # What each zone around the block must not grow over: outsiders and unrelated zones.
    related = {z: set(tree.chain(z)) for z in tree.order}
    keep_clear: list[tuple[Rect, RectIndex]] = []
    for zone_id in chain:
        inside = set(tree.subtree_components(zone_id))
        others = [box for c, box in boxes.items() if c not in inside]
        others.extend(
            rect
            for other, rect in zones.items()
            if zone_id not in related[other] and other not in related[zone_id]
        )
        keep_clear.append((zones[zone_id], RectIndex(others)))
    title = ZONE_PADDING + ZONE_TITLE_HEIGHT
    content = zones[anchor].grown(-ZONE_PADDING, -title, -ZONE_PADDING, -ZONE_PADDING)
    free: Point | None = None
    for dx, dy in _candidates(content, block, direction, RELAXED_RINGS):
        moved = block.moved(dx, dy)
        if obstacles.hits(moved.grown(GAP / 2, GAP / 2, GAP / 2, GAP / 2)):
            continue
        if _zones_stay_clear(keep_clear, moved):
            return (dx, dy), True
        # Nearest spot that overlaps nothing, should the zone have to grow over a neighbour.
        free = free or (dx, dy)
    return free, False


def _zones_stay_clear(keep_clear: list[tuple[Rect, RectIndex]], block: Rect) -> bool:
    """Whether each zone around the block, grown to hold it, still covers only its own."""
    grown = block
    for rect, others in keep_clear:
        before, grown = rect, rect.union(pad_zone(grown))
        # Only the newly covered strips matter: what the zone covered already stays as it was.
        if any(others.hits(strip) for strip in _new_area(before, grown)):
            return False
    return True


def _new_area(before: Rect, after: Rect) -> list[Rect]:
    """`after` minus `before` (which it contains), as up to four strips."""
    strips = [
        Rect(after.x0, after.y0, before.x0, after.y1),
        Rect(before.x1, after.y0, after.x1, after.y1),
        Rect(before.x0, after.y0, before.x1, before.y0),
        Rect(before.x0, before.y1, before.x1, after.y1),
    ]
    return [s for s in strips if s.width > 0 and s.height > 0]


def _candidates(content: Rect, block: Rect, direction: str, rings: int) -> Iterator[Point]:
    """Offsets that put the block beside the content, nearest first, preferring the flow side."""
    sides = (
        ("below", "right", "above", "left")
        if direction == "TB"
        else ("right", "below", "left", "above")
    )
    budget = MAX_CANDIDATES
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
                for k in _alternating(min(steps, budget)):
                    yield (x - block.x0, content.y0 + k * STEP - block.y0)
                budget -= steps
            else:
                y = (
                    content.y1 + distance
                    if side == "below"
                    else content.y0 - distance - block.height
                )
                steps = int((content.width + block.width) // STEP) + 1
                for k in _alternating(min(steps, budget)):
                    yield (content.x0 + k * STEP - block.x0, y - block.y0)
                budget -= steps
            if budget <= 0:
                return


def _alternating(steps: int) -> Iterator[int]:
    yield 0
    for k in range(1, steps):
        yield k
        yield -k
