"""Rectangles in thin strips across the plane, sorted along each strip.

A link's straight run is a long, thin rectangle. The grid index answers which
boxes it crosses by visiting every cell along it and testing every box in
them; the strips answer from the one or two strips the run lies in, looking
only at the boxes that start within reach of it (found by bisection), most of
which it does cross.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Container

from archdraw.layout import Rect

STRIP = 32.0  # a strip's width: a box lies in a few
THIN = 2.0  # a run this thin or thinner is answered here (routing widens a run by 1 each side)

Strip = tuple[bool, int]  # (runs along x, index of the strip across)


class Strips:
    def __init__(self) -> None:
        self._starts: dict[Strip, list[float]] = {}  # where each rectangle starts, in order
        self._owners: dict[Strip, list[tuple[str, Rect]]] = {}  # in the same order
        self._longest = {True: 0.0, False: 0.0}  # the longest rectangle along x, along y

    def put(self, key: str, rect: Rect) -> None:
        for along_x in (True, False):
            start, length = _along(rect, along_x)
            self._longest[along_x] = max(self._longest[along_x], length)
            for strip in _strips(rect, along_x):
                starts = self._starts.setdefault(strip, [])
                at = bisect_right(starts, start)
                starts.insert(at, start)
                self._owners.setdefault(strip, []).insert(at, (key, rect))

    def remove(self, key: str, rect: Rect) -> None:
        for along_x in (True, False):
            start, _ = _along(rect, along_x)
            for strip in _strips(rect, along_x):
                starts, owners = self._starts[strip], self._owners[strip]
                at = bisect_left(starts, start)
                while owners[at] != (key, rect):
                    at += 1
                del starts[at], owners[at]

    def meeting(self, run: Rect, skip: Container[str], most: int | None) -> list[str] | None:
        """As GridIndex.meeting, for a run at most THIN across; None for any other shape."""
        if run.y1 - run.y0 <= THIN:
            along_x, start, end = True, run.x0, run.x1
        elif run.x1 - run.x0 <= THIN:
            along_x, start, end = False, run.y0, run.y1
        else:
            return None
        x0, y0, x1, y1 = run.x0, run.y0, run.x1, run.y1
        reach = start - self._longest[along_x] - 1.0  # nothing starting before it gets this far
        found: list[str] = []
        known: set[str] = set()  # found, for a quick look: a box lies in a few strips
        low, high = (y0, y1) if along_x else (x0, x1)
        for across in range(int(low // STRIP), int(high // STRIP) + 1):
            strip = (along_x, across)
            starts = self._starts.get(strip)
            if not starts:
                continue
            owners = self._owners[strip]
            for key, r in owners[bisect_right(starts, reach) : bisect_left(starts, end)]:
                if key in skip or key in known:
                    continue
                if x0 < r.x1 and r.x0 < x1 and y0 < r.y1 and r.y0 < y1:
                    found.append(key)
                    known.add(key)
                    if len(found) == most:
                        return found
        return found


def _along(rect: Rect, along_x: bool) -> tuple[float, float]:
    return (rect.x0, rect.x1 - rect.x0) if along_x else (rect.y0, rect.y1 - rect.y0)


def _strips(rect: Rect, along_x: bool) -> list[Strip]:
    low, high = (rect.y0, rect.y1) if along_x else (rect.x0, rect.x1)
    return [(along_x, i) for i in range(int(low // STRIP), int(high // STRIP) + 1)]
