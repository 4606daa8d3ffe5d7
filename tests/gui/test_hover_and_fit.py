"""Names and findings one look or one hover away: titles at fit are drawn at a readable size,
hovering a findings marker lists its findings, hovering a box too small for its name names it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor

from archdraw.drawing import face_at
from archdraw.drawing.faces import READABLE_PX
from archdraw.drawing.parts import ZONE_TITLE_SIZE
from archdraw.gui.canvas.component_item import ComponentItem
from archdraw.style import NODE_WIDTH

from .conftest import hover_text

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sample_designs"
SMALLEST_NAMED_BOX_PX = 25.0  # on screen; smaller boxes are named on hover


def _largest_sample() -> Path:
    return max(SAMPLES.glob("*.archdraw.yaml"), key=lambda p: p.read_text().count("type:"))


@pytest.mark.parametrize("size", [(1366, 768), (1600, 1000)])
def test_at_fit_on_the_largest_sample_every_title_is_readable(window, qtbot, size):  # type: ignore[no-untyped-def]
    assert window.files.open_path(_largest_sample())
    window.resize(*size)
    qtbot.wait(30)
    window.view.fit()
    qtbot.wait(30)
    scale = window.view.scale_factor()
    assert NODE_WIDTH * scale >= SMALLEST_NAMED_BOX_PX  # what the floor below rests on
    small = []
    for item in window.scene.components.values():
        titles = [run for run in face_at(item.look, scale).texts if run.role == "title"]
        on_screen = min((run.size * scale for run in titles), default=0.0)
        if on_screen < READABLE_PX:
            small.append((item.look.title, round(on_screen, 1)))
    assert small == []


def _marker(window, qtbot, kind: str = "component") -> tuple[str, QPoint]:  # type: ignore[no-untyped-def]
    """The naive RAG sample linted, centred on the marker of a `kind` of element: the
    element's id (a link's key) and where the marker is on screen."""
    assert window.files.open_path(SAMPLES / "rag-pipeline-naive.archdraw.yaml")
    window.lint.run_now()
    qtbot.waitUntil(lambda: bool(window.scene.drawing.markers), timeout=5000)
    markers = window.scene.drawing.markers
    target = next(t for t in markers if t[0] == kind)
    window.view.centerOn(*markers[target].centre)
    qtbot.wait(20)
    return target[1], window.view.mapFromScene(*markers[target].centre)


def test_hovering_a_findings_marker_lists_its_findings(window, qtbot):  # type: ignore[no-untyped-def]
    component_id, spot = _marker(window, qtbot)
    component = window.scene.design.component(component_id)
    assert component is not None
    text = hover_text(window, qtbot, spot)
    found = [f for f in window.lint.findings if f.component == component_id]
    assert text.startswith(f"{component.title}\n")
    assert f"\n{len(found)} finding" in text
    worst = min(found, key=lambda f: ("error", "warning", "info").index(f.severity))
    assert f"{worst.code} {worst.severity}: {worst.message}" in text


def _open_generated(window, qtbot, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """1,000 components on a grid in five zones (the editor benchmark's design), linted."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from bench_editor import generate
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    path = folder / "big.archdraw.yaml"
    path.write_text(generate(1000))
    assert window.files.open_path(path)
    qtbot.waitUntil(lambda: bool(window.scene.findings), timeout=30000)  # markers placed


def test_hovering_a_box_too_small_for_its_name_names_it(window, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    _open_generated(window, qtbot, tmp_path)
    window.view.fit()
    qtbot.wait(30)
    scale = window.view.scale_factor()
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()

    def alone(item: ComponentItem) -> bool:  # no other box or other element's marker within 4 px
        steps = (-4.0, 0.0, 4.0)
        spot = QPointF(window.view.mapToScene(window.view.mapFromScene(item.pos())))
        near = [spot + QPointF(dx, dy) / scale for dx in steps for dy in steps]
        area = QRectF(near[0], near[-1])
        others = [i for i in window.scene.items(area) if isinstance(i, ComponentItem)]
        own = (None, ("component", item.component_id))
        return others == [item] and all(window.scene.markers.at(p, scale) in own for p in near)

    item = next(
        i
        for i in window.scene.components.values()
        if visible.contains(i.sceneBoundingRect()) and alone(i)
    )
    assert face_at(item.look, scale).texts == ()  # too small to write in
    spot = window.view.mapFromScene(item.pos())
    text = hover_text(window, qtbot, spot)
    assert text.splitlines()[:2] == [item.look.title, item.look.type_label]


def test_clicking_a_marker_selects_its_element_and_its_finding(window, qtbot):  # type: ignore[no-untyped-def]
    component_id, spot = _marker(window, qtbot)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.wait(20)
    assert window.scene.selected_component_ids() == [component_id]
    chosen = window.findings.current()
    assert chosen is not None and chosen.component == component_id
    assert not window.document.dirty  # a click on a marker starts no move and no link


def test_at_fit_zone_titles_are_drawn(window, qtbot):  # type: ignore[no-untyped-def]
    assert window.files.open_path(_largest_sample())
    window.resize(1600, 1000)
    qtbot.wait(30)
    window.view.fit()
    window.scene.clearSelection()
    qtbot.wait(30)
    view = window.view
    assert ZONE_TITLE_SIZE * view.scale_factor() < READABLE_PX  # the normal heading is too small
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    blank = []
    for zone_id, item in window.scene.zones.items():
        band = view.mapFromScene(item.title_rect()).boundingRect().adjusted(2, 1, -2, 0)
        ink = sum(
            QColor(image.pixel(int(x * ratio), int(y * ratio))).lightness() < 110
            for x in range(band.left(), band.right())
            for y in range(band.top(), band.bottom())
        )
        if ink < 10:
            blank.append(zone_id)
    assert blank == []


def test_far_out_zone_titles_are_drawn_over_the_boxes(window, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    _open_generated(window, qtbot, tmp_path)
    window.resize(1600, 1000)
    qtbot.wait(30)
    window.view.fit()
    qtbot.wait(30)
    view = window.view
    scale = view.scale_factor()
    shown = dict((text, rect) for rect, text in window.scene.zone_headings.shown())
    assert sorted(shown) == sorted(z.title for z in window.document.design.zones)
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    for rect in shown.values():
        assert rect.height() * scale >= READABLE_PX  # the label holds text of 7 px or more
        area = view.mapFromScene(rect).boundingRect().adjusted(1, 1, -1, -1)
        ink = sum(
            QColor(image.pixel(int(x * ratio), int(y * ratio))).lightness() < 110
            for x in range(area.left(), area.right())
            for y in range(area.top(), area.bottom())
        )
        assert ink >= 10


def test_hovering_a_links_marker_names_the_link_by_its_ends(window, qtbot):  # type: ignore[no-untyped-def]
    key, spot = _marker(window, qtbot, "link")
    link = window.scene.drawing.link(key)
    design = window.document.design
    ends = [design.component(link.source), design.component(link.target)]
    text = hover_text(window, qtbot, spot)
    assert text.startswith(f"{ends[0].title} → {ends[1].title}\n")
