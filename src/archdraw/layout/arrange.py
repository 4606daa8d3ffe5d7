"""Arranging by hand: align and distribute a selection, find a free spot for a new box.

Each returns the `MoveComponents` edit to apply (or a position), so the editor's
commands are one undo step and the state-machine test can drive them without Qt.
Positions are box centres; every box has the same size (`node_rect`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from archdraw.layout.geometry import Point, RectIndex, node_rect
from archdraw.model import Design, EditError
from archdraw.model import edits_named as named
from archdraw.model.edits import MoveComponents
from archdraw.style import GRID_SIZE, NODE_HEIGHT, NODE_WIDTH

# Which coordinate each alignment sets, and from which of the chosen boxes.
ALIGNMENTS = {
    "left": (0, min),
    "right": (0, max),
    "centre": (0, None),  # the mean
    "top": (1, min),
    "bottom": (1, max),
    "middle": (1, None),
}
GAP = 2 * GRID_SIZE  # at least this much between a new box and its neighbour
# Steps between free spots are whole grid cells, so a snapped start stays on the grid.
STEP_X = math.ceil((NODE_WIDTH + GAP) / GRID_SIZE) * GRID_SIZE
STEP_Y = math.ceil((NODE_HEIGHT + GAP) / GRID_SIZE) * GRID_SIZE


def _placed(design: Design, ids: Sequence[str]) -> dict[str, Point]:
    index = design.component_index()
    missing = [i for i in ids if i not in index]
    if missing:
        raise EditError(f"no component '{missing[0]}'")
    return {i: index[i].position for i in ids if index[i].position is not None}  # type: ignore[misc]


def align(design: Design, ids: Sequence[str], how: str) -> MoveComponents:
    """Line the chosen boxes up along one edge or centre line (all boxes share one size)."""
    axis, pick = ALIGNMENTS[how]
    placed = _placed(design, ids)
    if len(placed) < 2:
        raise EditError("select two or more placed components to align")
    values = [p[axis] for p in placed.values()]
    target = pick(values) if pick is not None else sum(values) / len(values)
    moves = {i: ((target, p[1]) if axis == 0 else (p[0], target)) for i, p in placed.items()}
    return named.move(design, moves, "Align", how)


def distribute(design: Design, ids: Sequence[str], axis: str) -> MoveComponents:
    """Space the chosen boxes evenly between the outermost two ("horizontal" or "vertical")."""
    index = 0 if axis == "horizontal" else 1
    placed = _placed(design, ids)
    if len(placed) < 3:
        raise EditError("select three or more placed components to distribute")
    order = sorted(placed, key=lambda i: (placed[i][index], i))
    first, last = placed[order[0]][index], placed[order[-1]][index]
    step = (last - first) / (len(order) - 1)
    moves = {}
    for rank, component_id in enumerate(order):
        x, y = placed[component_id]
        value = first + rank * step
        moves[component_id] = (value, y) if index == 0 else (x, value)
    return named.move(design, moves, "Distribute", f"{axis}ly")


def free_spot(design: Design, near: Point) -> Point:
    """A centre near `near` where a new box overlaps none: `near` itself, or the first free
    place to its right, then below, walking outwards on a grid of box-sized steps.
    """
    boxes = RectIndex(node_rect(c.position) for c in design.components if c.position is not None)
    step_x, step_y = STEP_X, STEP_Y
    for ring in range(0, 64):
        for row in range(0, ring + 1):
            for column in range(0, ring + 1):
                if max(row, column) != ring:
                    continue  # cells inside this ring were tried already
                spot = (near[0] + column * step_x, near[1] + row * step_y)
                if not boxes.hits(node_rect(spot)):
                    return spot
    return (near[0], near[1] + 64 * step_y)


def next_to(design: Design, component_id: str) -> Point | None:
    """A free centre to the right of `component_id` (None when it has no position)."""
    component = design.component(component_id)
    if component is None or component.position is None:
        return None
    x, y = component.position
    return free_spot(design, (x + STEP_X, y))
