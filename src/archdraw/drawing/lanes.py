"""Lanes in a channel: middle runs of different links routed on one line get lines of their own.

A two-bend route (`routing`'s Z and U courses) turns into its middle run at a place that
depends only on its two boxes: the middle of the gap between them, or just past a box in
the way. So every link through one gap is routed onto the same line there: from boxes in
one column to boxes in the next, their middle runs lie on top of one another and no one
can tell which line goes where. Ports (`ports`) set apart the ends on a box's side; this
sets apart the middle runs.

A channel is the line a middle run is routed on (vertical at one x or horizontal at one
y). The runs of a channel that share a stretch of it or meet end to end form a bundle,
spread across the channel in lanes SPACING apart, round the line it was routed on. A
small bundle takes the order with the fewest of its runs' bends crossing another run of
it or running along another's bend (a bend leads off to one side of the channel: a run
placed on that side of another is not crossed by it); runs that do not meet may share a
lane. A bundle wanting more than MOST_LANES lanes stays as routed: it would spread wider
than a gap. Whether a moved run is kept is decided with the ports' moves (`Ports.path`):
it must cross no more boxes and keep every run's direction.

A bundle changes only when a route in it does, so a drag spreads again just the bundles
of the links it re-routes, and re-draws the other links whose lane changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import permutations
from typing import NamedTuple

from archdraw.drawing.paths import LinkPath
from archdraw.drawing.routing import PARALLEL_SPACING

SPACING = PARALLEL_SPACING  # between runs in one channel, as between parallel links
MOST_TRIED = 6  # bundles up to this size try every order (`_lanes`)
# A bundle wanting more lanes than this would spread wider than a gap between two boxes:
# its runs stay as routed (a crowd of long links in a big design).
MOST_LANES = 12

Channel = tuple[int, float]  # the axis the run keeps (0: a vertical run at x, 1: at y), where


class Run(NamedTuple):
    """A middle run: its channel, the stretch it covers along it, and its two bends."""

    channel: Channel
    low: float
    high: float
    # Each bend: where along the channel it turns off, and to which side (-1 toward smaller
    # values across the channel, +1 toward larger).
    bends: tuple[tuple[float, int], tuple[float, int]]


def middle_run(path: LinkPath) -> Run | None:
    """The route's middle run, when it has exactly one between two bends (four points)."""
    if len(path.points) != 4:
        return None
    before, (x1, y1), (x2, y2), after = path.points
    if x1 == x2:
        axis, at, along = 0, x1, (y1, y2)
    elif y1 == y2:
        axis, at, along = 1, y1, (x1, x2)
    else:
        return None
    sides = (_toward(before[axis] - at), _toward(after[axis] - at))
    bends = ((along[0], sides[0]), (along[1], sides[1]))
    return Run((axis, at), min(along), max(along), bends)


def _toward(delta: float) -> int:
    return 1 if delta > 0 else -1


class Lanes:
    """Each link's middle run as routed, and the place across its channel it is spread to."""

    def __init__(self) -> None:
        self._runs: dict[str, Run] = {}
        self._channels: dict[Channel, set[str]] = {}
        self._at: dict[str, float] = {}
        # Per channel, the stretches of the runs put or removed since the last spread: only
        # the bundles they meet can have changed.
        self._changed: dict[Channel, list[tuple[float, float]]] = {}

    def put(self, key: str, path: LinkPath | None) -> None:
        """The link's course as routed (None: none)."""
        self.remove(key)
        run = middle_run(path) if path is not None else None
        if run is None:
            return
        self._runs[key] = run
        self._channels.setdefault(run.channel, set()).add(key)
        self._changed.setdefault(run.channel, []).append((run.low, run.high))

    def remove(self, key: str) -> None:
        run = self._runs.pop(key, None)
        if run is None:
            return
        keys = self._channels[run.channel]
        keys.discard(key)
        if not keys:
            del self._channels[run.channel]
        self._at.pop(key, None)
        self._changed.setdefault(run.channel, []).append((run.low, run.high))

    def at(self, key: str) -> tuple[int, float] | None:
        """Where the link's middle run is spread to: the axis it keeps and its place on it;
        None where it stays as routed."""
        place = self._at.get(key)
        return None if place is None else (self._runs[key].channel[0], place)

    def spread(self, order: Mapping[str, int]) -> set[str]:
        """Spread again the bundles that runs were put in or removed from since the last
        call; the keys of the links whose place changed (each bundle on its own, so the
        order they come in does not matter)."""
        changed, self._changed = self._changed, {}
        moved: set[str] = set()
        for channel, stretches in changed.items():
            held = sorted(self._channels.get(channel, ()), key=lambda k: (order.get(k, 0), k))
            for bundle in _bundles(held, self._runs):
                low = min(self._runs[k].low for k in bundle)
                high = max(self._runs[k].high for k in bundle)
                if not any(a <= high and low <= b for a, b in stretches):
                    continue  # the same runs as at the last spread: the same places
                lanes = _lanes([self._runs[k] for k in bundle])
                wide = max(lanes)
                spread = 0 < wide < MOST_LANES
                for key, lane in zip(bundle, lanes, strict=True):
                    place = channel[1] + (lane - wide / 2) * SPACING if spread else None
                    if self._at.get(key) != place:
                        moved.add(key)
                        if place is None:
                            del self._at[key]
                        else:
                            self._at[key] = place
        return moved


def _bundles(keys: Sequence[str], runs: Mapping[str, Run]) -> list[list[str]]:
    """The runs that share a stretch of the channel or meet end to end, each with those it
    meets (directly or through another), singly where a run meets none. `keys` come in the
    design's order and each bundle keeps it."""
    by_start = sorted(keys, key=lambda k: runs[k].low)
    found: list[list[str]] = []
    reach = -float("inf")
    for key in by_start:
        run = runs[key]
        if found and run.low <= reach:
            found[-1].append(key)
            reach = max(reach, run.high)
        else:
            found.append([key])
            reach = run.high
    place = {key: i for i, key in enumerate(keys)}
    return [sorted(b, key=place.__getitem__) for b in found]


def _meet(a: Run, b: Run) -> bool:
    return a.low <= b.high and b.low <= a.high


def _lanes(runs: Sequence[Run]) -> list[int]:
    """Each run's lane across the channel, 0 first: runs that meet never share one.

    A small bundle takes the order with the fewest crossings (`least_crossing`) and gives
    each run the lane after those of the runs before it that it meets, so runs that do not
    meet share lanes and the bundle is no wider than it must be. A large one (a long gap
    between two columns of a big design) is set out by where its runs start, each in the
    first lane free there: its order is not worked out."""
    n = len(runs)
    lanes = [0] * n
    if n <= MOST_TRIED:
        ranked = least_crossing(runs)
        for i, index in enumerate(ranked):
            before = [lanes[e] for e in ranked[:i] if _meet(runs[e], runs[index])]
            lanes[index] = max(before, default=-1) + 1
        return lanes
    ends: list[float] = []  # where each lane's last run ends
    for index in sorted(range(n), key=lambda i: runs[i].low):
        run = runs[index]
        free = next((lane for lane, end in enumerate(ends) if end < run.low), len(ends))
        if free == len(ends):
            ends.append(run.high)
        else:
            ends[free] = run.high
        lanes[index] = free
    return lanes


def _crossed(first: Run, second: Run) -> int:
    """What it costs to place `first` before `second` across the channel: a bend of `first`
    turning toward larger values passes `second`'s place, and a bend of `second` turning
    toward smaller values passes `first`'s (`_passing`)."""
    count = sum(_passing(at, second) for at, side in first.bends if side > 0)
    return count + sum(_passing(at, first) for at, side in second.bends if side < 0)


def _passing(at: float, run: Run) -> int:
    """A bend at `at` passing `run`'s place: 1 where it crosses the run, 2 where it runs
    along the bend at the run's end (one line drawn over the other, worse than a crossing)."""
    if at == run.low or at == run.high:
        return 2
    return 1 if run.low < at < run.high else 0


def least_crossing(runs: Sequence[Run]) -> list[int]:
    """The order across the channel (indices into `runs`) with the fewest crossings; among
    equals, the first in the order given. Tries every order: for a few runs only."""
    n = len(runs)
    cost = [[_crossed(runs[i], runs[j]) if i != j else 0 for j in range(n)] for i in range(n)]

    def total(order: list[int]) -> int:
        return sum(cost[a][b] for i, a in enumerate(order) for b in order[i + 1 :])

    return min((list(p) for p in permutations(range(n))), key=total)
