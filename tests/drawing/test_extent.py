"""An image is cropped to what the drawing shows: every link's course and arrowhead too."""

from __future__ import annotations

from pathlib import Path

import pytest

from archdraw.drawing import Drawing
from archdraw.io import load
from archdraw.library import Library
from archdraw.model import Component, Design, Link

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_designs").glob("*.archdraw.yaml"))


def _outside(drawing: Drawing) -> list[str]:
    """The keys of the links drawn (in part) outside the drawing's extent."""
    extent = drawing.extent()
    assert extent is not None
    outside = []
    for key, drawn in drawing.links.items():
        if drawn.path is None:
            continue
        for x, y in (*drawn.path.points, *drawn.path.arrowhead()):
            if not (extent.x0 <= x <= extent.x1 and extent.y0 <= y <= extent.y1):
                outside.append(key)
                break
    return outside


def test_a_detour_round_the_box_in_between_is_inside_the_extent(library: Library):
    # Three boxes in a row, the outer two linked: the link goes below the middle box, past
    # every box's bottom side (an image cropped to the boxes cut its corner off).
    places = {"a": (0.0, 0.0), "b": (250.0, 0.0), "c": (500.0, 0.0)}
    components = [Component(id=k, type="service", position=p) for k, p in places.items()]
    link = Link.model_validate({"from": "a", "to": "c"})
    drawing = Drawing(
        Design(archdraw=1, name="row", components=components, links=[link]), library, places
    )
    path, extent = drawing.links["a->c"].path, drawing.extent()
    assert path is not None and extent is not None
    assert path.bounds().y1 > max(box.rect.y1 for box in drawing.boxes.values())
    assert not _outside(drawing)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name.split(".")[0])
def test_every_link_of_the_samples_is_inside_the_extent(library: Library, sample: Path):
    design = load(sample, library).design
    positions = {c.id: c.position for c in design.components if c.position is not None}
    assert not _outside(Drawing(design, library, positions))
