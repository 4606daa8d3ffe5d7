"""Links leaving or entering one side of a box get points of their own on it (drawing.ports)."""

from __future__ import annotations

from itertools import combinations, pairwise
from pathlib import Path

import pytest

from archdraw.drawing import Drawing, LinkPath
from archdraw.drawing.ports import SPACING, spaced
from archdraw.io import load
from archdraw.library import Library
from archdraw.model import Component, Design, Link

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_designs").glob("*.archdraw.yaml"))

Run = tuple[tuple[float, float], tuple[float, float]]


def _sides(drawing: Drawing) -> dict[tuple[str, str], list[tuple[float, str, Run]]]:
    """Per box side, each link end on it: its place along the side, the link, its run there."""
    found: dict[tuple[str, str], list[tuple[float, str, Run]]] = {}
    for key, link in drawing.links.items():
        if link.path is None:
            continue
        points = link.path.points
        for box, (a, b) in ((link.source, points[:2]), (link.target, points[::-1][:2])):
            if a[0] == b[0]:
                side, along = ("bottom" if b[1] > a[1] else "top"), 0
            elif a[1] == b[1]:
                side, along = ("right" if b[0] > a[0] else "left"), 1
            else:
                continue
            found.setdefault((box, side), []).append((a[along], key, (a, b)))
    return found


def _overlap(r: Run, s: Run) -> bool:
    """Whether two runs out of one side lie on one line and share a stretch of it."""
    (a, b), (c, d) = r, s
    axis = 0 if a[0] == b[0] else 1  # the coordinate a run out of the side keeps
    if a[axis] != c[axis]:
        return False
    lo1, hi1 = sorted((a[1 - axis], b[1 - axis]))
    lo2, hi2 = sorted((c[1 - axis], d[1 - axis]))
    return min(hi1, hi2) > max(lo1, lo2)


def _drawn(sample: Path, library: Library) -> Drawing:
    design = load(sample, library).design
    positions = {c.id: c.position for c in design.components if c.position is not None}
    return Drawing(design, library, positions)


def test_links_fanning_out_of_one_side_of_the_rag_service_have_their_own_lines(
    library: Library,
):
    drawing = _drawn(next(p for p in SAMPLES if p.name == "rag-pipeline.archdraw.yaml"), library)
    sides = _sides(drawing)
    below = sides[("rag_svc", "bottom")]  # to the reranker, both LLMs and the chats DB
    assert len(below) == 4
    places = sorted(at for at, _, _ in below)
    assert all(b - a >= SPACING for a, b in pairwise(places))
    for ends in sides.values():
        for (_, one, first), (_, other, second) in combinations(ends, 2):
            assert not _overlap(first, second), (one, other)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name.split(".")[0])
def test_no_two_links_share_a_point_on_one_side_in_the_samples(library: Library, sample: Path):
    for side, ends in _sides(_drawn(sample, library)).items():
        for (at, one, _), (other_at, other, _) in combinations(ends, 2):
            assert abs(at - other_at) >= 1, (side, one, other)


def _hub(below: list[float]) -> Design:
    """A hub and a column of boxes to its lower right, one link to each: the routes leave the
    hub's bottom side and turn right, toward boxes at the same x."""
    components = [Component(id="hub", type="service", position=(0.0, 0.0))]
    components += [
        Component(id=f"t{i}", type="service", position=(330.0, y)) for i, y in enumerate(below)
    ]
    links = [Link.model_validate({"from": "hub", "to": f"t{i}"}) for i in range(len(below))]
    return Design(archdraw=1, name="hub", components=components, links=links)


def _crosses(p: LinkPath, q: LinkPath) -> bool:
    """Whether a run of one course crosses a run of the other (square runs only)."""
    for (a, b), (c, d) in ((r, s) for r in pairwise(p.points) for s in pairwise(q.points)):
        if (a[0] == b[0]) == (c[0] == d[0]):
            continue
        (vx, (v0, v1)), (hy, (h0, h1)) = (
            ((a[0], sorted((a[1], b[1]))), (c[1], sorted((c[0], d[0]))))
            if a[0] == b[0]
            else ((c[0], sorted((c[1], d[1]))), (a[1], sorted((a[0], b[0]))))
        )
        if h0 < vx < h1 and v0 < hy < v1:
            return True
    return False


def test_links_to_a_column_leave_one_side_apart_and_nested(library: Library):
    design = _hub([120.0, 240.0, 360.0, 480.0])
    drawing = Drawing(design, library, {c.id: c.position for c in design.components if c.position})
    hub = drawing.boxes["hub"].rect
    every = [drawing.links[f"hub->t{i}"].path for i in range(4)]
    paths = [p for p in every if p is not None and p.start[1] == hub.y1]
    assert len(paths) >= 3  # down, then right (the nearest may leave the right side)
    xs = [p.start[0] for p in paths]
    # The nearest box's link turns first, so it leaves nearest the side's right end.
    assert xs == sorted(xs, reverse=True)
    assert all(a - b >= SPACING for a, b in pairwise(xs))
    for p, q in combinations(every, 2):
        assert p is not None and q is not None and not _crosses(p, q)


def test_moving_one_box_spreads_the_side_again_as_a_fresh_drawing_would(library: Library):
    design = _hub([120.0, 240.0, 360.0, 480.0])
    centres = {c.id: c.position for c in design.components if c.position}
    drawing = Drawing(design, library, centres)
    before = {k: d.path for k, d in drawing.links.items()}
    changed = drawing.move({"t0": (330.0, -300.0)})  # now above: its link leaves the top
    centres["t0"] = (330.0, -300.0)
    fresh = Drawing(design, library, centres)
    assert {k: d.path for k, d in drawing.links.items()} == {
        k: d.path for k, d in fresh.links.items()
    }
    # The other three had their ends on the side it left: spread again over the room.
    moved = {k for k, d in drawing.links.items() if d.path != before[k]}
    assert moved - {"hub->t0"} and moved <= changed


def test_spaced_keeps_places_already_apart_and_spreads_the_crowded_ones():
    assert spaced([10.0, 40.0, 90.0], 0.0, 100.0, SPACING) == [10.0, 40.0, 90.0]
    # Three at one place: the least move that sets them apart is round their place.
    assert spaced([50.0, 50.0, 50.0], 0.0, 100.0, SPACING) == [40.0, 50.0, 60.0]
    # Against the end of the room: pushed back from it, still in the order given.
    assert spaced([100.0, 100.0], 0.0, 100.0, SPACING) == [90.0, 100.0]
    # Out of order: the two pooled round their mean.
    assert spaced([60.0, 40.0], 0.0, 100.0, SPACING) == [45.0, 55.0]
    # No more room than the step: spread evenly from one end to the other.
    assert spaced([5.0, 5.0, 5.0], 0.0, 8.0, 4.0) == [0.0, 4.0, 8.0]
