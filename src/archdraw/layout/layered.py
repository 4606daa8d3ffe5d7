"""A pure-Python layered layout, for when `dot` is missing, too slow, or the design too big.

Each zone is laid out on its own as a block (its members and its child zones'
blocks), bottom-up, so a zone's rectangle is exactly its block and blocks never
overlap. Within a block, items go into layers by longest path along the links
(cycles broken by reversing back edges), are ordered by barycentre to reduce
crossings, and layers are stacked left to right (LR) or top to bottom (TB).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx

from archdraw.layout.geometry import Point, ZoneTree
from archdraw.layout.graphviz_engine import LayoutCancelled, rank_separation
from archdraw.model import Design
from archdraw.style import NODE_HEIGHT, NODE_WIDTH, ZONE_PADDING, ZONE_TITLE_HEIGHT

LAYER_GAP = 80.0
ITEM_GAP = 40.0
SWEEPS = 4

Item = tuple[str, str]  # ("c", component id) or ("z", zone id)


@dataclass
class Block:
    width: float
    height: float
    centres: dict[str, Point] = field(default_factory=dict)  # relative to the top-left corner


def layout_layered(
    design: Design,
    tree: ZoneTree,
    ids: Sequence[str],
    direction: str,
    cancel: threading.Event | None = None,
) -> dict[str, Point]:
    wanted = set(ids)
    paths = {c: tree.path(c) for c in ids}
    edges_at: dict[str | None, list[tuple[Item, Item]]] = {}
    for link in design.links:
        if link.source in wanted and link.target in wanted and link.source != link.target:
            level, source, target = _lift(link.source, link.target, paths)
            if source != target:
                edges_at.setdefault(level, []).append((source, target))
    layer_gap = max(LAYER_GAP, rank_separation(design))
    blocks: dict[str, Block] = {}
    for zone_id in tree.bottom_up():
        if cancel is not None and cancel.is_set():
            raise LayoutCancelled
        block = _layout_level(
            tree, zone_id, wanted, blocks, edges_at.get(zone_id, []), direction, layer_gap
        )
        if block is not None:
            blocks[zone_id] = _padded(block)
    root = _layout_level(tree, None, wanted, blocks, edges_at.get(None, []), direction, layer_gap)
    return root.centres if root is not None else {}


def _lift(source: str, target: str, paths: dict[str, list[str]]) -> tuple[str | None, Item, Item]:
    """The innermost zone holding both ends, and the items that stand for them at that level."""
    a, b = paths[source], paths[target]
    common = 0
    while common < len(a) and common < len(b) and a[common] == b[common]:
        common += 1
    level = a[common - 1] if common else None
    item_a: Item = ("z", a[common]) if common < len(a) else ("c", source)
    item_b: Item = ("z", b[common]) if common < len(b) else ("c", target)
    return level, item_a, item_b


def _padded(block: Block) -> Block:
    dx, dy = ZONE_PADDING, ZONE_PADDING + ZONE_TITLE_HEIGHT
    return Block(
        block.width + 2 * ZONE_PADDING,
        block.height + 2 * ZONE_PADDING + ZONE_TITLE_HEIGHT,
        {c: (x + dx, y + dy) for c, (x, y) in block.centres.items()},
    )


def _layout_level(
    tree: ZoneTree,
    zone_id: str | None,
    wanted: set[str],
    blocks: dict[str, Block],
    edges: list[tuple[Item, Item]],
    direction: str,
    layer_gap: float,
) -> Block | None:
    items: list[Item] = [("c", c) for c in tree.members[zone_id] if c in wanted]
    items.extend(("z", child) for child in tree.children[zone_id] if child in blocks)
    if not items:
        return None
    sizes = {
        item: (NODE_WIDTH, NODE_HEIGHT)
        if item[0] == "c"
        else (blocks[item[1]].width, blocks[item[1]].height)
        for item in items
    }
    layers = _order(_layers(items, edges), edges)
    return _place(layers, sizes, blocks, direction, layer_gap)


def _layers(items: list[Item], edges: list[tuple[Item, Item]]) -> list[list[Item]]:
    graph = nx.DiGraph()
    graph.add_nodes_from(items)
    graph.add_edges_from(_acyclic(items, edges))
    layer: dict[Item, int] = {}
    for item in nx.topological_sort(graph):
        layer[item] = max((layer[p] + 1 for p in graph.predecessors(item)), default=0)
    # Pull sources next to what they feed, so a lone client sits by its entry point.
    for item in reversed(list(nx.topological_sort(graph))):
        successors = list(graph.successors(item))
        if graph.in_degree(item) == 0 and successors:
            layer[item] = min(layer[s] for s in successors) - 1
    count = max(layer.values()) + 1
    layers: list[list[Item]] = [[] for _ in range(count)]
    for item in items:
        layers[layer[item]].append(item)
    return [members for members in layers if members]


def _acyclic(items: list[Item], edges: list[tuple[Item, Item]]) -> set[tuple[Item, Item]]:
    """The edges with every back edge of a depth-first search reversed."""
    outgoing: dict[Item, list[Item]] = {item: [] for item in items}
    for source, target in edges:
        outgoing[source].append(target)
    state: dict[Item, int] = {}  # 1 on the stack, 2 finished
    result: set[tuple[Item, Item]] = set()
    for start in items:
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(outgoing[start]))]
        while stack:
            node, successors = stack[-1]
            advanced = False
            for successor in successors:
                if state.get(successor) == 1:
                    result.add((successor, node))
                    continue
                result.add((node, successor))
                if successor not in state:
                    state[successor] = 1
                    stack.append((successor, iter(outgoing[successor])))
                    advanced = True
                    break
            if not advanced:
                state[node] = 2
                stack.pop()
    return {(s, t) for s, t in result if (t, s) not in result or s < t}


def _order(layers: list[list[Item]], edges: list[tuple[Item, Item]]) -> list[list[Item]]:
    neighbours: dict[Item, list[Item]] = {}
    for source, target in edges:
        neighbours.setdefault(source, []).append(target)
        neighbours.setdefault(target, []).append(source)
    level = {item: index for index, members in enumerate(layers) for item in members}
    for sweep in range(SWEEPS):
        forward = sweep % 2 == 0
        indices = range(1, len(layers)) if forward else range(len(layers) - 2, -1, -1)
        for index in indices:
            side = index - 1 if forward else index + 1
            rank = {item: i / max(1, len(layers[side])) for i, item in enumerate(layers[side])}
            current = layers[index]
            count = max(1, len(current))
            scored = [
                (_barycentre(item, i / count, neighbours, level, side, rank), i, item)
                for i, item in enumerate(current)
            ]
            layers[index] = [item for _, _, item in sorted(scored)]
    return layers


def _barycentre(
    item: Item,
    default: float,
    neighbours: dict[Item, list[Item]],
    level: dict[Item, int],
    side: int,
    rank: dict[Item, float],
) -> float:
    near = [rank[n] for n in neighbours.get(item, []) if level.get(n) == side]
    return sum(near) / len(near) if near else default


def _place(
    layers: list[list[Item]],
    sizes: dict[Item, tuple[float, float]],
    blocks: dict[str, Block],
    direction: str,
    layer_gap: float,
) -> Block:
    """Stack layers along the main axis; long layers wrap into several columns."""
    total = sum(len(members) for members in layers)
    per_column = max(8, math.ceil(1.5 * math.sqrt(total)))
    vertical = direction == "TB"

    def main(item: Item) -> float:
        return sizes[item][1] if vertical else sizes[item][0]

    def cross(item: Item) -> float:
        return sizes[item][0] if vertical else sizes[item][1]

    columns: list[list[Item]] = []
    gaps: list[float] = []
    for members in layers:
        for start in range(0, len(members), per_column):
            columns.append(members[start : start + per_column])
            gaps.append(ITEM_GAP if start else layer_gap)
    extents = [
        sum(cross(item) for item in column) + ITEM_GAP * (len(column) - 1) for column in columns
    ]
    tallest = max(extents)
    centres: dict[str, Point] = {}
    along = 0.0
    for index, column in enumerate(columns):
        if index:
            along += gaps[index]
        width = max(main(item) for item in column)
        offset = (tallest - extents[index]) / 2
        for item in column:
            middle_main = along + width / 2
            middle_cross = offset + cross(item) / 2
            x, y = (middle_cross, middle_main) if vertical else (middle_main, middle_cross)
            offset += cross(item) + ITEM_GAP
            if item[0] == "c":
                centres[item[1]] = (x, y)
            else:
                block = blocks[item[1]]
                left, top = x - block.width / 2, y - block.height / 2
                for component_id, (cx, cy) in block.centres.items():
                    centres[component_id] = (left + cx, top + cy)
        along += width
    size_main, size_cross = along, tallest
    width, height = (size_cross, size_main) if vertical else (size_main, size_cross)
    return Block(width, height, centres)
