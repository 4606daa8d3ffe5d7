"""Keys bucketed by the grid cells their rectangles cover: "what is near this?" without a scan."""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator, KeysView

from archdraw.drawing.strips import Strips
from archdraw.layout import Rect

CELL = 256.0
LONG = 2 * CELL  # a run longer than this is answered by the strips, when kept


def cells(rect: Rect) -> Iterator[tuple[int, int]]:
    for i in range(int(rect.x0 // CELL), int(rect.x1 // CELL) + 1):
        for j in range(int(rect.y0 // CELL), int(rect.y1 // CELL) + 1):
            yield (i, j)


class GridIndex:
    """Each key owns some rectangles; queries answer which keys' rectangles meet a rectangle."""

    def __init__(self, runs: bool = False) -> None:
        """`runs`: asked mostly about long thin runs (links' courses), so keep Strips too."""
        self._buckets: dict[tuple[int, int], set[str]] = {}
        self._rects: dict[str, tuple[Rect, ...]] = {}
        self._strips = Strips() if runs else None

    def put(self, key: str, rects: Iterable[Rect]) -> None:
        self.remove(key)
        owned = tuple(rects)
        self._rects[key] = owned
        for rect in owned:
            for cell in cells(rect):
                self._buckets.setdefault(cell, set()).add(key)
            if self._strips is not None:
                self._strips.put(key, rect)

    def remove(self, key: str) -> None:
        for rect in self._rects.pop(key, ()):
            if self._strips is not None:
                self._strips.remove(key, rect)
            for cell in cells(rect):
                bucket = self._buckets.get(cell)
                if bucket is not None:
                    bucket.discard(key)

    def keys(self) -> KeysView[str]:
        return self._rects.keys()

    def rects(self, key: str) -> tuple[Rect, ...]:
        return self._rects.get(key, ())

    def near(self, rect: Rect) -> set[str]:
        """Keys with a rectangle in a cell `rect` covers (a superset of those it meets)."""
        buckets, keys = self._buckets, set()
        columns = range(int(rect.x0 // CELL), int(rect.x1 // CELL) + 1)
        for j in range(int(rect.y0 // CELL), int(rect.y1 // CELL) + 1):
            for i in columns:  # the loops of `cells`, written out: asked most of all
                bucket = buckets.get((i, j))
                if bucket:
                    keys |= bucket
        return keys

    def meeting(self, rect: Rect, skip: Container[str] = (), most: int | None = None) -> list[str]:
        """Keys with a rectangle whose interior overlaps `rect`'s, but for those in `skip`;
        with `most`, no more than that many (the first found)."""
        long = max(rect.x1 - rect.x0, rect.y1 - rect.y0) > LONG
        if self._strips is not None and long:
            answer = self._strips.meeting(rect, skip, most)
            if answer is not None:
                return answer
        x0, y0, x1, y1 = rect.x0, rect.y0, rect.x1, rect.y1
        found = []
        for key in self.near(rect):
            if key in skip:
                continue
            for r in self._rects[key]:
                if x0 < r.x1 and r.x0 < x1 and y0 < r.y1 and r.y0 < y1:
                    found.append(key)
                    break
            if len(found) == most:
                break
        return found
