"""Placing new components among ones the user already arranged, without moving those.

New components are grouped by their anchor: the innermost zone around them
that already has positioned members (or the whole drawing). Each group is laid
out as a block by the engine, then slid next to its anchor's content to the
first spot where it overlaps nothing and where the grown zone rectangles do
not swallow outsiders or collide with other zones.

Each group is split by the flow: new components that lead into the placed
ones and are not fed by them (clients, producers) go before them, on the side
the automatic layout draws sources (left, or above with "TB"); the rest go
after them. A group with no zone to sit in goes beyond the whole drawing on
that side, level with the placed components it links to.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

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
from archdraw.style import NODE_HEIGHT, NODE_WIDTH, ZONE_PADDING, ZONE_TITLE_HEIGHT

GAP = 40.0
STEP = 40.0
RELAXED_RINGS = 12
MAX_CANDIDATES = 3_000

BlockLayout = Callable[[Sequence[str]], dict[str, Point]]
# A link label is drawn at most this wide (the drawing's limit plus its pill's padding); a
# character of it takes about LABEL_CHAR_WIDTH at the link label size.
LABEL_MAX_WIDTH = 170.0
LABEL_CHAR_WIDTH = 7.0
# A component linked to the drawing keeps its box this far from any zone edge across the
# flow (more than a label's half height), moved in steps of BORDER_STEP at most BORDER_TRIES
# times either way.
BORDER_CLEARANCE = 16.0
BORDER_STEP = 8.0
BORDER_TRIES = 20
PORT_INSET = 8.0  # links meet a box's side at least this far from its corners


class Flow(NamedTuple):
    """Where a group goes relative to the content it joins."""

    direction: str  # "LR" or "TB"
    before: bool  # the group leads into the content, so it is drawn before it
    level: float | None = None  # across the flow, where its linked neighbours sit (mean)
    room: float = 0.0  # extra distance for the labels of its links to the content


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
    upstream = _upstream(design, existing, new_ids)
    groups: dict[tuple[str | None, bool], list[str]] = {}
    for component_id in new_ids:
        anchor = next(
            (z for z in tree.chain(tree.zone_of.get(component_id)) if z in occupied), None
        )
        groups.setdefault((anchor, component_id in upstream), []).append(component_id)
    neighbours = _neighbours(design)
    placed: dict[str, Point] = {}
    cramped: list[str] = []
    # Groups inside zones first: they need room beside their zone's members, while a group
    # without a zone goes beyond whatever is drawn by then.
    for (anchor, before), ids in sorted(groups.items(), key=lambda item: item[0][0] is None):
        block = layout_block(ids)
        inner_zones = set(tree.chain(anchor))
        rects = [node_rect(p) for p in block.values()]
        rects.extend(
            r for z, r in zone_rectangles(design, block, tree).items() if z not in inner_zones
        )
        block_rect = bounding(rects)
        if block_rect is None:
            continue
        flow = Flow(
            direction,
            before,
            _level(ids, neighbours, positions, direction),
            _label_room(design, ids, positions),
        )
        offset, clean = _find_spot(design, tree, positions, anchor, block_rect, flow)
        if not clean:
            cramped.extend(ids)
        if offset is None:
            offset = _beyond_everything(design, tree, positions, block_rect, flow)
        if anchor is None:
            linked = [block[c] for c in ids if neighbours.get(c, set()) & positions.keys()]
            offset = _off_borders(offset, linked, zone_rectangles(design, positions, tree), flow)
        dx, dy = offset
        for component_id, (x, y) in block.items():
            placed[component_id] = positions[component_id] = (x + dx, y + dy)
    return placed, cramped


def _drawing(design: Design, tree: ZoneTree, positions: dict[str, Point]) -> Rect | None:
    rects = [node_rect(p) for p in positions.values()]
    rects.extend(zone_rectangles(design, positions, tree).values())
    return bounding(rects)


def _off_borders(offset: Point, linked: list[Point], zones: dict[str, Rect], flow: Flow) -> Point:
    """The offset moved across the flow, by as little as it takes, so that no zone's edge
    runs level with a member linked to the drawing: a link drawn along the flow into that
    member's side would run on the edge, its label over the zone's border."""
    if not linked or not zones:
        return offset
    across = 0 if flow.direction == "TB" else 1
    edges = sorted(
        {e for r in zones.values() for e in ((r.x0, r.x1) if across == 0 else (r.y0, r.y1))}
    )
    size = NODE_WIDTH if across == 0 else NODE_HEIGHT
    dx, dy = offset
    # Clear of the whole box if it can be; else clear of where links meet its side, which
    # stops short of its corners.
    for half in (size / 2 + BORDER_CLEARANCE, size / 2 - PORT_INSET + BORDER_CLEARANCE / 2):
        for k in range(2 * BORDER_TRIES + 1):
            shift = (k + 1) // 2 * BORDER_STEP * (1 if k % 2 else -1)
            base = (dx, dy)[across] + shift
            if not any(_edge_within(edges, p[across] + base, half) for p in linked):
                return (dx + shift, dy) if across == 0 else (dx, dy + shift)
    return offset


def _edge_within(edges: list[float], centre: float, half: float) -> bool:
    """Whether a sorted edge lies strictly within `half` of `centre`."""
    i = bisect_right(edges, centre - half)
    return i < len(edges) and edges[i] < centre + half


def _upstream(design: Design, existing: dict[str, Point], new_ids: Sequence[str]) -> set[str]:
    """The new components that lead into placed ones and are not fed by any: the flow's sources."""
    forward: dict[str, list[str]] = {}
    backward: dict[str, list[str]] = {}
    for link in design.links:
        forward.setdefault(link.source, []).append(link.target)
        backward.setdefault(link.target, []).append(link.source)
    leads_in = _reachable(existing, backward)
    fed = _reachable(existing, forward)
    return {c for c in new_ids if c in leads_in and c not in fed and c not in existing}


def _reachable(starts: Iterable[str], edges: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    stack = [n for s in starts for n in edges.get(s, ())]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(edges.get(node, ()))
    return seen


def _label_room(design: Design, ids: Sequence[str], positions: dict[str, Point]) -> float:
    """Room for the widest label on a link between the group and what is drawn, so the label
    sits on the open stretch of its link rather than on a zone's border."""
    members = set(ids)
    widest = 0.0
    for link in design.links:
        joins = (link.source in members and link.target in positions) or (
            link.target in members and link.source in positions
        )
        if joins and link.label:
            widest = max(widest, len(link.label.strip()) * LABEL_CHAR_WIDTH + 10)
    return min(widest, LABEL_MAX_WIDTH)


def _neighbours(design: Design) -> dict[str, set[str]]:
    ends: dict[str, set[str]] = {}
    for link in design.links:
        ends.setdefault(link.source, set()).add(link.target)
        ends.setdefault(link.target, set()).add(link.source)
    return ends


def _level(
    ids: Sequence[str], neighbours: dict[str, set[str]], positions: dict[str, Point], direction: str
) -> float | None:
    """Across the flow, the mean place of the placed components the group links to."""
    axis = 0 if direction == "TB" else 1
    members = set(ids)
    linked = {n for c in ids for n in neighbours.get(c, ()) if n in positions and n not in members}
    if not linked:
        return None
    return sum(positions[n][axis] for n in linked) / len(linked)


def _beyond_everything(
    design: Design, tree: ZoneTree, positions: dict[str, Point], block: Rect, flow: Flow
) -> Point:
    """Past the whole drawing on the group's side of the flow, level with what it links to."""
    drawing = _drawing(design, tree, positions)
    if drawing is None:
        return (-block.x0, -block.y0)
    gap = 2 * GAP + flow.room
    level = flow.level
    if flow.direction == "TB":
        dx = drawing.x0 - block.x0 if level is None else level - block.centre[0]
        if flow.before:
            return (dx, drawing.y0 - gap - block.y1)
        return (dx, drawing.y1 + gap - block.y0)
    dy = drawing.y0 - block.y0 if level is None else level - block.centre[1]
    if flow.before:
        return (drawing.x0 - gap - block.x1, dy)
    return (drawing.x1 + gap - block.x0, dy)


def _find_spot(
    design: Design,
    tree: ZoneTree,
    positions: dict[str, Point],
    anchor: str | None,
    block: Rect,
    flow: Flow,
) -> tuple[Point | None, bool]:
    """An offset for the block, and whether the zones around it stay clear of their neighbours."""
    if anchor is None:
        return _beyond_everything(design, tree, positions, block, flow), True
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
    for dx, dy in _candidates(content, block, flow, RELAXED_RINGS):
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


def _candidates(content: Rect, block: Rect, flow: Flow, rings: int) -> Iterator[Point]:
    """Offsets that put the block beside the content, nearest first, preferring its flow side:
    after the content, or before it for a group that leads into it."""
    sides = (
        ("below", "right", "above", "left")
        if flow.direction == "TB"
        else ("right", "below", "left", "above")
    )
    if flow.before:
        sides = (sides[2], sides[1], sides[0], sides[3])
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
