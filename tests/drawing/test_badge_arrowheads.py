"""Arrowheads stay off the instances badge at a box's top-right corner: a course that would
end on it slides along the side it enters, and keeps the side it was routed to."""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pytest

from archdraw.drawing import Drawing, LinkPath
from archdraw.drawing.routing import route
from archdraw.io import load
from archdraw.layout import Rect
from archdraw.library import Library
from archdraw.model import Component, Design, Link

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_designs").glob("*.archdraw.yaml"))


def _on(path: LinkPath, badge: Rect) -> bool:
    """Whether the arrowhead's triangle (its bounding box) overlaps the badge's pill."""
    xs, ys = zip(*path.arrowhead(), strict=True)
    return min(xs) < badge.x1 and max(xs) > badge.x0 and min(ys) < badge.y1 and max(ys) > badge.y0


def _pair(source: tuple[float, float], replicas: int = 3) -> Design:
    return Design(
        archdraw=1,
        name="pair",
        components=[
            Component(id="a", type="service", position=source),
            Component(id="b", type="service", position=(0.0, 0.0), props={"replicas": replicas}),
        ],
        links=[Link.model_validate({"from": "a", "to": "b"})],
    )


# Sources all round the target, near and far: some courses enter its top or right side
# close to the top-right corner.
AROUND = [(float(x), float(y)) for x, y in product(range(-900, 901, 60), range(-600, 601, 40))]


def test_no_arrowhead_lands_on_a_badge_wherever_the_source_is(library: Library):
    slid = rerouted = 0
    for source in AROUND:
        drawing = Drawing(_pair(source), library, {"a": source, "b": (0.0, 0.0)})
        target, path = drawing.boxes["b"], drawing.links["a->b"].path
        if path is None:
            continue
        badge = target.badge
        assert badge is not None
        assert not _on(path, badge), source
        # The course without a badge to avoid: the very same unless it ended on the badge.
        plain = route(drawing.boxes["a"].rect, target.rect, drawing._box_index)
        assert plain is not None
        if plain == path:
            continue
        assert _on(plain, badge), source
        if len(plain.points) == len(path.points):  # slid along the side it enters
            slid += 1
            assert plain.points[:-2] == path.points[:-2]
            side = 1 if plain.end[1] == target.rect.y0 else 0  # top side: y stays
            assert path.end[side] == plain.end[side]
        else:  # a straight link that could not slide: the cheapest clear course
            rerouted += 1
            assert len(plain.points) == 2
    assert slid >= 10 and rerouted >= 1  # the corner cases this test is about were met


def test_a_box_without_badge_keeps_the_corner_port(library: Library):
    source = (240.0, -300.0)  # up and to the right: enters the top side by the corner
    badged = Drawing(_pair(source), library, {"a": source, "b": (0.0, 0.0)})
    plain = Drawing(_pair(source, replicas=1), library, {"a": source, "b": (0.0, 0.0)})
    assert plain.boxes["b"].badge is None
    before = route(plain.boxes["a"].rect, plain.boxes["b"].rect, plain._box_index)
    assert plain.links["a->b"].path == before
    after = badged.links["a->b"].path
    assert before is not None and after is not None and after != before
    badge = badged.boxes["b"].badge
    assert badge is not None and _on(before, badge) and not _on(after, badge)
    assert after.end[1] == before.end[1] == badged.boxes["b"].rect.y0  # still the top side
    assert after.end[0] < badge.x0


def test_a_badge_that_comes_with_an_edit_moves_the_arrowhead_off_it(library: Library):
    source = (240.0, -300.0)
    design = _pair(source, replicas=1)
    drawing = Drawing(design, library, {"a": source, "b": (0.0, 0.0)})
    before = drawing.links["a->b"].path
    design.components[1].props["replicas"] = 4  # as an edit leaves it, then the canvas asks
    changed = drawing.sync_components(["b"])
    assert "a->b" in changed
    badge = drawing.boxes["b"].badge
    after = drawing.links["a->b"].path
    assert badge is not None and before is not None and after is not None
    assert _on(before, badge) and not _on(after, badge)
    fresh = Drawing(design, library, {"a": source, "b": (0.0, 0.0)})
    assert fresh.links["a->b"].path == after  # incremental = fresh


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name.split(".")[0])
def test_no_arrowhead_on_a_badge_in_the_samples(library: Library, sample: Path):
    design = load(sample, library).design
    positions = {c.id: c.position for c in design.components if c.position is not None}
    drawing = Drawing(design, library, positions)
    for link in drawing.links.values():
        badge = drawing.boxes[link.target].badge if link.target in drawing.boxes else None
        if link.path is not None and badge is not None:
            assert not _on(link.path, badge), link.key
