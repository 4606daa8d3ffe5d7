"""The canvas draws what the SVG export draws: boxes, routes, arrows, labels, zones, markers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF

from archdraw.export.svg import export_svg
from archdraw.io import load

from .conftest import send_mouse

SAMPLES = Path(__file__).resolve().parents[2] / "sample_designs"
NS = "{http://www.w3.org/2000/svg}"

Geometry = dict[str, object]


def _r(*values: float) -> tuple[float, ...]:
    return tuple(round(v, 2) for v in values)  # as the SVG writes numbers


def _points(spelled: str, dx: float, dy: float) -> tuple[tuple[float, ...], ...]:
    pairs = [p.split(",") for p in spelled.split()]
    return tuple(_r(float(x) - dx, float(y) - dy) for x, y in pairs)


def _parts(boxes, zones, lines, arrows, labels, markers) -> Geometry:  # type: ignore[no-untyped-def]
    """One shape for both sides: lists sorted, since the two draw in their own order."""
    return {
        "boxes": boxes,
        "zones": zones,
        "lines": lines,
        "arrows": sorted(arrows),
        "labels": sorted(labels),
        "markers": sorted(markers),
    }


def svg_geometry(svg: str) -> Geometry:
    """What the SVG draws, in design coordinates (those of the group that shifts it by a margin)."""
    root = ET.fromstring(svg)
    group = root.find(f"{NS}g")
    assert group is not None and group.get("transform", "").startswith("translate(")
    dx = dy = 0.0
    boxes, zones, lines, arrows, labels, markers = {}, {}, {}, [], [], []
    for element in group:
        kind = element.get("class")
        if kind in ("component", "zone"):
            rect = element.find(f"{NS}rect")
            assert rect is not None
            x, y = float(rect.get("x", 0)) - dx, float(rect.get("y", 0)) - dy
            w, h = float(rect.get("width", 0)), float(rect.get("height", 0))
            (boxes if kind == "component" else zones)[element.get("data-id")] = _r(x, y, w, h)
        elif kind == "link" and element.tag == f"{NS}line":
            lines[element.get("data-key")] = (
                _r(float(element.get("x1", 0)) - dx, float(element.get("y1", 0)) - dy),
                _r(float(element.get("x2", 0)) - dx, float(element.get("y2", 0)) - dy),
            )
        elif kind == "link":
            lines[element.get("data-key")] = _points(element.get("points", ""), dx, dy)
        elif kind == "arrow":
            arrows.append(_points(element.get("points", ""), dx, dy))
        elif kind == "link-label":
            x, y = float(element.get("x", 0)) - dx, float(element.get("y", 0)) - dy
            labels.append(_r(x, y, float(element.get("width", 0)), float(element.get("height", 0))))
        elif kind == "finding":
            circle = element.find(f"{NS}circle")
            assert circle is not None
            markers.append(_r(float(circle.get("cx", 0)) - dx, float(circle.get("cy", 0)) - dy))
    return _parts(boxes, zones, lines, arrows, labels, markers)


def canvas_geometry(window) -> Geometry:  # type: ignore[no-untyped-def]
    """What the canvas items draw, read from the scene."""
    scene = window.scene
    boxes = {}
    for component_id, item in scene.components.items():
        box = item.mapRectToScene(item.box())
        boxes[component_id] = _r(box.x(), box.y(), box.width(), box.height())
    zones = {
        zone_id: _r(z.rect.x(), z.rect.y(), z.rect.width(), z.rect.height())
        for zone_id, z in scene.zones.items()
    }
    lines, arrows, labels = {}, [], []
    for key, item in scene.links.items():
        if item.line.size() < 2:
            continue
        lines[key] = tuple(_r(p.x(), p.y()) for p in item.line)
        arrows.append(tuple(_r(p.x(), p.y()) for p in item.arrow))
        if item.label_rect is not None:
            r = item.label_rect
            labels.append(_r(r.x(), r.y(), r.width(), r.height()))
    markers = [_r(*m.centre) for m in scene.markers.markers.values()]
    return _parts(boxes, zones, lines, arrows, labels, markers)


def _open(window, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    loaded = load(SAMPLES / f"{name}.archdraw.yaml", window.library)
    window.files.replace(loaded.design, None)
    window.lint.run_now()
    qtbot.waitUntil(lambda: not window.lint.busy)
    qtbot.wait(50)


def _export(window) -> Geometry:  # type: ignore[no-untyped-def]
    svg = export_svg(window.document.design, window.library, findings=window.lint.findings)
    return svg_geometry(svg)


@pytest.mark.parametrize(
    ("name", "links", "markers"), [("twitter", 25, 0), ("twitter-naive", 6, 5)]
)
def test_canvas_and_svg_draw_the_same_geometry(window, qtbot, name, links, markers):  # type: ignore[no-untyped-def]
    _open(window, qtbot, name)
    on_canvas, exported = canvas_geometry(window), _export(window)
    assert len(exported["lines"]) >= links and len(exported["labels"]) >= links // 2
    assert any(len(points) > 2 for points in exported["lines"].values())  # routed, with bends
    assert len(exported["markers"]) >= markers
    for part in exported:
        assert on_canvas[part] == exported[part], part


def test_after_a_drag_the_canvas_still_matches_a_fresh_export(window, qtbot):  # type: ignore[no-untyped-def]
    _open(window, qtbot, "twitter")
    window.view.actual_size()
    item = window.scene.components["timeline_svc"]
    start = item.pos()
    window.view.centerOn(start)
    qtbot.wait(20)
    send_mouse(window, QEvent.Type.MouseButtonPress, start)
    for step in range(1, 6):
        send_mouse(window, QEvent.Type.MouseMove, start + QPointF(0, 30 * step))
        qtbot.wait(5)
    send_mouse(window, QEvent.Type.MouseButtonRelease, start + QPointF(0, 150))
    qtbot.wait(20)
    moved = window.document.design.component("timeline_svc").position
    assert moved is not None and abs(moved[1] - start.y() - 150) <= 10  # snapped to the grid
    window.lint.run_now()
    qtbot.waitUntil(lambda: not window.lint.busy)
    qtbot.wait(50)
    on_canvas, exported = canvas_geometry(window), _export(window)
    for part in exported:
        assert on_canvas[part] == exported[part], part
