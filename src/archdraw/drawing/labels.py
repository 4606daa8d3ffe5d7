"""Where links' labels go: on their link, clear of boxes, earlier labels and other links' lines.

A label sits on a background pill that hides whatever line it covers: set over another
link's run, it cuts that link in two and seems to name it. So each label takes the first of
its link's spots (`parts.label_on`: along the link, middle first, then beside it) that
covers no box, no earlier label, no arrowhead and no other link's run (nor has one between
it and its link); when every spot covers some, the first that covers the fewest, those that
hide an arrowhead or seem to label another link (a run along the label, or between it and
its link) last; when every spot covers a box or an earlier label, its link's middle.

Zones count too, whatever placed the boxes (a hand-made design as much as a laid-out one): a
label over a side of a zone's border cuts it as it would a link's line, and one over a zone's
heading or kind hides it (as bad as hiding an arrowhead). An instances badge blocks a spot as
its box does.

Labels are placed in link order, each avoiding the labels of earlier links, so a label
depends on the earlier labels near it and on the courses near its link. When a course
changes (`course`), the labels that could have a spot on its old or new runs are placed
again, with the later labels that could see theirs move: an incremental update lands where
a fresh drawing would put them.

A frame of a drag (`follow`) re-places only the labels of links whose course changed and
those a moved box or label now lies on (each of which may push on a later one); every other
label a change could move waits for the next `place` (the drop), which re-places them all as
one change and so lands where a fresh drawing would.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, MutableMapping
from itertools import pairwise

from archdraw.drawing.grid import GridIndex
from archdraw.drawing.parts import (
    LabelDrawing,
    LinkDrawing,
    Spots,
    ZoneDrawing,
    label_on,
    label_reach,
    label_spots,
)
from archdraw.drawing.paths import LinkPath
from archdraw.layout import Rect
from archdraw.model import Link

MISLEADS = 1000  # a spot that hides an arrowhead or a title, or seems to label another line
LINE = 2  # what each line across a spot costs; a zone's (dashed) border across it costs 1


def _lines(path: LinkPath) -> tuple[Rect, ...]:
    """The course's runs (thin rectangles: one covered if a label's interior meets it), then
    its arrowhead's bounds."""
    runs = (
        Rect(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        for (x0, y0), (x1, y1) in pairwise(path.points)
    )
    return (*runs, _head(path))


def _head(path: LinkPath) -> Rect:
    xs, ys = zip(*path.arrowhead(), strict=True)
    return Rect(min(xs), min(ys), max(xs), max(ys))


def _borders(zones: Mapping[str, ZoneDrawing]) -> dict[str, tuple[Rect, ...]]:
    return {zone_id: zone.border for zone_id, zone in zones.items()}


def _titles(zones: Mapping[str, ZoneDrawing]) -> dict[str, tuple[Rect, ...]]:
    return {zone_id: zone.titles for zone_id, zone in zones.items()}


class Labels:
    """The labels placed and the lines they keep off; which labels a change may move."""

    def __init__(self) -> None:
        self.placed = GridIndex()
        self._lines = GridIndex()
        self._reach = GridIndex()  # where each label may go (`label_reach`)
        self._badges = GridIndex()  # boxes' instances badges, by component
        self._borders = GridIndex()  # zones' sides, by zone
        self._titles = GridIndex()  # zones' headings and kinds, by zone
        self._stirred: list[Rect] = []  # where courses, boxes or labels changed since `place`
        self._rerouted: set[str] = set()  # links whose course changed since the last place
        self._recent: set[str] = set()  # the same since the last `follow`
        self._covered: list[Rect] = []  # where boxes came since the last `follow`
        # The lines are indexed once a label is to be placed: until then (a design without
        # labels) a course that changes costs nothing here.
        self._courses: dict[str, LinkPath] = {}
        self._kept = False

    def course(self, key: str, old: LinkPath | None, new: LinkPath | None) -> None:
        """The link's course is now `new` (None: not drawn); it was `old`."""
        self._rerouted.add(key)
        self._recent.add(key)
        if new is None:
            self._courses.pop(key, None)
        else:
            self._courses[key] = new
        if not self._kept:
            return
        was = set(_lines(old)) if old is not None else set()
        if new is None:
            self._lines.remove(key)
            self._stirred.extend(was)
            return
        self._lines.put(key, _lines(new))
        # Only what was drawn and is not, or is and was not: a run kept as it was (most of
        # a course whose end slid along its side) moves no label.
        self._stirred.extend(was.symmetric_difference(self._lines.rects(key)))

    def stir(self, rect: Rect, came: bool = False) -> None:
        """Something labels keep off (a box) went here, or `came` here."""
        self._stirred.append(rect)
        if came:
            self._covered.append(rect)

    def badge(self, component_id: str, rect: Rect | None, came: bool = False) -> None:
        """The component's instances badge is now at `rect` (None: none drawn); `came`: as in
        `stir`."""
        new = (rect,) if rect is not None else ()
        old = self._badges.rects(component_id)
        if old == new:
            return
        if rect is None:
            self._badges.remove(component_id)
        else:
            self._badges.put(component_id, new)
        self._stirred.extend(old)
        for r in new:
            self.stir(r, came)

    def zones(self, zones: Mapping[str, ZoneDrawing]) -> None:
        """The zones are now drawn as `zones`: labels keep off their borders and titles."""
        for index, fences in ((self._borders, _borders(zones)), (self._titles, _titles(zones))):
            for zone_id in index.keys() - fences.keys():
                self._stirred.extend(index.rects(zone_id))
                index.remove(zone_id)
            for zone_id, rects in fences.items():
                old = index.rects(zone_id)
                if old != rects:
                    # Only the sides that moved: a zone grown downwards keeps its top.
                    self._stirred.extend(set(old).symmetric_difference(rects))
                    index.put(zone_id, rects)

    def hides_title(self, rect: Rect) -> bool:
        """Whether a label at `rect` would hide a zone's heading or kind."""
        return bool(self._titles.meeting(rect, (), 1))

    def remove(self, key: str) -> None:
        self._courses.pop(key, None)
        self.placed.remove(key)
        self._reach.remove(key)
        self._lines.remove(key)

    def place(
        self,
        keys: Iterable[str],
        links: MutableMapping[str, LinkDrawing],
        design_links: Mapping[str, Link],
        order: Mapping[str, int],
        boxes: GridIndex,
    ) -> set[str]:
        """Place these links' labels, those of links whose course changed and those that could
        see a change since the last call, and any later label that could see theirs move; the
        keys of the labels that moved."""
        stirred, self._stirred, self._covered = self._stirred, [], []
        asked, self._rerouted, self._recent = self._rerouted | set(keys), set(), set()
        if not self._start(asked, design_links):
            return set()
        if len(asked) < len(order):  # else every label is placed anyway (a fresh drawing)
            for rect in dict.fromkeys(stirred):  # a drag stirs the same places many times
                asked.update(self._reach.meeting(rect, asked))
        return self._run(asked, links, design_links, order, boxes, frame=False)

    def follow(
        self,
        links: MutableMapping[str, LinkDrawing],
        design_links: Mapping[str, Link],
        order: Mapping[str, int],
        boxes: GridIndex,
    ) -> set[str]:
        """A frame of a drag: place the labels of links whose course changed since the last
        frame and the labels that boxes which came or labels which moved now lie on; the
        keys of the labels that moved. The rest wait for `place`."""
        covered, self._covered = self._covered, []
        asked, self._recent = self._recent, set()
        if not self._start(asked, design_links):
            return set()
        for rect in covered:
            asked.update(self.placed.meeting(rect, asked))
        return self._run(asked, links, design_links, order, boxes, frame=True)

    def _start(self, asked: set[str], design_links: Mapping[str, Link]) -> bool:
        """Whether labels are kept (indexing the lines the first time one is to be placed)."""
        if not self._kept:
            if not any(design_links[k].label for k in asked if k in design_links):
                return False
            self._kept = True
            for key, path in self._courses.items():
                self._lines.put(key, _lines(path))
        return True

    def _run(
        self,
        asked: set[str],
        links: MutableMapping[str, LinkDrawing],
        design_links: Mapping[str, Link],
        order: Mapping[str, int],
        boxes: GridIndex,
        frame: bool,
    ) -> set[str]:
        """Place the `asked` labels in link order, and each later label that could see one
        move (in a `frame`: that one now lies on); the keys of the labels that moved."""
        queue = [(order[k], k) for k in asked if k in order]
        heapq.heapify(queue)
        done: set[str] = set()
        moved: set[str] = set()
        while queue:
            rank, key = heapq.heappop(queue)
            if key in done:
                continue
            done.add(key)
            drawing, text = links[key], design_links[key].label
            old = drawing.label
            if drawing.path is None or not text:
                new = None
                self.placed.remove(key)
                self._reach.remove(key)
            else:
                spots = label_spots(text, drawing.path)
                new = self._label_for(key, spots, rank, order, boxes)
                if self.placed.rects(key) != (new.rect,):
                    self.placed.put(key, (new.rect,))
                reach = tuple(label_reach(spots))
                if self._reach.rects(key) != reach:
                    self._reach.put(key, reach)
            if new == old:
                continue
            moved.add(key)
            links[key] = LinkDrawing(
                key, drawing.kind, drawing.source, drawing.target, drawing.path, new
            )
            if frame:  # the labels that could see this one move wait for `place`
                self._stirred.extend(r.rect for r in (old, new) if r is not None)
                pushed = self.placed.meeting(new.rect, done) if new is not None else []
            else:
                pushed = [
                    k
                    for r in (old, new)
                    if r is not None
                    for k in self._reach.meeting(r.rect, done)
                ]
            for later in pushed:
                if order[later] > rank:
                    heapq.heappush(queue, (order[later], later))
        return moved

    def _label_for(
        self, key: str, spots: Spots, rank: int, order: Mapping[str, int], boxes: GridIndex
    ) -> LabelDrawing:
        def blocked(rect: Rect) -> bool:
            if boxes.meeting(rect, (), 1) or self._badges.meeting(rect, (), 1):
                return True
            return any(order[k] < rank for k in self.placed.meeting(rect) if k != key)

        def covers(rect: Rect, claim: Rect, between: Rect | None, most: int | None) -> int:
            # An arrowhead or a zone's title under a label would be hidden, and a line along a
            # label or between it and its link would seem to be the one labelled: worse than
            # any number of lines or zone borders across it.
            near = self._lines.meeting(rect)
            hidden = any(rect.intersects(self._lines.rects(k)[-1]) for k in near)
            hidden = hidden or self.hides_title(rect)
            astray = between is not None and bool(self._lines.meeting(between, (key,), 1))
            count = MISLEADS * (hidden + astray)
            if most is not None and count >= most:
                return count
            crossed = self._lines.meeting(claim, (key,))
            along = any(
                r.y0 == r.y1 and rect.intersects(r) for k in crossed for r in self._lines.rects(k)
            )
            return count + MISLEADS * along + LINE * len(crossed) + len(self._borders.meeting(rect))

        return label_on(spots, blocked, covers)
