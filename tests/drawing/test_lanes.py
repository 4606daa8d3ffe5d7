"""Middle runs of different links routed through one gap get lanes of their own (drawing.lanes)."""

from __future__ import annotations

from itertools import combinations, pairwise
from pathlib import Path
from typing import NamedTuple

from archdraw.drawing import Drawing
from archdraw.drawing.lanes import SPACING, Run, least_crossing
from archdraw.io import load
from archdraw.library import Library
from archdraw.model import Component, Design, Link

from .test_ports import _crosses as crosses

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_designs").glob("*.archdraw.yaml"))

# Runs of different links on one line sharing more than SHARED px of it are drawn on top of
# one another. Before lanes the samples had 29 such pairs, 27 of them middle runs in one gap.
# Left: two Z courses crossing as an X whose bends meet at one height on both sides (they
# share the 10 px between their lanes), and two links entering boxes of one column at the
# same place near the corner, one from above and one from below.
SHARED = 1.0
MOST_OVERLAPS = 0


class Segment(NamedTuple):
    link: str
    middle: bool  # neither the first nor the last run of its course
    axis: int  # the coordinate it keeps: 0 for a vertical run, 1 for a horizontal one
    at: float
    low: float
    high: float


def _segments(drawing: Drawing) -> list[Segment]:
    found = []
    for key, link in drawing.links.items():
        if link.path is None:
            continue
        last = len(link.path.points) - 2
        for index, (a, b) in enumerate(pairwise(link.path.points)):
            for axis in (0, 1):
                if a[axis] == b[axis]:
                    low, high = sorted((a[1 - axis], b[1 - axis]))
                    found.append(Segment(key, 0 < index < last, axis, a[axis], low, high))
    return found


def overlaps(drawing: Drawing) -> list[tuple[Segment, Segment]]:
    """Pairs of runs of different links on one line sharing more than SHARED of it."""
    return [
        (r, s)
        for r, s in combinations(_segments(drawing), 2)
        if r.link != s.link
        and (r.axis, r.at) == (s.axis, s.at)
        and min(r.high, s.high) - max(r.low, s.low) > SHARED
    ]


def _drawn(sample: Path, library: Library) -> Drawing:
    design = load(sample, library).design
    positions = {c.id: c.position for c in design.components if c.position is not None}
    return Drawing(design, library, positions)


def test_runs_of_different_links_rarely_share_a_line_in_the_samples(library: Library):
    found = {sample.name: overlaps(_drawn(sample, library)) for sample in SAMPLES}
    every = [pair for pairs in found.values() for pair in pairs]
    assert len(every) <= MOST_OVERLAPS, {name: pairs for name, pairs in found.items() if pairs}
    assert not [(r, s) for r, s in every if r.middle and s.middle]


def _staircase() -> Design:
    """A link from each of four boxes in one column to the box two rows lower in the next,
    with a box above the targets and one below the sources so that no course has one bend
    (down into a target's top, or out of a source's bottom): each turns twice, in the gap."""
    components = [
        Component(id=f"s{i}", type="service", position=(0.0, 100.0 * i)) for i in range(4)
    ]
    components += [
        Component(id=f"t{i}", type="service", position=(500.0, 100.0 * i + 200.0)) for i in range(4)
    ]
    components += [
        Component(id="cap", type="service", position=(500.0, 100.0)),
        Component(id="floor", type="service", position=(0.0, 400.0)),
    ]
    links = [Link.model_validate({"from": f"s{i}", "to": f"t{i}"}) for i in range(4)]
    return Design(archdraw=1, name="staircase", components=components, links=links)


def _middles(drawing: Drawing) -> list[Segment]:
    return sorted((s for s in _segments(drawing) if s.middle), key=lambda s: s.at)


def _centres(design: Design) -> dict[str, tuple[float, float]]:
    return {c.id: c.position for c in design.components if c.position is not None}


def test_links_down_a_staircase_take_nested_lanes_that_do_not_cross(library: Library):
    design = _staircase()  # all routed at the gap's middle, each sharing stretches
    drawing = Drawing(design, library, _centres(design))
    middles = _middles(drawing)
    assert len(middles) == 4 and {s.axis for s in middles} == {0}
    assert all(b.at - a.at == SPACING for a, b in pairwise(middles))
    assert not overlaps(drawing)
    # Each comes in from the left and leaves to the right lower down: the lowest one is the
    # leftmost, so no bend passes another lane where it runs.
    assert [s.link for s in middles] == [f"s{i}->t{i}" for i in (3, 2, 1, 0)]
    paths = [link.path for link in drawing.links.values()]
    for p, q in combinations(paths, 2):
        assert p is not None and q is not None and not crosses(p, q)
    gap = (drawing.boxes["s0"].rect.x1 + drawing.boxes["t0"].rect.x0) / 2
    assert sum(s.at for s in middles) / 4 == gap  # spread round the line they were routed on


def test_moving_a_box_spreads_its_channel_again_as_a_fresh_drawing_would(library: Library):
    design = _staircase()
    centres = _centres(design)
    drawing = Drawing(design, library, centres)
    for component_id, centre in (("t3", (500.0, 0.0)), ("s1", (-200.0, 900.0)), ("t3", (900, 0))):
        changed = drawing.move({component_id: centre})
        centres[component_id] = centre
        fresh = Drawing(design, library, centres)
        assert {k: d.path for k, d in drawing.links.items()} == {
            k: d.path for k, d in fresh.links.items()
        }
        assert changed


def _run(low: float, high: float, first: tuple[float, int], second: tuple[float, int]) -> Run:
    return Run((0, 100.0), low, high, (first, second))


def test_the_order_across_a_channel_has_the_fewest_crossings():
    # In from the left, down, out to the right, the second starting lower than the first
    # and ending lower: placed left of the first, neither bend meets the other's lane.
    first = _run(0.0, 50.0, (0.0, -1), (50.0, 1))
    second = _run(30.0, 80.0, (30.0, -1), (80.0, 1))
    assert least_crossing([first, second]) == [1, 0]
    # Two U-turns back to the left, one inside the other: the inner one nearest the left.
    inner_u = _run(20.0, 60.0, (20.0, -1), (60.0, -1))
    outer_u = _run(0.0, 100.0, (0.0, -1), (100.0, -1))
    assert least_crossing([outer_u, inner_u]) == [1, 0]
    # Bends that must cross whatever the order (an X): the order given is kept.
    down = _run(0.0, 50.0, (0.0, -1), (50.0, 1))
    up = _run(0.0, 50.0, (50.0, -1), (0.0, 1))
    assert least_crossing([down, up]) == [0, 1]
