"""Zoomed out, where link labels are too small to draw, the labels of the links in focus
(the selected component's, the selected link's, the one under the pointer) stay readable."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QImage

from archdraw.drawing.faces import READABLE_PX
from archdraw.drawing.parts import LINK_LABEL_SIZE
from archdraw.gui.canvas.focus_labels import MAX_FOCUS
from archdraw.layout import Rect

SAMPLES = Path(__file__).resolve().parents[2] / "sample_designs"
FAR = 0.4  # 11 px labels would be 4.4 px on screen: the links draw none


def _open_far(window, qtbot, name: str = "ecommerce"):  # type: ignore[no-untyped-def]
    assert window.files.open_path(SAMPLES / f"{name}.archdraw.yaml")
    window.view.actual_size()
    window.view.zoom_by(FAR)
    qtbot.wait(20)
    assert LINK_LABEL_SIZE * window.view.scale_factor() < READABLE_PX


def _rect(rect: QRectF) -> Rect:
    return Rect(rect.left(), rect.top(), rect.right(), rect.bottom())


def _changed(before: QImage, after: QImage, area: QRectF) -> int:
    rect = area.toAlignedRect()
    return sum(
        before.pixel(x, y) != after.pixel(x, y)
        for x in range(max(rect.left(), 0), min(rect.right(), before.width()))
        for y in range(max(rect.top(), 0), min(rect.bottom(), before.height()))
    )


def test_selecting_a_component_shows_its_links_labels_at_a_readable_size(window, qtbot):  # type: ignore[no-untyped-def]
    _open_far(window, qtbot)
    scene, view = window.scene, window.view
    component = next(
        c
        for c in scene.components
        if any(scene.drawing.links[k].label for k in scene.drawing.links_at(c))
    )
    labelled = [k for k in scene.drawing.links_at(component) if scene.drawing.links[k].label]
    view.centerOn(
        scene.drawing.links[labelled[0]].label.rect.centre[0],
        scene.drawing.links[labelled[0]].label.rect.centre[1],
    )
    qtbot.wait(20)
    before = view.viewport().grab().toImage()
    middle = view.mapFromScene(scene.components[component].pos()) + QPoint(0, 4)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    qtbot.wait(30)
    assert scene.selected_component_ids() == [component]
    shown = dict((text, rect) for rect, text in scene.focus.shown())
    label = scene.drawing.links[labelled[0]].label
    assert label.text in shown
    on_screen = view.mapFromScene(shown[label.text]).boundingRect()
    assert on_screen.height() * LINK_LABEL_SIZE / 18 >= READABLE_PX - 0.5  # text size on screen
    after = view.viewport().grab().toImage()
    assert _changed(before, after, QRectF(on_screen)) > on_screen.width()  # drawn, not only listed


def test_hovering_a_link_shows_its_label(window, qtbot):  # type: ignore[no-untyped-def]
    _open_far(window, qtbot)
    scene, view = window.scene, window.view
    key = next(k for k, d in scene.drawing.links.items() if d.label and d.path)
    point = scene.links[key].course_middle()
    view.centerOn(point)
    qtbot.wait(20)
    qtbot.mouseMove(view.viewport(), view.mapFromScene(point))
    qtbot.waitUntil(lambda: bool(scene.focus.shown()), timeout=2000)
    assert [text for _, text in scene.focus.shown()] == [scene.drawing.links[key].label.text]
    qtbot.mouseMove(view.viewport(), QPoint(2, 2))
    qtbot.waitUntil(lambda: not scene.focus.shown(), timeout=2000)


def test_a_large_selection_labels_only_the_hovered_link(window, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(SAMPLES.parent / "benchmarks"))
    try:
        from bench_editor import generate  # every fifth link labelled
    finally:
        sys.path.remove(str(SAMPLES.parent / "benchmarks"))
    path = tmp_path / "grid.archdraw.yaml"
    path.write_text(generate(300))
    assert window.files.open_path(path)
    window.view.actual_size()
    window.view.zoom_by(FAR)
    scene = window.scene
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all
    qtbot.wait(30)
    labelled = [k for k, d in scene.drawing.links.items() if d.label]
    assert len(scene.selected_component_ids()) == len(scene.components)
    assert len(labelled) > MAX_FOCUS and scene.focus.shown() == []


def test_a_grown_label_moves_off_a_zone_title_as_link_labels_do(window, qtbot):  # type: ignore[no-untyped-def]
    # In this sample, the label of probers_us -> results grown at FAR, centred where the
    # Drawing put it, would cover the kind of the zone it runs beside (ai-job-queue's
    # job_api -> llm_queue was the case until zone headings moved off the links crossing them).
    _open_far(window, qtbot, "health-checker")
    scene, view = window.scene, window.view
    key = "probers_us->results"
    label = scene.drawing.links[key].label
    point = scene.links[key].course_middle()
    view.centerOn(point)
    qtbot.wait(20)
    qtbot.mouseMove(view.viewport(), view.mapFromScene(point))
    qtbot.waitUntil(lambda: bool(scene.focus.shown()), timeout=2000)
    [(rect, text)] = scene.focus.shown()
    assert text == label.text
    x, y = label.rect.centre
    centred = rect.translated(x - rect.center().x(), y - rect.center().y())
    assert scene.drawing.hides_zone_title(_rect(centred))  # the test still tests something
    assert not scene.drawing.hides_zone_title(_rect(rect))
    # Hiding a title is worse than any overlap: here every spot free of titles touches a
    # box, and the one touching least is taken, a line or more off the link.
    assert abs(rect.center().y() - y) >= rect.height() * 0.99
