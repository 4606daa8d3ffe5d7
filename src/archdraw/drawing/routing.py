"""Orthogonal link routes round the boxes, one link at a time, in pure Python.

A route depends only on its two boxes, its offset among parallel links and
the boxes in between, so moving a component re-routes just the links it
touches (see Drawing.move). For each link a handful of candidate courses is
tried: straight, one bend (L), two bends through the gap between the boxes
(Z) or round both (U), and two bends through the channels beside any box the
first candidates ran into. The one crossing the fewest boxes wins; among
those, the shortest with the fewest bends. Where several links meet one side
of a box, `ports` then spreads their ends along it; where their middle runs
share a gap, `lanes` sets them apart across it.

The arrowhead stays off the target's instances badge (`keep_out`, which sits
astride the box's top-right corner): when the chosen course would end on it,
its last run slides along the side it enters, just clear of the badge (left
of it on the top side, below it on the right side). The course is chosen
first, so the slide never sends a link round to another side; only when it
cannot slide (a straight link between boxes that barely overlap, a bend too
close) does the cheapest course that ends clear of the badge take its place.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterator, Sequence
from itertools import pairwise

from archdraw.drawing.grid import GridIndex
from archdraw.drawing.paths import ARROW_HALF_WIDTH, LinkPath, Point, simplified, straight_path
from archdraw.layout import Rect

GAP = 14.0  # the shortest run out of a box before a bend: room for the arrowhead
SPREAD = 0.25  # how far a port slides along its side toward the far end
MIN_OVERLAP = 16.0  # shared extent for a straight link between two boxes
BEND_COST = 24.0
HIT_COST = 100_000.0
PARALLEL_SPACING = 10.0
MAX_OBSTACLES = 6  # boxes in the way whose sides are tried as channels
BADGE_CLEARANCE = ARROW_HALF_WIDTH + 2.0  # from an arrowhead's centre line to the badge


def route(
    source: Rect, target: Rect, boxes: GridIndex, offset: float = 0.0, keep_out: Rect | None = None
) -> LinkPath | None:
    """The link's course from `source`'s border to `target`'s; None when the boxes overlap.
    `keep_out`: where the target's badge is drawn, which the arrowhead must not cover."""
    if source.intersects(target):
        return straight_path(source, target, offset)
    runs = _Runs(boxes)
    middles = _middles(source, target, [])
    best, hit = _cheapest(_candidates(source, target, offset, middles), runs)
    if best is not None and best[0] >= HIT_COST and hit:
        # Channels beside the boxes in the way, the nearest to either end first (ties by
        # place, so the route never depends on the order of a set).
        rects = [r for key in hit for r in runs.boxes.rects(key)]
        obstacles = heapq.nsmallest(MAX_OBSTACLES, rects, key=_nearest_first(source, target))
        middles = _middles(source, target, obstacles)
        candidates = _candidates(source, target, offset, middles)
        more, _ = _cheapest(candidates, runs, best[0], every_hit=False)
        if more is not None and more[0] < best[0]:
            best = more
    if best is None:
        return straight_path(source, target, offset)
    points = best[1]
    if keep_out is not None and lands_on(points, keep_out):
        crossed = len(_crossed(points, runs))
        slid = _off_badge(points, source, target, keep_out)
        # It runs a few pixels from the chosen course: kept if it crosses no more boxes.
        if slid is not None and len(_crossed(slid, runs)) <= crossed:
            points = slid
        else:
            clear = _clear_candidates(source, target, offset, middles, keep_out)
            other, _ = _cheapest(clear, runs, (crossed + 1) * HIT_COST)
            points = other[1] if other is not None else points
    return LinkPath(tuple(simplified(points)))


class _Runs:
    """The boxes each run of a route's candidates crosses, asked of the index once a run:
    the second round tries the first round's courses again."""

    def __init__(self, boxes: GridIndex) -> None:
        self.boxes = boxes
        self._known: dict[tuple[float, float, float, float], list[str]] = {}

    def crossing(
        self, run: tuple[float, float, float, float], skip: set[str], most: int | None
    ) -> list[str]:
        """The boxes the `run` rectangle crosses but for those in `skip`; with `most`,
        perhaps only that many (the rest are wanted only to know it costs too much)."""
        known = self._known.get(run)
        if known is None:
            if most is not None:
                return self.boxes.meeting(Rect(*run), skip, most)
            known = self._known[run] = self.boxes.meeting(Rect(*run))
        return [key for key in known if key not in skip]


def _cheapest(
    candidates: Iterator[list[Point]],
    boxes: _Runs,
    limit: float = math.inf,
    every_hit: bool = True,
) -> tuple[tuple[float, list[Point]] | None, set[str]]:
    """The candidate of least cost below `limit`, and the boxes the others ran into (all
    of them if `every_hit`, else enough to tell a candidate costs too much).

    Tried shortest first: once one crosses nothing, no longer one can beat it."""
    ranked = sorted(((_length(points), i, points) for i, points in enumerate(candidates)))
    best: tuple[float, list[Point]] | None = None
    hit: set[str] = set()
    for length, _, points in ranked:
        bound = best[0] if best is not None else limit
        if length >= bound:
            break
        cost, crossed = _cost(points, length, boxes, bound, every_hit)
        hit |= crossed
        if cost < bound:
            best = (cost, points)
    return best, hit


def _length(points: list[Point]) -> float:
    """Length plus the price of its bends."""
    total = (len(points) - 2) * BEND_COST
    for (x0, y0), (x1, y1) in pairwise(points):
        total += abs(x1 - x0) + abs(y1 - y0)
    return total


def _cost(
    points: list[Point], length: float, boxes: _Runs, limit: float, every_hit: bool = True
) -> tuple[float, set[str]]:
    """Length (`_length`), bends and boxes crossed, as one number; counting stops once
    past `limit`, at the end of a run if `every_hit` (all the boxes it crosses are
    wanted), else at the box that takes it past."""
    cost = length
    crossed: set[str] = set()
    for (x0, y0), (x1, y1) in pairwise(points):
        if cost >= limit:
            break
        # Widened across its run only: a run that ends on a box's border does not cross it.
        across_x, across_y = (1.0, 0.0) if x0 == x1 else (0.0, 1.0)
        segment = (
            min(x0, x1) - across_x,
            min(y0, y1) - across_y,
            max(x0, x1) + across_x,
            max(y0, y1) + across_y,
        )
        most = None if every_hit else math.ceil((limit - cost) / HIT_COST)
        found = boxes.crossing(segment, crossed, most)
        cost += len(found) * HIT_COST
        crossed.update(found)
    return cost, crossed


def _crossed(points: list[Point], boxes: _Runs) -> set[str]:
    return _cost(points, 0.0, boxes, math.inf)[1]


def crossings(points: Sequence[Point], boxes: GridIndex) -> int:
    """How many boxes the course crosses (its own two it only touches)."""
    return len(_crossed(list(points), _Runs(boxes)))


def _nearest_first(source: Rect, target: Rect) -> Callable[[Rect], tuple[float, float, float]]:
    """A sort key: a box's distance from the nearer end (centre to centre, along the axes),
    then its place."""
    (sx, sy), (tx, ty) = source.centre, target.centre

    def key(rect: Rect) -> tuple[float, float, float]:
        x, y = (rect.x0 + rect.x1) / 2, (rect.y0 + rect.y1) / 2
        return (min(abs(x - sx) + abs(y - sy), abs(x - tx) + abs(y - ty)), rect.x0, rect.y0)

    return key


def _port(centre: float, extent: float, toward: float, offset: float) -> float:
    """Where on a side a link leaves: slid toward the far end, never into the corner."""
    room = extent / 2 - 8
    slide = max(-room, min(room, (toward - centre) * SPREAD + offset))
    return centre + slide


def _middles(s: Rect, t: Rect, obstacles: list[Rect]) -> tuple[list[float], list[float]]:
    """Where the middle run of a two-bend route may go: x values (vertical run), y values."""
    xs = [max(s.x1, t.x1) + 2 * GAP, min(s.x0, t.x0) - 2 * GAP]
    ys = [max(s.y1, t.y1) + 2 * GAP, min(s.y0, t.y0) - 2 * GAP]
    if t.x0 - s.x1 >= 2 * GAP or s.x0 - t.x1 >= 2 * GAP:
        xs.insert(0, _gap_mid(s.x0, s.x1, t.x0, t.x1))
    if t.y0 - s.y1 >= 2 * GAP or s.y0 - t.y1 >= 2 * GAP:
        ys.insert(0, _gap_mid(s.y0, s.y1, t.y0, t.y1))
    for o in obstacles:
        xs.extend((o.x0 - GAP, o.x1 + GAP))
        ys.extend((o.y0 - GAP, o.y1 + GAP))
    return xs, ys


def _gap_mid(a0: float, a1: float, b0: float, b1: float) -> float:
    return (a1 + b0) / 2 if b0 >= a1 else (b1 + a0) / 2


def lands_on(points: list[Point], badge: Rect) -> bool:
    """Whether the arrowhead at the course's end overlaps the badge's pill."""
    corners = LinkPath(tuple(simplified(points))).arrowhead()
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return min(xs) < badge.x1 and max(xs) > badge.x0 and min(ys) < badge.y1 and max(ys) > badge.y0


def _off_badge(points: list[Point], s: Rect, t: Rect, badge: Rect) -> list[Point] | None:
    """The course with its last run slid along the side it enters until the arrowhead
    clears `badge`; None when it cannot slide: not the top or right side, no room on
    it, or the run before the last would turn back (or leave the source too short)."""
    (x0, y0), (x1, y1) = points[-2], points[-1]
    along = 0  # the axis the last run slides along: 0 for x, 1 for y
    if x0 == x1 and y1 == t.y0 and y0 < y1:  # down into the top side
        new, low, high = badge.x0 - BADGE_CLEARANCE, t.x0 + 8, t.x1 - 8
    elif y0 == y1 and x1 == t.x1 and x0 > x1:  # leftward into the right side
        new, low, high, along = badge.y1 + BADGE_CLEARANCE, t.y0 + 8, t.y1 - 8, 1
    else:
        return None
    if not low <= new <= high:
        return None
    if len(points) == 2:  # a straight link: it leaves the source where it enters the target
        s_low, s_high = (s.x0, s.x1) if along == 0 else (s.y0, s.y1)
        if not s_low + 4 <= new <= s_high - 4:
            return None
    else:
        before, old = points[-3][along], points[-2][along]
        run = new - before  # the run before the last, along the same axis
        if (old - before) * run < 0 or (len(points) == 3 and abs(run) < GAP):
            return None
    moved = [list(p) for p in points]
    moved[-1][along] = moved[-2][along] = new
    return [(p[0], p[1]) for p in moved]


def _clear_candidates(
    s: Rect, t: Rect, off: float, middles: tuple[list[float], list[float]], badge: Rect
) -> Iterator[list[Point]]:
    """The candidates, each slid off the badge if it ends on it (dropped if it cannot be)."""
    for points in _candidates(s, t, off, middles):
        if lands_on(points, badge):
            slid = _off_badge(points, s, t, badge)
            if slid is None or lands_on(slid, badge):
                continue
            points = slid
        yield points


def _candidates(
    s: Rect, t: Rect, off: float, middles: tuple[list[float], list[float]]
) -> Iterator[list[Point]]:
    (scx, scy), (tcx, tcy) = s.centre, t.centre
    yield from _straight(s, t, off)
    ys, yt = _port(scy, s.height, tcy, off), _port(tcy, t.height, scy, off)
    xs, xt = _port(scx, s.width, tcx, off), _port(tcx, t.width, scx, off)
    # One bend: leave sideways and enter from above or below, or the other way round.
    s_side, t_end = _side(s.x0, s.x1, xt), _side(t.y0, t.y1, ys)
    if s_side is not None and t_end is not None:
        yield [(s_side, ys), (xt, ys), (xt, t_end)]
    s_end, t_side = _side(s.y0, s.y1, yt), _side(t.x0, t.x1, xs)
    if s_end is not None and t_side is not None:
        yield [(xs, s_end), (xs, yt), (t_side, yt)]
    # Two bends, the middle run vertical at x = m or horizontal at y = m.
    for m in middles[0]:
        a, b = _side(s.x0, s.x1, m), _side(t.x0, t.x1, m)
        if a is not None and b is not None:
            yield [(a, ys), (m, ys), (m, yt), (b, yt)]
    for m in middles[1]:
        a, b = _side(s.y0, s.y1, m), _side(t.y0, t.y1, m)
        if a is not None and b is not None:
            yield [(xs, a), (xs, m), (xt, m), (xt, b)]


def _side(low: float, high: float, toward: float) -> float | None:
    """The box's edge (along one axis) facing `toward`, if `toward` is clear of the box."""
    if toward >= high + GAP:
        return high
    if toward <= low - GAP:
        return low
    return None


def _straight(s: Rect, t: Rect, off: float) -> Iterator[list[Point]]:
    low, high = max(s.y0, t.y0), min(s.y1, t.y1)
    if high - low >= MIN_OVERLAP and (t.x0 >= s.x1 + GAP or s.x0 >= t.x1 + GAP):
        y = max(low + 4, min(high - 4, (low + high) / 2 + off))
        yield [(s.x1, y), (t.x0, y)] if t.x0 >= s.x1 else [(s.x0, y), (t.x1, y)]
    low, high = max(s.x0, t.x0), min(s.x1, t.x1)
    if high - low >= MIN_OVERLAP and (t.y0 >= s.y1 + GAP or s.y0 >= t.y1 + GAP):
        x = max(low + 4, min(high - 4, (low + high) / 2 + off))
        yield [(x, s.y1), (x, t.y0)] if t.y0 >= s.y1 else [(x, s.y0), (x, t.y1)]


def parallel_offsets(pairs: list[tuple[str, str]]) -> list[float]:
    """Each link's sideways offset, so links between the same two boxes run side by side."""
    counts: dict[frozenset[str], int] = {}
    for source, target in pairs:
        key = frozenset((source, target))
        counts[key] = counts.get(key, 0) + 1
    seen: dict[frozenset[str], int] = {}
    offsets = []
    for source, target in pairs:
        key = frozenset((source, target))
        index = seen.get(key, 0)
        seen[key] = index + 1
        offsets.append((index - (counts[key] - 1) / 2) * PARALLEL_SPACING)
    return offsets
