"""Ports spread along a side: links that leave or enter one side of a box get points of their own.

A route (`routing.route`) places its ends from its two boxes alone: slid toward the far
end, short of the corner. Links fanning out of one side toward boxes in one column would
so all start at one point and run down one line. Once the routes are known, the ends on
each side of a box are put in the order that keeps their first runs from crossing (of the
runs that turn toward one end of the side, the one that turns soonest sits nearest that
end; the runs turning the other way sit on the other side of any straight link) and moved
as little as they can be to lie SPACING apart, closer only when the side is too short.
Where the room between a straight link and the corner cannot hold its ends SPACING apart,
they go to the nearest room past the straight link that can: one crossing is easier to
read than two arrowheads drawn over one another.

Two sides facing one another across a gap (the bottom of one box and the top of the next
in its column, say) are spread as one when a run out of one would lie on the line of a
run out of the other and meet it (`_clash`): links entering boxes of one column near the
same corner, one from above and one from below, would otherwise share a stretch of line.

An end moves with the run it starts, along its side. The move is kept only if the course
still crosses no more boxes, every run keeps its direction, the first and last runs keep
their room for a bend (GAP) and the arrowhead stays off the target's badge; else that end
stays where it was routed. A straight link keeps its ends (moving one would move the
other), and the ends beside it keep clear of it. A side with one end keeps it as routed,
unless it faces a side it clashes with.

Which ends a side holds changes only when a route touching it does, so a drag spreads
again just the sides of the links it re-routes (with the sides they clash with, now or at
the last spread) and re-draws the other links on them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import combinations, pairwise
from typing import NamedTuple

from archdraw.drawing.grid import CELL, GridIndex
from archdraw.drawing.parts import BoxDrawing
from archdraw.drawing.paths import LinkPath, Point, simplified
from archdraw.drawing.routing import BADGE_CLEARANCE, GAP, PARALLEL_SPACING, crossings, lands_on
from archdraw.layout import Rect

SPACING = PARALLEL_SPACING  # between ends on one side, as between parallel links
MARGIN = 8.0  # from an end to the corner, as routing keeps its ports

Side = tuple[str, str]  # a component's id and "top", "bottom", "left" or "right"
End = tuple[str, int]  # a link's key and 0 (where it leaves) or -1 (where it enters)


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


def _clash(one: Meet, other: Meet) -> bool:
    """Whether the first runs at two ends on different boxes' sides would lie on one line
    and meet (or nearly) if each kept its place: runs out of facing sides of a gap."""
    if one.side[0] == other.side[0] or _across(one.side) != _across(other.side):
        return False
    if abs(one.at - other.at) >= SPACING:
        return False
    return max(one.reach[0], other.reach[0]) - min(one.reach[1], other.reach[1]) < SPACING


ACROSS = {"top": 0, "bottom": 0, "left": 1, "right": 1}  # the axis ends are placed along


def _across(side: Side) -> int:
    """0 for the top and bottom sides (ends placed by x), 1 for the left and right."""
    return ACROSS[side[1]]


def _buckets(found: Meet) -> Iterator[tuple[int, int, int]]:
    """Where to keep the end to find the ends it may clash with: by the line its first run
    lies on (SPACING wide) and the stretches (CELL long) the run reaches, or nearly."""
    across, line = _across(found.side), int(found.at // SPACING)
    low, high = found.reach[0] - SPACING, found.reach[1] + SPACING
    for cell in range(int(low // CELL), int(high // CELL) + 1):
        yield (across, line, cell)


class Ports:
    """Each link's course as routed, where its ends meet their sides, and where the spreading
    puts them; `path` gives the course to draw."""

    def __init__(self) -> None:
        self._routed: dict[str, LinkPath] = {}
        self._meets: dict[str, tuple[Meet | None, Meet | None]] = {}
        # Tuples, not sets: a side holds a few ends, and a big design has thousands of sides
        # (tuples of plain values are no work for the garbage collector).
        self._sides: dict[Side, tuple[End, ...]] = {}
        self._at: dict[End, float] = {}
        self._touched: set[Side] = set()  # sides whose ends changed since the last spread
        # Ends by the line their first run lies near, to find the ends they clash with.
        self._near: dict[tuple[int, int, int], dict[End, Meet]] = {}
        self._joined: dict[Side, tuple[Side, ...]] = {}  # sides spread with others, and those

    def put(
        self, key: str, path: LinkPath | None, source: BoxDrawing | None, target: BoxDrawing | None
    ) -> None:
        """The link's course as routed between its source's and target's boxes (None: none)."""
        self.remove(key)
        if path is None or source is None or target is None:
            return
        self._routed[key] = path
        meets = (
            meet(path.points, source.id, source.rect, True),
            meet(path.points, target.id, target.rect, False),
        )
        self._meets[key] = meets
        for index, found in zip((0, -1), meets, strict=True):
            if found is not None:
                self._sides[found.side] = (*self._sides.get(found.side, ()), (key, index))
                for bucket in _buckets(found):
                    self._near.setdefault(bucket, {})[(key, index)] = found
                self._touched.add(found.side)

    def remove(self, key: str) -> None:
        self._routed.pop(key, None)
        for index, found in zip((0, -1), self._meets.pop(key, (None, None)), strict=True):
            if found is None:
                continue
            ends = tuple(end for end in self._sides[found.side] if end != (key, index))
            for bucket in _buckets(found):
                near = self._near[bucket]
                del near[(key, index)]
                if not near:
                    del self._near[bucket]
            if ends:
                self._sides[found.side] = ends
            else:
                del self._sides[found.side]
            self._at.pop((key, index), None)
            self._touched.add(found.side)

    def spread(
        self, box_of: Callable[[str], BoxDrawing | None], order: Mapping[str, int]
    ) -> set[str]:
        """Spread the ends on the sides touched since the last call, with the sides they clash
        with now or did at the last call; the keys of every link with an end on them (each
        group of sides on its own, so the order they come in does not matter)."""
        touched, self._touched = self._touched, set()
        for side in list(touched):
            touched.update(self._joined.pop(side, ()))
        keys: set[str] = set()
        done: set[Side] = set()
        for start in sorted(touched):
            if start in done:
                continue
            group = self._group(start)
            done.update(group)
            ends = [end for side in group for end in self._sides.get(side, ())]
            keys.update(key for key, _ in ends)
            for side in group:
                self._joined.pop(side, None)
                if len(group) > 1:
                    self._joined[side] = group
            for end in ends:
                self._at.pop(end, None)
            self._at.update(self._spread_group(group, box_of, order))
        return keys

    def _meet(self, end: End) -> Meet:
        found = self._meets[end[0]][0 if end[1] == 0 else 1]
        assert found is not None
        return found

    def _group(self, start: Side) -> tuple[Side, ...]:
        """The side and every side whose ends clash with its ends (or theirs), in order; the
        two ends of one link (a straight one, on facing sides) do not count."""
        group, queue = {start}, [start]
        while queue:
            mine = [(end[0], self._meet(end)) for end in self._sides.get(queue.pop(), ())]
            buckets = {
                (across, near, cell)
                for _, m in mine
                for across, line, cell in _buckets(m)
                for near in (line - 1, line, line + 1)
            }
            for bucket in buckets:
                for (key, _), found in self._near.get(bucket, {}).items():
                    if found.side in group:
                        continue
                    if any(key != link and _clash(m, found) for link, m in mine):
                        group.add(found.side)
                        queue.append(found.side)
        return tuple(sorted(group))

    def _spread_group(
        self,
        group: tuple[Side, ...],
        box_of: Callable[[str], BoxDrawing | None],
        order: Mapping[str, int],
    ) -> dict[End, float]:
        """The places of the ends on these sides: spread as one over the room they share,
        or each side on its own when they share too little."""
        if len(group) == 1 and len(self._sides.get(group[0], ())) < 2:
            return {}  # a side with one end keeps it as routed (most sides)
        rooms = {side: self._room(side, box_of) for side in group}
        known = [room for room in rooms.values() if room is not None]
        if len(group) > 1 and len(known) == len(group):
            lo, hi = max(low for low, _ in known), min(high for _, high in known)
            ends = [end for side in group for end in self._sides.get(side, ())]
            if hi - lo >= (len(ends) - 1) * SPACING:
                return self._spread_ends(ends, lo, hi, order)
        placed: dict[End, float] = {}
        for side, room in rooms.items():
            ends = list(self._sides.get(side, ()))
            if len(ends) > 1 and room is not None:
                placed.update(self._spread_ends(ends, *room, order))
        return placed

    def _room(
        self, side: Side, box_of: Callable[[str], BoxDrawing | None]
    ) -> tuple[float, float] | None:
        """Where on the side its ends may go: short of the corners and of the badge."""
        box = box_of(side[0])
        if box is None:
            return None
        rect, name = box.rect, side[1]
        lo, hi = (rect.x0, rect.x1) if name in ("top", "bottom") else (rect.y0, rect.y1)
        lo, hi = lo + MARGIN, hi - MARGIN
        badge = box.badge
        ends = self._sides.get(side, ())
        if badge is not None and any(i == -1 and self._meet((k, i)).turn for k, i in ends):
            # Arrowheads come in: all keep clear of the badge astride the top-right corner.
            if name == "top":
                hi = min(hi, badge.x0 - BADGE_CLEARANCE)
            elif name == "right":
                lo = max(lo, badge.y1 + BADGE_CLEARANCE)
        return lo, hi

    def _spread_ends(
        self, ends: Iterable[End], lo: float, hi: float, order: Mapping[str, int]
    ) -> dict[End, float]:
        """The ends' places; an end that cannot move where it is put (its run would turn back
        or leave no room to bend) is held where it was routed and the others spread round it."""
        held: set[End] = set()
        ends = list(ends)
        while True:
            placed = self._places(ends, lo, hi, order, held)
            stuck = {end for end, at in placed.items() if not self._movable(end, at)}
            if not stuck:
                return placed
            held |= stuck

    def _movable(self, end: End, at: float) -> bool:
        """Whether the course keeps its shape with this end moved to `at` along its side."""
        routed, found = self._routed[end[0]], self._meet(end)
        points = [list(p) for p in routed.points]
        for i in (0, 1) if end[1] == 0 else (-1, -2):
            points[i][_across(found.side)] = at
        return _sound([(x, y) for x, y in points], routed.points, None)

    def _places(
        self,
        ends: list[End],
        lo: float,
        hi: float,
        order: Mapping[str, int],
        held: set[End],
    ) -> dict[End, float]:
        meet_of = self._meet

        def rank(end: End) -> tuple[int, float, float, int, int, Side]:
            m = meet_of(end)  # straight ends (turn 0) in their places, the others by depth
            return (
                m.turn,
                -m.turn * m.depth,
                m.at if m.turn == 0 else 0.0,
                order.get(end[0], 0),
                end[1],
                m.side,
            )

        ranked = sorted(ends, key=rank)
        pins = [meet_of(e).at for e in ranked if meet_of(e).turn == 0]
        before = [e for e in ranked if meet_of(e).turn < 0]
        after = [e for e in ranked if meet_of(e).turn > 0]
        placed: dict[End, float] = {}

        def place(group: list[End], low: float, high: float, step: float) -> None:
            """Spread the group in order over [low, high], those held in their places and
            the others between them."""
            if not group or step <= 0:
                return
            run: list[End] = []
            for end in [*group, None]:
                if end is not None and end not in held:
                    run.append(end)
                    continue
                top = high if end is None else meet_of(end).at - step
                if run and low <= top:
                    spots = spaced([meet_of(e).at for e in run], low, top, step)
                    placed.update(zip(run, spots, strict=True))
                if end is not None:
                    low = meet_of(end).at + step
                run = []

        if not pins:
            place(before + after, lo, hi, min(SPACING, (hi - lo) / max(1, len(ranked) - 1)))
            return placed
        # Each group takes the room between the straight links (and the corners) nearest
        # the end it turns toward that holds it SPACING apart (one crossing is easier to read
        # than two arrowheads drawn as one); both in one room if it holds them both; with
        # no such room, the group squeezes between its corner and the nearest straight link.
        bounds = [lo, *sorted(pins), hi]
        last = len(bounds) - 2

        def room(i: int) -> tuple[float, float]:
            return (
                bounds[i] + (SPACING if i > 0 else 0.0),
                bounds[i + 1] - (SPACING if i < last else 0.0),
            )

        def holds(i: int, n: int) -> bool:
            low, high = room(i)
            return high - low >= (n - 1) * SPACING

        gaps = range(last + 1)
        low_gap = next((i for i in gaps if holds(i, len(before))), None)
        high_gap = next((i for i in reversed(gaps) if holds(i, len(after))), None)
        if before and after and low_gap is not None and low_gap == high_gap:
            if holds(low_gap, len(before) + len(after)):
                place(before + after, *room(low_gap), SPACING)
                return placed
            low_gap = high_gap = None
        if low_gap is not None:
            place(before, *room(low_gap), SPACING)
        else:
            step = min(SPACING, (min(pins) - lo) / max(1, len(before)))
            place(before, lo, min(pins) - step, step)
        if high_gap is not None:
            place(after, *room(high_gap), SPACING)
        else:
            step = min(SPACING, (hi - max(pins)) / max(1, len(after)))
            place(after, max(pins) + step, hi, step)
        return placed

    def path(
        self,
        key: str,
        boxes: GridIndex,
        target: BoxDrawing,
        lane: tuple[int, float] | None = None,
    ) -> LinkPath | None:
        """The course to draw: as routed, with its ends where the spreading put them and its
        middle run in its `lane` (`lanes`: the axis it keeps and its place) if that keeps it
        sound (else with as many of those moves as do, or as routed)."""
        routed = self._routed.get(key)
        meets = self._meets.get(key)
        if routed is None or meets is None:
            return routed
        moves: list[tuple[tuple[int, int], int, float]] = []  # the points, the axis, the place
        for index, found in zip((0, -1), meets, strict=True):
            at = self._at.get((key, index))
            if found is not None and at is not None and at != found.at:
                along = 0 if found.side[1] in ("top", "bottom") else 1
                moves.append(((0, 1) if index == 0 else (-1, -2), along, at))
        if lane is not None and len(routed.points) == 4 and routed.points[1][lane[0]] != lane[1]:
            moves.append(((1, 2), *lane))
        if not moves:
            return routed
        # Every move, then fewer: the first that keeps the course sound is drawn.
        tries = [c for n in range(len(moves), 0, -1) for c in combinations(moves, n)]
        badge = target.badge
        limit: int | None = None
        for chosen in tries:
            points = [list(p) for p in routed.points]
            for ends, axis, at in chosen:
                for i in ends:
                    points[i][axis] = at
            moved = [(p[0], p[1]) for p in points]
            if not _sound(moved, routed.points, badge):
                continue
            limit = crossings(routed.points, boxes) if limit is None else limit
            if crossings(moved, boxes) <= limit:
                return LinkPath(tuple(simplified(moved)))
        return routed


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


def _sound(moved: list[Point], routed: tuple[Point, ...], badge: Rect | None) -> bool:
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
