"""Readable at every zoom: opens fitted, re-fits on the first resize, zooms about the cursor,
Actual Size centres on the selection, far zoom keeps names (large) instead of blank boxes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from archdraw.drawing import level_at
from archdraw.gui.canvas.view import READABLE_SCALE

SAMPLES = Path(__file__).resolve().parents[2] / "sample_designs"


def _visible(window) -> QRectF:  # type: ignore[no-untyped-def]
    return window.view.mapToScene(window.view.viewport().rect()).boundingRect()


def test_a_design_opens_fitted_and_refits_when_the_window_grows(window, qtbot):  # type: ignore[no-untyped-def]
    assert window.files.open_path(SAMPLES / "booking.archdraw.yaml")
    qtbot.wait(20)
    design = window.scene.itemsBoundingRect()
    assert _visible(window).contains(design)  # all of it on screen
    opened = window.view.scale_factor()
    assert opened >= READABLE_SCALE
    window.resize(1900, 1150)  # maximised, say
    qtbot.waitUntil(lambda: window.view.scale_factor() > opened * 1.1)
    assert _visible(window).contains(window.scene.itemsBoundingRect())
    window.view.zoom_by(1.25)  # the user zooms: resizes no longer re-fit
    zoomed = window.view.scale_factor()
    window.resize(1300, 850)
    qtbot.wait(20)
    assert abs(window.view.scale_factor() - zoomed) < 1e-9


def test_wheel_zoom_keeps_the_point_under_the_cursor(window, qtbot):  # type: ignore[no-untyped-def]
    assert window.files.open_path(SAMPLES / "twitter.archdraw.yaml")
    view = window.view
    spot = QPoint(view.viewport().width() // 4, view.viewport().height() // 3)
    before = view.mapToScene(spot)
    for _ in range(3):
        event = QWheelEvent(
            QPointF(spot),
            QPointF(view.viewport().mapToGlobal(spot)),
            QPoint(0, 0),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.ControlModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(view.viewport(), event)
        qtbot.wait(5)
    assert view.scale_factor() > 0.27 * 1.4
    after = view.mapToScene(spot)
    tolerance = 3 * 1.5 / view.scale_factor()  # scrolling is by whole pixels: one a step
    assert abs(after.x() - before.x()) <= tolerance and abs(after.y() - before.y()) <= tolerance


def test_actual_size_centres_on_the_selection(window, qtbot):  # type: ignore[no-untyped-def]
    assert window.files.open_path(SAMPLES / "twitter.archdraw.yaml")
    window.scene.select_ids(["monitoring"])
    qtbot.keyClick(window.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(10)
    assert abs(window.view.scale_factor() - 1.0) < 1e-9
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    target = window.scene.components["monitoring"].sceneBoundingRect().center()
    assert abs(centre.x() - target.x()) <= 2 and abs(centre.y() - target.y()) <= 2


def test_fit_on_the_largest_sample_shows_names_not_blank_boxes(window, qtbot):  # type: ignore[no-untyped-def]
    largest = max(SAMPLES.glob("*.archdraw.yaml"), key=lambda p: p.read_text().count("type:"))
    assert window.files.open_path(largest)
    window.resize(1366, 768)
    qtbot.wait(20)
    window.view.fit()
    scale = window.view.scale_factor()
    items = list(window.scene.components.values())
    readable = [item for item in items if level_at(item.look, scale) != "box"]
    assert len(readable) >= 0.75 * len(items)
    for item in items:  # the rest: the name on hover
        assert item.look.title in item.toolTip()
    # What is drawn at this zoom: the large title only, or the full face.
    image = window.view.viewport().grab().toImage()
    assert not image.isNull()


def test_on_a_small_screen_the_canvas_gets_most_of_the_window(window, qtbot):  # type: ignore[no-untyped-def]
    window.resize(1366, 740)
    qtbot.wait(20)
    assert window.minimumSizeHint().height() <= 740
    canvas = window.view.viewport().size()
    share = canvas.width() * canvas.height() / (window.width() * window.height())
    assert share >= 0.4, share
