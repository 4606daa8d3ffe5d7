"""Where a route's end meets a box's side, which ends on facing sides would share a line, and
how ends along one side are spaced: the geometry `archdraw.drawing.ports` spreads ends with."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import NamedTuple

from archdraw.drawing.grid import CELL
from archdraw.drawing.paths import Point
from archdraw.drawing.routing import GAP, PARALLEL_SPACING, lands_on
from archdraw.layout import Rect

SPACING = PARALLEL_SPACING  # between ends on one side, as between parallel links

Side = tuple[str, str]  # a component's id and "top", "bottom", "left" or "right"


class Meet(NamedTuple):
    """Where one end of a route meets its box's side, and what decides its order there."""

    side: Side
    at: float  # along the side: x on the top and bottom, y on the left and right
    turn: int  # the way the second run goes along the side (+1 toward larger values), 0 straight
    depth: float  # how far out from the side the first run turns
    reach: tuple[float, float]  # where the first run lies across the side (the whole of a straight)


def meet(points: tuple[Point, ...], box: str, rect: Rect, leaving: bool) -> Meet | None:
    """How the course meets `rect` at its start (`leaving`) or its end; None when its run
    there does not leave the side square (a diagonal drawn between overlapping boxes)."""
    q = points if leaving else points[::-1]
    (x0, y0), (x1, y1) = q[0], q[1]
    if x0 == x1 and y1 > y0 and y0 == rect.y1:
        name, along = "bottom", 0
    elif x0 == x1 and y1 < y0 and y0 == rect.y0:
        name, along = "top", 0
    elif y0 == y1 and x1 > x0 and x0 == rect.x1:
        name, along = "right", 1
    elif y0 == y1 and x1 < x0 and x0 == rect.x0:
        name, along = "left", 1
    else:
        return None
    a, b = q[0][1 - along], q[1][1 - along]
    reach = (min(a, b), max(a, b))
    if len(q) == 2:
        return Meet((box, name), q[0][along], 0, 0.0, reach)
    turn = 1 if q[2][along] > q[1][along] else -1
    return Meet((box, name), q[0][along], turn, abs(b - a), reach)


def clash(one: Meet, other: Meet) -> bool:
    """Whether the first runs at two ends on different boxes' sides would lie on one line
    and meet (or nearly) if each kept its place: runs out of facing sides of a gap."""
    if one.side[0] == other.side[0] or axis_of(one.side) != axis_of(other.side):
        return False
    if abs(one.at - other.at) >= SPACING:
        return False
    return max(one.reach[0], other.reach[0]) - min(one.reach[1], other.reach[1]) < SPACING


ACROSS = {"top": 0, "bottom": 0, "left": 1, "right": 1}  # the axis ends are placed along


def axis_of(side: Side) -> int:
    """0 for the top and bottom sides (ends placed by x), 1 for the left and right."""
    return ACROSS[side[1]]


def end_buckets(found: Meet) -> Iterator[tuple[int, int, int]]:
    """Where to keep the end to find the ends it may clash with: by the line its first run
    lies on (SPACING wide) and the stretches (CELL long) the run reaches, or nearly."""
    across, line = axis_of(found.side), int(found.at // SPACING)
    low, high = found.reach[0] - SPACING, found.reach[1] + SPACING
    for cell in range(int(low // CELL), int(high // CELL) + 1):
        yield (across, line, cell)


def spaced(wanted: list[float], low: float, high: float, step: float) -> list[float]:
    """Places in [low, high], in the order given, at least `step` apart (the room holds
    them), each as near its `wanted` place as can be (least squares).

    With i * step taken off the i-th place the spacing becomes an order, which pooling
    neighbours that break it (to their mean) finds; the room bounds the pooled places."""
    n = len(wanted)
    pools: list[tuple[float, int]] = []  # sum and count of each run of pooled places
    for i, place in enumerate(wanted):
        total, count = place - i * step, 1
        while pools and pools[-1][0] / pools[-1][1] > total / count:
            before, many = pools.pop()
            total, count = total + before, count + many
        pools.append((total, count))
    top = high - (n - 1) * step
    result: list[float] = []
    for total, count in pools:
        result.extend([min(max(total / count, low), top)] * count)
    return [place + i * step for i, place in enumerate(result)]


def sound(moved: list[Point], routed: tuple[Point, ...], badge: Rect | None) -> bool:
    """Every run goes the way it was routed; the first and last keep their room to bend."""
    for (a, b), (c, d) in zip(pairwise(moved), pairwise(routed), strict=True):
        for axis in (0, 1):
            was, now = d[axis] - c[axis], b[axis] - a[axis]
            if was * now < 0 or (was != 0) != (now != 0):
                return False
    if len(moved) > 2:
        for new, old in ((moved[:2], routed[:2]), (moved[-2:], routed[-2:])):
            length = abs(new[1][0] - new[0][0]) + abs(new[1][1] - new[0][1])
            if length < min(GAP, abs(old[1][0] - old[0][0]) + abs(old[1][1] - old[0][1])):
                return False
    return badge is None or not lands_on(moved, badge)
