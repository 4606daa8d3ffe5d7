"""Labels keep off zones' borders and titles and off instances badges, wherever the boxes
were put (by hand here: no layout chose these places)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from archdraw.drawing import Drawing
from archdraw.drawing.parts import LABEL_SHIFTS, ZoneDrawing, label_spots
from archdraw.io import load
from archdraw.layout import Rect
from archdraw.library import Library
from archdraw.model import Component, Design, Link, Zone

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_designs").glob("*.archdraw.yaml"))


def _design(
    places: dict[str, tuple[float, float]],
    links: list[tuple[str, str, str]],
    zoned: dict[str, str],
    props: dict[str, dict[str, object]] | None = None,
) -> Design:
    components = [
        Component(
            id=key,
            type="service",
            position=at,
            zone=zoned.get(key),
            props=(props or {}).get(key, {}),
        )
        for key, at in places.items()
    ]
    zones = [Zone(id=z, label=f"Zone {z}", kind="region") for z in sorted(set(zoned.values()))]
    made = [Link.model_validate({"from": a, "to": b, "label": text}) for a, b, text in links]
    return Design(archdraw=1, name="case", components=components, links=made, zones=zones)


def _drawn(design: Design, library: Library) -> Drawing:
    return Drawing(design, library, {c.id: c.position for c in design.components if c.position})


def _label(drawing: Drawing, key: str) -> Rect:
    label = drawing.links[key].label
    assert label is not None
    return label.rect


def _on_border(rect: Rect, zone: ZoneDrawing) -> bool:
    return any(rect.intersects(side) for side in zone.border)


def test_a_label_whose_middle_is_on_a_zone_border_moves_along_its_link_off_it(library: Library):
    # The link's middle lies 20 px outside the zone's left side: a label there would sit on it.
    design = _design({"a": (0.0, 0.0), "b": (240.0, 0.0)}, [("a", "b", "requests")], {"b": "z"})
    drawing = _drawn(design, library)
    zone, path = drawing.zones["z"], drawing.links["a->b"].path
    assert path is not None and abs(path.at(0.5)[0] - zone.rect.x0) < 30  # the case we mean
    label = _label(drawing, "a->b")
    assert not _on_border(label, zone)
    assert label.y0 < path.start[1] < label.y1  # still on its link


def test_a_label_keeps_off_the_title_of_the_zone_its_link_enters(library: Library):
    # A link down into a zone crosses its top border and title band near the middle.
    design = _design({"a": (0.0, -130.0), "b": (0.0, 60.0)}, [("a", "b", "reads")], {"b": "z"})
    drawing = _drawn(design, library)
    zone = drawing.zones["z"]
    label = _label(drawing, "a->b")
    assert not any(label.intersects(title) for title in zone.titles)
    assert not _on_border(label, zone)


def test_a_label_keeps_off_an_instances_badge(library: Library):
    # netflix's "continue watching" covered the API layer's x180: a short link into a box
    # with a badge from one up and to the right, the label's first free-of-lines spot on it.
    design = _design(
        {"a": (0.0, 0.0), "b": (240.0, -40.0)},
        [("b", "a", "continue watching")],
        {},
        {"a": {"replicas": 3}},
    )
    drawing = _drawn(design, library)
    badge = drawing.boxes["a"].badge
    assert badge is not None
    assert not _label(drawing, "b->a").intersects(badge)


def test_a_moved_zone_moves_the_labels_as_a_fresh_drawing_would(library: Library):
    design = _design(
        {"a": (0.0, 0.0), "b": (400.0, 0.0), "c": (400.0, 200.0)},
        [("a", "b", "requests"), ("a", "c", "writes")],
        {"b": "z", "c": "z"},
    )
    centres = {c.id: c.position for c in design.components if c.position}
    drawing = _drawn(design, library)
    for target in ((280.0, 0.0), (330.0, 40.0), (200.0, -80.0)):
        drawing.move({"b": target})
        moved = drawing.measure_zones()  # the drop, as the canvas makes it
        centres["b"] = target
        fresh = Drawing(design, library, centres)
        assert drawing.zones == fresh.zones
        for key, drawn in fresh.links.items():
            assert drawing.links[key] == drawn, key
        assert moved <= set(drawing.links)


def _spots(drawing: Drawing, key: str) -> list[tuple[Rect, Rect]]:
    """Every place the label of this link may take (as `label_on` tries them), with the room
    it claims from other lines: beside its link, from the link to as far again past it."""
    link, path = drawing.link(key), drawing.links[key].path
    assert link is not None and link.label and path is not None
    _text, half, points = label_spots(link.label, path)
    spots = []
    for s in LABEL_SHIFTS:
        for x, y in points:
            rect = Rect(x - half, y + s - 9, x + half, y + s + 9)
            claim = Rect(rect.x0, min(y, rect.y0 + min(s, 0)), rect.x1, max(y, rect.y1 + max(s, 0)))
            spots.append((rect, claim))
    return spots


def _free(drawing: Drawing, key: str, rect: Rect, claim: Rect) -> bool:
    """Whether nothing else drawn lies under this label's place: no box or badge, no other
    label, no line (in the room it claims), arrowhead or zone border or title."""
    for box in drawing.boxes.values():
        if rect.intersects(box.rect) or (box.badge is not None and rect.intersects(box.badge)):
            return False
    for other, drawn in drawing.links.items():
        if other != key and drawn.label is not None and rect.intersects(drawn.label.rect):
            return False
        if drawn.path is None:
            continue
        runs = [
            Rect(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
            for a, b in pairwise(drawn.path.points)
        ]
        if other != key and any(claim.intersects(run) for run in runs):
            return False
        xs, ys = zip(*drawn.path.arrowhead(), strict=True)
        if rect.intersects(Rect(min(xs), min(ys), max(xs), max(ys))):
            return False
    return not any(
        _on_border(rect, zone) or any(rect.intersects(t) for t in zone.titles)
        for zone in drawing.zones.values()
    )


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name.split(".")[0])
def test_no_label_in_the_samples_sits_on_a_zone_border_when_a_free_spot_exists(
    library: Library, sample: Path
):
    # Before labels kept off zones, 42 labels in the samples lay on a zone's border and 2 on
    # a zone's title; the few left on a border have no spot on their link clear of everything.
    drawing = _drawn(load(sample, library).design, library)
    for key, drawn in drawing.links.items():
        label = drawn.label
        if label is None:
            continue
        assert not any(label.rect.intersects(t) for z in drawing.zones.values() for t in z.titles)
        if any(_on_border(label.rect, zone) for zone in drawing.zones.values()):
            assert not any(_free(drawing, key, *spot) for spot in _spots(drawing, key)), key
