"""The drawing description: routes round boxes, labels clear of boxes, incremental = fresh."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

from archdraw.drawing import Drawing, face, level_at
from archdraw.drawing.faces import READABLE_PX
from archdraw.drawing.grid import GridIndex
from archdraw.drawing.routing import route
from archdraw.io import load
from archdraw.layout import Rect, node_rect
from archdraw.library import Library
from archdraw.model import Component, Design, Link

SAMPLES = Path(__file__).resolve().parents[2] / "sample_designs"


def _crosses(points: tuple[tuple[float, float], ...], box: Rect) -> bool:
    for (x0, y0), (x1, y1) in pairwise(points):
        segment = Rect(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)).grown(0.5, 0.5, 0.5, 0.5)
        if segment.intersects(box):
            return True
    return False


def _index(rects: dict[str, Rect]) -> GridIndex:
    index = GridIndex()
    for key, rect in rects.items():
        index.put(key, (rect,))
    return index


def test_a_link_goes_round_the_box_between_its_ends():
    boxes = {"a": node_rect((0, 0)), "b": node_rect((250, 0)), "c": node_rect((500, 0))}
    path = route(boxes["a"], boxes["c"], _index(boxes))
    assert path is not None
    assert not _crosses(path.points, boxes["b"])
    assert all(a[0] == b[0] or a[1] == b[1] for a, b in pairwise(path.points))
    assert path.start[1] in (boxes["a"].y0, boxes["a"].y1)  # leaves over or under b
    tip = path.end
    assert boxes["c"].x0 <= tip[0] <= boxes["c"].x1 and tip[1] in (boxes["c"].y0, boxes["c"].y1)


def test_neighbours_in_a_row_get_a_straight_link():
    boxes = {"a": node_rect((0, 0)), "b": node_rect((250, 10))}
    path = route(boxes["a"], boxes["b"], _index(boxes))
    assert path is not None and len(path.points) == 2
    assert path.start == (boxes["a"].x1, path.end[1]) and path.end[0] == boxes["b"].x0


def _grid(count: int) -> Design:
    """Rows of six, each linked to its right and lower-right neighbours (labelled)."""
    components = [
        Component(id=f"c{i}", type="service", position=((i % 6) * 220.0, (i // 6) * 140.0))
        for i in range(count)
    ]
    links = [
        Link.model_validate({"from": f"c{i}", "to": f"c{j}", "label": "calls"})
        for i in range(count)
        for j in (i + 1, i + 7)
        if j < count
    ]
    return Design(archdraw=1, name="grid", components=components, links=links)


def _geometry(drawing: Drawing) -> dict[str, object]:
    return {
        key: (d.path.points if d.path else None, d.label.rect if d.label else None)
        for key, d in drawing.links.items()
    }


def test_moving_a_component_redraws_as_a_fresh_drawing_would(library: Library):
    design = _grid(120)
    centres = {c.id: c.position for c in design.components if c.position}
    drawing = Drawing(design, library, centres)
    moves = [("c7", (300.0, 160.0)), ("c12", (610.0, 90.0)), ("c7", (5.0, 5.0)), ("c60", (0, 0))]
    for component_id, target in moves:
        changed = drawing.move({component_id: target})
        centres[component_id] = target
        fresh = Drawing(design, library, centres)
        assert _geometry(drawing) == _geometry(fresh)
        assert changed and len(changed) < len(design.links)  # only what the move touched


def test_labels_sit_on_their_link_clear_of_every_box(library: Library):
    design = load(SAMPLES / "twitter.archdraw.yaml", library).design
    drawing = Drawing(design, library, {c.id: c.position for c in design.components if c.position})
    labels = [d.label for d in drawing.links.values() if d.label is not None]
    assert len(labels) >= 20
    clear = [
        label
        for label in labels
        if not any(b.rect.intersects(label.rect) for b in drawing.boxes.values())
    ]
    assert len(clear) >= len(labels) - 1


@pytest.mark.parametrize(
    ("title", "far_scale"), [("Timeline service", 0.35), ("A very long component name indeed", 0.5)]
)
def test_a_small_box_keeps_a_larger_title_and_drops_the_rest(
    library: Library, title: str, far_scale: float
):
    design = Design(
        archdraw=1,
        name="x",
        components=[
            Component(id="a", type="service", label=title, position=(0, 0), props={"replicas": 3})
        ],
    )
    look = Drawing(design, library, {"a": (0, 0)}).boxes["a"].look
    full = face(look, level_at(look, 1.0))
    assert full.level == "full" and full.icon is not None and full.badge is not None
    assert {run.role for run in full.texts} == {"title", "type", "badge"}
    far = face(look, level_at(look, far_scale))
    assert far.level == "title" and far.icon is None and far.badge is None
    assert {run.role for run in far.texts} == {"title"}
    assert far.texts[0].size * far_scale >= READABLE_PX  # made out on screen
    assert " ".join(run.text for run in far.texts) == title
    assert level_at(look, 0.05) == "box"


@dataclass
class FakeFinding:
    code: str
    severity: str
    message: str
    component: str | None = None
    link: str | None = None
    zone: str | None = None


def test_findings_kept_up_to_date_mark_as_fresh_ones(library: Library):
    design = _grid(24)
    centres = {c.id: c.position for c in design.components if c.position}
    first = [FakeFinding("AD101", "error", f"one {i}", component=f"c{i}") for i in range(0, 24, 2)]
    second = [FakeFinding("AD201", "warning", "busy", link="c3->c4"), *first[3:]]
    second.append(FakeFinding("AD101", "info", "two", component="c0"))
    drawing = Drawing(design, library, centres)
    drawing.set_findings(first)
    drawing.set_findings(second)  # some findings stay (same objects), some go, some come
    fresh = Drawing(design, library, centres, second)
    assert drawing.markers == fresh.markers
    assert ("link", "c3->c4") in drawing.markers and ("component", "c2") not in drawing.markers
    assert drawing.markers[("component", "c0")].count == 1


def test_a_deleted_component_loses_its_marker_and_an_undo_restores_it(library: Library):
    design = _grid(12)
    centres = {c.id: c.position for c in design.components if c.position}
    findings = [
        FakeFinding("AD101", "error", "one", component="c1"),
        FakeFinding("AD205", "info", "no timeout", link="c1->c2"),
    ]
    drawing = Drawing(design, library, centres, findings)
    assert {("component", "c1"), ("link", "c1->c2")} <= set(drawing.markers)
    removed = design.components.pop(1)
    kept_links = list(design.links)
    design.links = [k for k in design.links if "c1" not in (k.source, k.target)]
    drawing.sync_components(["c1"])
    drawing.sync_links()
    assert ("component", "c1") not in drawing.markers  # at once, before a lint run
    assert ("link", "c1->c2") not in drawing.markers
    drawing.set_findings([])  # the lint run after the delete
    design.components.insert(1, removed)  # undo
    design.links = kept_links
    drawing.sync_components(["c1"])
    drawing.sync_links()
    drawing.set_findings(findings)
    assert drawing.markers == Drawing(design, library, centres, findings).markers
