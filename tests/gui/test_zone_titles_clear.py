"""A zone's heading and kind are written clear of the links crossing its top, on the canvas
and in the exports alike (a new user's trial, session 14: "region" struck through by a
link read as nothing)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from archdraw.drawing import Drawing
from archdraw.drawing.parts import ZONE_TEXT_INSET
from archdraw.export.svg import complete_positions, export_svg
from archdraw.io import load
from archdraw.layout import Rect
from archdraw.library import Library, builtin_library

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_designs").glob("*.archdraw.yaml"))
NS = "{http://www.w3.org/2000/svg}"


def _struck(drawing: Drawing, written: Rect) -> list[str]:
    """The links whose lines run through `written`."""
    struck = []
    for key, link in drawing.links.items():
        if link.path is None:
            continue
        for a, b in pairwise(link.path.points):
            run = Rect(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
            if run.intersects(written):
                struck.append(key)
                break
    return struck


@pytest.fixture(scope="module")
def library() -> Library:
    return builtin_library()


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name.split(".")[0])
def test_no_link_runs_through_a_zone_kind_and_a_heading_moves_off_one(path, library):  # type: ignore[no-untyped-def]
    design = load(path, library).design
    drawing = Drawing(design, library, complete_positions(design, library))
    for zone in drawing.zones.values():
        heading, *kind = zone.titles
        if kind:
            assert not _struck(drawing, kind[0]), (zone.id, zone.kind)
        if _struck(drawing, heading):
            # Only where no stretch of the top is clear for it: then it keeps its place.
            assert zone.heading_x == zone.rect.x0 + ZONE_TEXT_INSET, zone.id


def test_the_canvas_writes_the_titles_where_the_export_does(window, qtbot):  # type: ignore[no-untyped-def]
    path = next(p for p in SAMPLES if p.name == "health-checker.archdraw.yaml")
    loaded = load(path, window.library)
    window.files.replace(loaded.design, None)
    qtbot.waitUntil(lambda: "ap" in window.scene.zones)
    _same_as_the_export(window)
    # In ap-southeast a link ran through "region" at its usual place: it moved left.
    ap = window.scene.zones["ap"]
    right = ap.rect.right() - ZONE_TEXT_INSET
    assert ap.written[1] is not None and ap.written[1] < right - 10
    # That link deleted (Delete key), "region" goes back to its place; Undo, left again.
    crossing = next(k for k in window.scene.links if k.startswith("probers_eu->targets"))
    window.scene.select_ids([crossing])
    window.view.setFocus()
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: crossing not in window.scene.links)
    assert ap.written[1] == right
    _same_as_the_export(window)
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: crossing in window.scene.links)
    assert ap.written[1] is not None and ap.written[1] < right - 10
    _same_as_the_export(window)


def _same_as_the_export(window) -> None:  # type: ignore[no-untyped-def]
    svg = ET.fromstring(export_svg(window.document.design, window.library))
    group = svg.find(f"{NS}g")  # in the design's coordinates, shifted as a whole
    assert group is not None
    exported: dict[str, tuple[float, float | None]] = {}
    for element in group:
        if element.get("class") == "zone":
            texts = element.findall(f"{NS}text")
            heading = float(texts[0].get("x", 0))
            kind = float(texts[1].get("x", 0)) if len(texts) > 1 else None
            exported[str(element.get("data-id"))] = (heading, kind)
    assert exported.keys() == window.scene.zones.keys()
    for zone_id, item in window.scene.zones.items():
        heading, kind = item.written
        assert exported[zone_id][0] == pytest.approx(heading, abs=0.01), zone_id
        if kind is None:
            assert exported[zone_id][1] is None, zone_id
        else:
            assert exported[zone_id][1] == pytest.approx(kind, abs=0.01), zone_id
