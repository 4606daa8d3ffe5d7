"""How clean the samples' drawings are: counts a change to the drawing must not raise.

Run as a script for a table over every sample (`.venv/bin/python tests/drawing/measure.py`);
the tests import the counts. Each count is of pairs of different links:

- overlaps: runs on one line, or less than CLOSE px apart, sharing more than SHARED px
  (drawn over one another, or as one thick line);
- arrowheads: arrowheads that overlap (two links entering at one point, or nearly);
- labels on lines: a label over a run of another link (its pill hides that line there);
- labels along lines: a label over a horizontal run of another link (it seems to be its);
- labels on arrowheads: a label over an arrowhead (its own or another link's);
- labels over labels: two labels that overlap;
- labels on zone borders: a label over a side of a zone's border (its pill cuts the border);
- labels on zone titles: a label over a zone's heading or kind;
- labels on badges: a label over a box's instances badge;
- crossings: a run of one link crossing a run of the other.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations, pairwise
from pathlib import Path
from typing import NamedTuple

from archdraw.drawing import Drawing, LinkPath
from archdraw.io import load
from archdraw.layout import Rect
from archdraw.library import Library, builtin_library

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_designs").glob("*.archdraw.yaml"))
SHARED = 1.0
CLOSE = 5.0  # half the spacing between parallel links: lines nearer than this read as one

Segment = tuple[tuple[float, float], tuple[float, float]]


class Counts(NamedTuple):
    overlaps: int
    arrowheads: int
    labels_on_lines: int
    labels_along_lines: int
    labels_on_arrowheads: int
    labels_over_labels: int
    labels_on_zone_borders: int
    labels_on_zone_titles: int
    labels_on_badges: int
    crossings: int


def drawn(sample: Path, library: Library) -> Drawing:
    design = load(sample, library).design
    positions = {c.id: c.position for c in design.components if c.position is not None}
    return Drawing(design, library, positions)


def _runs(path: LinkPath) -> Iterator[Segment]:
    yield from pairwise(path.points)


def _paths(drawing: Drawing) -> dict[str, LinkPath]:
    return {k: d.path for k, d in drawing.links.items() if d.path is not None}


def _shared(r: Segment, s: Segment) -> bool:
    """Both square runs on one line or on lines too close to tell apart (less than CLOSE),
    sharing more than SHARED of their length."""
    for axis in (0, 1):
        (a, b), (c, d) = r, s
        if a[axis] == b[axis] and c[axis] == d[axis] and abs(a[axis] - c[axis]) < CLOSE:
            low = max(min(a[1 - axis], b[1 - axis]), min(c[1 - axis], d[1 - axis]))
            high = min(max(a[1 - axis], b[1 - axis]), max(c[1 - axis], d[1 - axis]))
            return high - low > SHARED
    return False


def _crossing(r: Segment, s: Segment) -> bool:
    """One run vertical, the other horizontal, each passing through the other's interior."""
    (a, b), (c, d) = r, s
    if a[0] == b[0] and c[1] == d[1]:
        (vx, v), (hy, h) = (a[0], sorted((a[1], b[1]))), (c[1], sorted((c[0], d[0])))
    elif a[1] == b[1] and c[0] == d[0]:
        (vx, v), (hy, h) = (c[0], sorted((c[1], d[1]))), (a[1], sorted((a[0], b[0])))
    else:
        return False
    return h[0] < vx < h[1] and v[0] < hy < v[1]


def _through(rect: Rect, run: Segment) -> bool:
    """Whether the run passes through the rectangle's interior."""
    (a, b) = run
    x0, x1 = sorted((a[0], b[0]))
    y0, y1 = sorted((a[1], b[1]))
    if x0 == x1:
        return rect.x0 < x0 < rect.x1 and y0 < rect.y1 and rect.y0 < y1
    if y0 == y1:
        return rect.y0 < y0 < rect.y1 and x0 < rect.x1 and rect.x0 < x1
    return Rect(x0, y0, x1, y1).intersects(rect)  # a diagonal: its bounds, near enough


def _head(path: LinkPath) -> Rect:
    xs, ys = zip(*path.arrowhead(), strict=True)
    return Rect(min(xs), min(ys), max(xs), max(ys))


def overlaps(drawing: Drawing) -> list[tuple[str, str]]:
    paths = _paths(drawing)
    return [
        (p, q)
        for (p, one), (q, other) in combinations(paths.items(), 2)
        if any(_shared(r, s) for r in _runs(one) for s in _runs(other))
    ]


def arrowheads(drawing: Drawing) -> list[tuple[str, str]]:
    heads = {k: _head(path) for k, path in _paths(drawing).items()}
    return [(p, q) for (p, r), (q, s) in combinations(heads.items(), 2) if r.intersects(s)]


def labels_on_lines(drawing: Drawing) -> list[tuple[str, str]]:
    """(the label's link, the link whose run it covers)."""
    paths = _paths(drawing)
    found = []
    for key, link in drawing.links.items():
        if link.label is None:
            continue
        rect = link.label.rect
        found.extend(
            (key, other)
            for other, path in paths.items()
            if other != key and any(_through(rect, run) for run in _runs(path))
        )
    return found


def labels_along_lines(drawing: Drawing) -> list[tuple[str, str]]:
    """(the label's link, the link with a horizontal run under it, which it seems to label)."""
    return [
        (key, other)
        for key, other in labels_on_lines(drawing)
        if any(
            a[1] == b[1] and _through(_label(drawing, key), (a, b))
            for a, b in _runs(_paths(drawing)[other])
        )
    ]


def _label(drawing: Drawing, key: str) -> Rect:
    label = drawing.links[key].label
    assert label is not None
    return label.rect


def labels_on_arrowheads(drawing: Drawing) -> list[tuple[str, str]]:
    """(the label's link, the link whose arrowhead it covers)."""
    heads = {k: _head(path) for k, path in _paths(drawing).items()}
    return [
        (key, other)
        for key, link in drawing.links.items()
        if link.label is not None
        for other, head in heads.items()
        if link.label.rect.intersects(head)
    ]


def labels_over_labels(drawing: Drawing) -> list[tuple[str, str]]:
    labels = {k: d.label.rect for k, d in drawing.links.items() if d.label is not None}
    return [(a, b) for (a, r), (b, s) in combinations(labels.items(), 2) if r.intersects(s)]


def _labels_over(drawing: Drawing, places: dict[str, list[Rect]]) -> list[tuple[str, str]]:
    """(the label's link, the element) for each label covering one of an element's places."""
    return [
        (key, element)
        for key, link in drawing.links.items()
        if link.label is not None
        for element, rects in places.items()
        if any(link.label.rect.intersects(rect) for rect in rects)
    ]


def labels_on_zone_borders(drawing: Drawing) -> list[tuple[str, str]]:
    """(the label's link, the zone one of whose sides it covers)."""
    return _labels_over(drawing, {z.id: list(z.border) for z in drawing.zones.values()})


def labels_on_zone_titles(drawing: Drawing) -> list[tuple[str, str]]:
    """(the label's link, the zone whose heading or kind it covers)."""
    return _labels_over(drawing, {z.id: list(z.titles) for z in drawing.zones.values()})


def labels_on_badges(drawing: Drawing) -> list[tuple[str, str]]:
    """(the label's link, the component whose instances badge it covers)."""
    badges = {b.id: [b.badge] for b in drawing.boxes.values() if b.badge is not None}
    return _labels_over(drawing, badges)


def crossings(drawing: Drawing) -> int:
    paths = list(_paths(drawing).values())
    return sum(
        _crossing(r, s) for p, q in combinations(paths, 2) for r in _runs(p) for s in _runs(q)
    )


def counts(drawing: Drawing) -> Counts:
    return Counts(
        len(overlaps(drawing)),
        len(arrowheads(drawing)),
        len(labels_on_lines(drawing)),
        len(labels_along_lines(drawing)),
        len(labels_on_arrowheads(drawing)),
        len(labels_over_labels(drawing)),
        len(labels_on_zone_borders(drawing)),
        len(labels_on_zone_titles(drawing)),
        len(labels_on_badges(drawing)),
        crossings(drawing),
    )


def corpus(library: Library) -> dict[str, Counts]:
    return {sample.name.split(".")[0]: counts(drawn(sample, library)) for sample in SAMPLES}


def total(found: dict[str, Counts]) -> Counts:
    return Counts(*(sum(column) for column in zip(*found.values(), strict=True)))


if __name__ == "__main__":
    found = corpus(builtin_library())
    names = (name.replace("labels_", "") for name in Counts._fields)
    print(f"{'sample':<24}" + "".join(f"{name:>18}" for name in names))
    for name, row in found.items():
        if any(row):
            print(f"{name:<24}" + "".join(f"{n:>18}" for n in row))
    print(f"{'total':<24}" + "".join(f"{n:>18}" for n in total(found)))
