"""Frames of a drag re-place only the labels the move reaches; the drop lands on a fresh drawing."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from archdraw.drawing import Drawing
from archdraw.drawing.labels import Labels
from archdraw.io import load
from archdraw.layout import Rect
from archdraw.library import Library
from archdraw.model import Component, Design, Link

SAMPLES = Path(__file__).resolve().parents[2] / "sample_designs"


def _grid(count: int) -> Design:
    """Rows of six, each linked to its right and lower-right neighbours (labelled)."""
    components = [
        Component(id=f"c{i}", type="service", position=((i % 6) * 220.0, (i // 6) * 140.0))
        for i in range(count)
    ]
    links = [
        Link.model_validate({"from": f"c{i}", "to": f"c{j}", "label": f"calls {i}"})
        for i in range(count)
        for j in (i + 1, i + 7)
        if j < count
    ]
    return Design(archdraw=1, name="grid", components=components, links=links)


def _geometry(drawing: Drawing) -> dict[str, object]:
    return {key: (d.path, d.label) for key, d in drawing.links.items()}


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of the labels placed from now on, in order."""
    placed: list[str] = []
    label_for = Labels._label_for

    def counting(self: Labels, key: str, *args: object) -> object:
        placed.append(key)
        return label_for(self, key, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Labels, "_label_for", counting)
    return placed


@pytest.mark.parametrize("name", ["twitter", "uber"])
def test_frames_then_the_drop_land_where_a_fresh_drawing_would(library: Library, name: str):
    design = load(SAMPLES / f"{name}.archdraw.yaml", library).design
    centres = {c.id: c.position for c in design.components if c.position}
    drawing = Drawing(design, library, centres)
    dragged = [c.id for c in design.components[2:5]]
    for step in range(1, 9):  # down and right, across other boxes, links and labels
        moved = {i: (centres[i][0] + 37.0 * step, centres[i][1] + 23.0 * step) for i in dragged}
        drawing.move(moved, settle=False)
        for key, drawn in drawing.links.items():  # each moved link's label follows it
            if drawn.label is not None and set(dragged) & {drawn.source, drawn.target}:
                assert drawn.path is not None and _near_run(drawn.path.points, drawn.label.rect), (
                    key
                )
    drawing.settle()
    drawing.measure_zones()  # the drop, as the canvas makes it: the zones follow their members
    centres.update(moved)
    assert _geometry(drawing) == _geometry(Drawing(design, library, centres))


def _near_run(points: tuple[tuple[float, float], ...], rect: Rect) -> bool:
    """Whether a run of the course passes within 30 of the label's centre."""
    x, y = rect.centre
    for (x0, y0), (x1, y1) in pairwise(points):
        if min(x0, x1) - 30 <= x <= max(x0, x1) + 30 and min(y0, y1) - 30 <= y <= max(y0, y1) + 30:
            return True
    return False


def test_a_frame_places_fewer_labels_than_the_drop(
    library: Library, monkeypatch: pytest.MonkeyPatch
):
    design = _grid(120)
    centres = {c.id: c.position for c in design.components if c.position}
    drawing = Drawing(design, library, centres)
    placed = _counted(monkeypatch)
    for step in range(1, 6):
        drawing.move({"c44": (centres["c44"][0] + 30.0 * step, centres["c44"][1])}, settle=False)
    in_frames = len(placed)
    drawing.settle()
    at_drop = len(placed) - in_frames
    # Each frame: the dragged box's four links and the few labels it or they now lie on;
    # the labels that could take a better spot are placed once, at the drop.
    assert in_frames / 5 < at_drop
    centres["c44"] = (centres["c44"][0] + 150.0, centres["c44"][1])
    assert _geometry(drawing) == _geometry(Drawing(design, library, centres))
