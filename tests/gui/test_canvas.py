"""Drawing on the canvas with real mouse and keyboard events; each step undone and redone."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QLineEdit

from archdraw.gui.canvas.link_item import LinkItem
from archdraw.layout import zone_rectangles
from archdraw.model.edits import MoveComponents, SetZoneFields
from archdraw.style import NODE_WIDTH

from .conftest import TWO_SERVICES, drag, load_into, send_mouse, viewport_point


def test_drag_from_palette_onto_canvas_adds_component(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    item = window.palette_panel.type_item("load_balancer")
    assert item is not None
    mime = window.palette_panel.tree.mimeData([item])
    viewport = window.view.viewport()
    target = QPointF(viewport_point(window, (200, -200)))
    actions = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(target.toPoint(), actions, mime, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, QDragMoveEvent(target.toPoint(), actions, mime, buttons, mods))
    QApplication.sendEvent(viewport, QDropEvent(target, actions, mime, buttons, mods))
    added = window.document.design.component("load_balancer")
    assert added is not None and added.position == (200.0, -200.0)
    assert window.scene.components["load_balancer"].pos() == QPointF(200, -200)
    window.stack.undo()
    assert window.document.design.component("load_balancer") is None
    assert "load_balancer" not in window.scene.components
    window.stack.redo()
    assert "load_balancer" in window.scene.components


def test_double_click_in_palette_adds_at_centre(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    item = window.palette_panel.type_item("queue")
    window.palette_panel.tree.scrollToItem(item)
    rect = window.palette_panel.tree.visualItemRect(item)
    tree_viewport = window.palette_panel.tree.viewport()
    qtbot.mouseClick(tree_viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree_viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    added = window.document.design.component("queue")
    assert added is not None and added.position is not None
    assert window.scene.selected_component_ids() == ["queue"]


def test_connect_by_dragging_from_the_edge(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    edge = (NODE_WIDTH / 2 - 3, 0)
    drag(window, edge, (400, 0))
    link = window.document.design.link("api->db")
    assert link is not None and link.kind == "sync"
    assert isinstance(window.scene.links["api->db"], LinkItem)
    assert window.scene.links["api->db"].line.length() > 0
    window.stack.undo()
    assert window.document.design.link("api->db") is None and "api->db" not in window.scene.links
    window.stack.redo()
    assert "api->db" in window.scene.links


def test_connect_tool_with_async_kind(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.link_kind_box.setCurrentText("async")
    window.actions_by_name["connect-tool"].setChecked(True)
    drag(window, (0, 300), (400, 0))
    link = window.document.design.link("cache->db")
    assert link is not None and link.kind == "async"
    assert window.scene.links["cache->db"].kind == "async"


def test_move_is_one_undo_step_and_snaps(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    before = window.stack.count()
    drag(window, (0, 0), (113, 47), steps=8)
    assert window.document.design.component("api").position == (120.0, 40.0)
    assert window.scene.components["api"].pos() == QPointF(120, 40)
    assert window.stack.count() == before + 1
    window.stack.undo()
    assert window.document.design.component("api").position == (0.0, 0.0)
    assert window.scene.components["api"].pos() == QPointF(0, 0)
    window.stack.redo()
    assert window.scene.components["api"].pos() == QPointF(120, 40)


def test_rubber_band_selects_and_delete_removes_with_links(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    drag(window, (NODE_WIDTH / 2 - 3, 0), (400, 0))  # api -> db
    drag(window, (-120, -80), (500, 60), steps=10)
    assert sorted(window.scene.selected_component_ids()) == ["api", "db"]
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    design = window.document.design
    assert design.component("api") is None and design.component("db") is None
    assert design.links == [] and not window.scene.links
    assert set(window.scene.components) == {"cache", "inner"}
    window.stack.undo()
    assert design.link("api->db") is not None and "api->db" in window.scene.links
    assert {"api", "db"} <= set(window.scene.components)


def test_ctrl_click_adds_to_selection(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    send_mouse(window, QEvent.Type.MouseButtonPress, (0, 0))
    send_mouse(window, QEvent.Type.MouseButtonRelease, (0, 0))
    ctrl = Qt.KeyboardModifier.ControlModifier
    send_mouse(window, QEvent.Type.MouseButtonPress, (0, 300), modifiers=ctrl)
    send_mouse(window, QEvent.Type.MouseButtonRelease, (0, 300), modifiers=ctrl)
    assert sorted(window.scene.selected_component_ids()) == ["api", "cache"]


def test_drop_into_zone_sets_zone_and_undoes(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    zone_rect = window.scene.zones["zone-a"].rect
    target = zone_rect.center() + QPointF(0, 10)
    drag(window, (0, 300), (target.x(), target.y()), steps=10)
    assert window.document.design.component("cache").zone == "zone-a"
    assert window.scene.zones["zone-a"].rect.contains(window.scene.components["cache"].pos())
    assert window.stack.undoText() == "Move cache into zone Zone A"
    window.stack.undo()
    cache = window.document.design.component("cache")
    assert cache.zone is None and cache.position == (0.0, 300.0)


def test_dragging_out_of_a_zone_says_so_in_the_undo_text(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    start = window.scene.components["inner"].sceneBoundingRect().center()
    drag(window, (start.x(), start.y()), (start.x(), start.y() + 600), steps=10)
    assert window.document.design.component("inner").zone is None
    assert window.stack.undoText() == "Move inner out of zone Zone A"


def test_dragging_a_zone_moves_its_members(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    title = window.scene.zones["zone-a"].title_rect().center()
    drag(window, (title.x(), title.y()), (title.x() - 200, title.y()), steps=6)
    assert window.document.design.component("inner").position == (600.0, 400.0)
    window.stack.undo()
    assert window.document.design.component("inner").position == (800.0, 400.0)


def test_double_click_renames(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    qtbot.mouseDClick(
        window.view.viewport(), Qt.MouseButton.LeftButton, pos=viewport_point(window, (0, 0))
    )
    editor = window.view.viewport().findChild(QLineEdit, "rename-editor")
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "Public API")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.document.design.component("api").label == "Public API"
    assert window.scene.components["api"].title == "Public API"
    window.stack.undo()
    assert window.document.design.component("api").label is None


def test_copy_paste_gives_new_ids(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    drag(window, (NODE_WIDTH / 2 - 3, 0), (400, 0))
    window.scene.select_ids(["api", "db"])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    design = window.document.design
    assert design.component("api-2").position == (40.0, 40.0)
    assert design.link("api-2->db-2") is not None
    assert sorted(window.scene.selected_component_ids()) == ["api-2", "db-2"]
    assert "api-2->db-2" in window.scene.links
    window.stack.undo()
    assert design.component("api-2") is None and "api-2" not in window.scene.components


def test_find_selects_and_centres(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.view.centerOn(QPointF(-2000, -2000))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.field, "database")
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.scene.selected_component_ids() == ["db"]
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    assert abs(centre.x() - 400) < 40 and abs(centre.y()) < 40


def test_ctrl_wheel_zooms_and_middle_button_pans(window, qtbot):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QWheelEvent

    load_into(window)
    viewport = window.view.viewport()
    centre = QPointF(viewport.rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(viewport.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, wheel)
    assert window.view.scale_factor() > 1.2
    before = window.view.mapToScene(viewport.rect().center())
    middle = Qt.MouseButton.MiddleButton
    send_mouse(window, QEvent.Type.MouseButtonPress, (0, 0), button=middle)
    send_mouse(window, QEvent.Type.MouseMove, (-100, 0), button=middle)
    send_mouse(window, QEvent.Type.MouseButtonRelease, (-100, 0), button=middle)
    after = window.view.mapToScene(viewport.rect().center())
    assert after.x() > before.x() + 50
    assert window.stack.count() == 0


def test_cut_and_duplicate(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.scene.select_ids(["cache"])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.document.design.component("cache-2").position == (40.0, 340.0)
    assert window.scene.selected_component_ids() == ["cache-2"]
    qtbot.keyClick(window.view, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert window.document.design.component("cache-2") is None
    qtbot.keyClick(window.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.document.design.component("cache-2") is not None


def test_window_state_is_restored(window, qtbot):  # type: ignore[no-untyped-def]
    from archdraw.gui.main_window import MainWindow

    dock = window.findChild(QDockWidget, "dock-findings")
    dock.hide()
    window.close()
    again = MainWindow(window.library, "light")
    qtbot.addWidget(again)
    again.show()
    assert again.findChild(QDockWidget, "dock-findings").isHidden()


def test_pasting_text_that_is_not_a_design_changes_nothing(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    messages: list[str] = []
    window.editing.failed.connect(messages.append)
    before = window.document.revision
    for text in ("hello", "archdraw: 1\nname: x\ncomponents: 5\n", "\x00\x01", ": : :"):
        window.paste(text)
    assert window.document.revision == before and window.stack.count() == 0
    assert len(messages) == 4 and all("clipboard" in m for m in messages)


def test_group_into_zone_is_one_step(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.scene.select_ids(["api", "db"])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    design = window.document.design
    assert design.zone("zone") is not None
    assert design.component("api").zone == "zone" and design.component("db").zone == "zone"
    rect = window.scene.zones["zone"].rect
    assert rect.contains(window.scene.components["api"].pos())
    assert rect.contains(window.scene.components["db"].pos())
    assert window.scene.selected_zone_ids() == ["zone"]
    window.stack.undo()
    assert design.zone("zone") is None and design.component("api").zone is None
    assert "zone" not in window.scene.zones


def test_group_inside_a_zone_nests(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.scene.select_ids(["inner"])
    window.group_into_zone()
    assert window.document.design.zone("zone").parent == "zone-a"
    assert window.document.design.component("inner").zone == "zone"
    outer, inner = window.scene.zones["zone-a"], window.scene.zones["zone"]
    assert outer.rect.contains(inner.rect) and inner.zValue() > outer.zValue()


def test_rubber_band_inside_a_zone_selects_its_members(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    rect = window.scene.zones["zone-a"].rect
    start = (rect.left() + 5, rect.top() + 40)  # inside the zone, below its title
    drag(window, start, (rect.right() - 2, rect.bottom() - 2), steps=8)
    assert window.scene.selected_component_ids() == ["inner"]
    assert window.document.design.component("inner").position == (800.0, 400.0)


NESTED_WITH_EMPTY_CHILD = """
archdraw: 1
name: nested
zones:
  - {id: region, label: Region, kind: region}
  - {id: zone-a, label: Zone A, parent: region}
  - {id: zone-empty, label: Empty, parent: region}
components:
  - {id: api, type: service, zone: zone-a, position: [800, 400]}
"""


def test_zone_rectangles_match_the_exports(window, qtbot):  # type: ignore[no-untyped-def]
    # An empty child zone is parked off to the side; it must not stretch its parent there.
    load_into(window, NESTED_WITH_EMPTY_CHILD)
    design = window.document.design
    positions = {c.id: c.position for c in design.components if c.position is not None}
    expected = zone_rectangles(design, positions)
    for zone_id, rect in expected.items():
        drawn = window.scene.zones[zone_id].rect
        assert (drawn.left(), drawn.top(), drawn.right(), drawn.bottom()) == (
            rect.x0,
            rect.y0,
            rect.x1,
            rect.y1,
        )
    assert "zone-empty" not in expected and not window.scene.zones["zone-empty"].rect.isEmpty()


def test_zone_items_follow_zone_edits_and_their_undo(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    zone = window.scene.zones["zone-a"]
    window.editing.apply(SetZoneFields("zone-a", {"label": "Frankfurt", "kind": "network"}))
    assert (zone.title, zone.kind) == ("Frankfurt", "network")
    window.editing.apply(MoveComponents({"api": (40.0, 40.0)}))  # touches no zone
    assert (zone.title, zone.kind) == ("Frankfurt", "network")
    window.stack.undo()
    window.stack.undo()
    assert (zone.title, zone.kind) == ("Zone A", "zone")


def test_find_searches_the_design_opened_after_it(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.open_find()
    load_into(window, TWO_SERVICES.replace("id: db,", "id: ledger,"))
    qtbot.keyClicks(window.find_bar.field, "database")
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.scene.selected_component_ids() == ["ledger"]


ROW_OF_TEN = "archdraw: 1\nname: Row\ncomponents:\n" + "".join(
    f"  - {{id: s{n}, type: service, position: [{(n % 5) * 60}, {(n // 5) * 60}]}}\n"
    for n in (7, 2, 9, 0, 5, 3, 8, 1, 6, 4)
)


def test_a_selection_is_named_in_the_designs_order(window, qtbot):  # type: ignore[no-untyped-def]
    """Qt lists selected items in an order that changes from run to run; a failure summary
    or a copy that names them must read the same every time: the file's order."""
    load_into(window, ROW_OF_TEN)
    drag(window, (-120, -80), (500, 200), steps=10)
    qtbot.wait(10)
    ids = window.scene.selected_component_ids()
    assert ids == ["s7", "s2", "s9", "s0", "s5", "s3", "s8", "s1", "s6", "s4"]
    window.analysis_panel.fail_selection()
    qtbot.wait(10)
    assert window.analysis_panel.failed_components == ids
