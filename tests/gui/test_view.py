"""Auto layout, level of detail, panning with Space, overlays, link deletion, Esc."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtWidgets import QApplication, QGraphicsItem

from archdraw.gui.canvas.component_item import ComponentItem
from archdraw.model import Component
from archdraw.model.edits import AddElements

from .conftest import drag, load_into, send_mouse


def test_auto_layout_runs_in_a_thread_and_is_one_undo_step(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    before = {c.id: c.position for c in window.document.design.components}
    window.actions_by_name["auto-layout"].trigger()
    qtbot.waitUntil(lambda: window.layout_job is None, timeout=30000)
    after = {c.id: c.position for c in window.document.design.components}
    assert after != before and all(p is not None for p in after.values())
    assert window.stack.count() == 1 and window.stack.undoText() == "Auto layout"
    assert window.scene.components["api"].pos() == QPointF(*after["api"])
    window.stack.undo()
    assert {c.id: c.position for c in window.document.design.components} == before


def test_far_zoom_on_big_design_draws_one_overview(window, qtbot):  # type: ignore[no-untyped-def]
    many = tuple(
        Component(id=f"s{i}", type="service", position=(i % 30 * 200.0, i // 30 * 120.0))
        for i in range(400)
    )
    window.editing.apply(AddElements(components=many))
    window.view.fit()
    assert window.view.scale_factor() < 0.3
    assert window.scene.overview_on and window.scene.overview.isVisible()
    no_contents = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
    assert window.scene.components["s0"].flags() & no_contents
    assert sum(len(b) for b in window.scene.overview.boxes.values()) == 400
    drag(window, (-150, -100), (250, 150))  # rubber band still selects hidden items
    assert "s0" in window.scene.selected_component_ids()
    assert len(window.scene.overview.selected) == len(window.scene.selected_component_ids())
    window.view.actual_size()
    assert not window.scene.overview_on
    assert not window.scene.components["s0"].flags() & no_contents


def test_space_drag_pans(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.view.setFocus()
    qtbot.keyPress(window.view, Qt.Key.Key_Space)
    before = window.view.mapToScene(window.view.viewport().rect().center())
    drag(window, (200, 200), (100, 200))
    qtbot.keyRelease(window.view, Qt.Key.Key_Space)
    after = window.view.mapToScene(window.view.viewport().rect().center())
    assert after.x() > before.x() + 50
    assert window.document.design.component("api").position == (0.0, 0.0)
    assert window.stack.count() == 0


def test_escape_cancels_a_drag(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    send_mouse(window, QEvent.Type.MouseButtonPress, (0, 0))
    send_mouse(window, QEvent.Type.MouseMove, (100, 100))
    assert window.scene.components["api"].pos() == QPointF(100, 100)
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    send_mouse(window, QEvent.Type.MouseButtonRelease, (100, 100))
    assert window.scene.components["api"].pos() == QPointF(0, 0)
    assert window.document.design.component("api").position == (0.0, 0.0)
    assert window.stack.count() == 0


def test_select_and_delete_a_link(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    drag(window, (71, 0), (400, 0))
    window.scene.clearSelection()
    middle = window.scene.links["api->db"].middle()
    send_mouse(window, QEvent.Type.MouseButtonPress, (middle.x(), middle.y()))
    send_mouse(window, QEvent.Type.MouseButtonRelease, (middle.x(), middle.y()))
    assert window.scene.selected_link_keys() == ["api->db"]
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert window.document.design.link("api->db") is None
    assert window.document.design.component("api") is not None


def test_arrow_keys_nudge_and_merge_into_one_step(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.scene.select_ids(["api"])
    window.view.setFocus()
    for _ in range(3):
        qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert window.document.design.component("api").position == (60.0, 0.0)
    assert window.stack.count() == 1
    window.stack.undo()
    assert window.document.design.component("api").position == (0.0, 0.0)


def test_overlay_api_for_analysis(window):  # type: ignore[no-untyped-def]
    load_into(window)
    item = window.scene.components["api"]
    assert isinstance(item, ComponentItem)
    item.set_overlay("#d92d20", "120 % busy", dimmed=True)
    window.view.viewport().repaint()
    QApplication.processEvents()
    assert item.overlay_text == "120 % busy" and item.dimmed
    item.set_overlay(None)
    assert item.overlay_colour is None and not item.dimmed
    assert window.stack.count() == 0


def test_history_view_lists_steps(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.add_at_centre("cache")
    window.add_at_centre("queue")
    assert window.history.stack().count() == 2
    assert window.stack.text(0) == "Add Cache"


def test_trackpad_pinch_zooms(window):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QNativeGestureEvent, QPointingDevice

    load_into(window)
    viewport = window.view.viewport()
    local = QPointF(viewport.rect().center())
    pinch = QNativeGestureEvent(
        Qt.NativeGestureType.ZoomNativeGesture,
        QPointingDevice.primaryPointingDevice(),
        2,
        local,
        local,
        QPointF(viewport.mapToGlobal(local.toPoint())),
        0.5,
        QPointF(0, 0),
    )
    QApplication.sendEvent(viewport, pinch)
    assert abs(window.view.scale_factor() - 1.5) < 1e-6


def test_a_wide_small_design_opens_whole_with_every_name_drawn(window, tmp_path):  # type: ignore[no-untyped-def]
    from archdraw.drawing import face_at

    lines = ["archdraw: 1", "name: wide", "components:"]
    lines += [f"  - {{id: s{i}, type: service, position: [{i * 400}, 0]}}" for i in range(12)]
    source = tmp_path / "wide.archdraw.yaml"
    source.write_text("\n".join(lines) + "\n")
    assert window.files.open_path(source)
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(window.scene.itemsBoundingRect())  # no end cut off
    for item in window.scene.components.values():  # far out, yet a name in every box
        assert face_at(item.look, window.view.scale_factor()).texts
