"""Pasting with the keyboard: beside the originals, cascading, fresh ids, one undo step each."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from archdraw.model.edits import MoveComponents

from .conftest import load_into, send_mouse

PAIR = """
archdraw: 1
name: pair
components:
  - {id: api, type: service, label: Public API, position: [0, 0]}
  - {id: db, type: database, label: Orders, position: [400, 0]}
links:
  - {from: api, to: db}
"""


def _click(window, point, modifiers=Qt.KeyboardModifier.NoModifier):  # type: ignore[no-untyped-def]
    send_mouse(window, QEvent.Type.MouseButtonPress, point, modifiers=modifiers)
    send_mouse(window, QEvent.Type.MouseButtonRelease, point, modifiers=modifiers)


def _keys(window, qtbot, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.view, key, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(10)


def test_repeated_pastes_cascade_keep_labels_and_links_and_undo_one_at_a_time(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, PAIR)
    window.view.setFocus()
    _click(window, (0, 0))
    _click(window, (400, 0), Qt.KeyboardModifier.ControlModifier)
    assert sorted(window.scene.selected_component_ids()) == ["api", "db"]
    _keys(window, qtbot, Qt.Key.Key_C)
    _keys(window, qtbot, Qt.Key.Key_V)
    _keys(window, qtbot, Qt.Key.Key_V)
    design = window.document.design
    assert design.component("api-2").position == (40.0, 40.0)
    assert design.component("api-3").position == (80.0, 80.0)  # not on top of the first paste
    assert design.component("db-3").position == (480.0, 80.0)
    assert sorted(window.scene.selected_component_ids()) == ["api-3", "db-3"]
    # Labels stay (as drawing tools keep them); the ids tell the copies apart.
    assert [design.component(i).label for i in ("api", "api-2", "api-3")] == ["Public API"] * 3
    assert window.scene.components["api-3"].title == "Public API"
    assert design.link("api-2->db-2") is not None and design.link("api-3->db-3") is not None
    assert "api-3->db-3" in window.scene.links
    assert len({c.position for c in design.components}) == 6
    assert window.stack.count() == 2  # one step per paste
    window.stack.undo()
    assert design.component("api-3") is None and design.link("api-3->db-3") is None
    assert design.component("api-2") is not None
    window.stack.undo()
    assert [c.id for c in design.components] == ["api", "db"] and len(design.links) == 1
    window.stack.redo()
    assert design.component("api-2").position == (40.0, 40.0)
    assert "api-2->db-2" in window.scene.links


def test_a_paste_moved_a_little_by_hand_is_still_not_pasted_over(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, PAIR)
    window.view.setFocus()
    _click(window, (0, 0))
    _keys(window, qtbot, Qt.Key.Key_C)
    _keys(window, qtbot, Qt.Key.Key_V)
    window.editing.apply(MoveComponents({"api-2": (45.0, 37.0)}))
    _keys(window, qtbot, Qt.Key.Key_V)
    assert window.document.design.component("api-3").position == (80.0, 80.0)


def test_duplicating_twice_cascades(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, PAIR)
    window.view.setFocus()
    _click(window, (400, 0))
    _keys(window, qtbot, Qt.Key.Key_D)
    _click(window, (400, -20))  # the original again, above the copy that overlaps it
    assert window.scene.selected_component_ids() == ["db"]
    _keys(window, qtbot, Qt.Key.Key_D)
    design = window.document.design
    assert design.component("db-2").position == (440.0, 40.0)
    assert design.component("db-3").position == (480.0, 80.0)


def test_findings_tell_a_pasted_copy_from_its_original(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, PAIR)
    window.view.setFocus()
    _click(window, (0, 0))
    _keys(window, qtbot, Qt.Key.Key_C)
    _keys(window, qtbot, Qt.Key.Key_V)  # a lone copy of the API: nothing reaches it (AD606)
    window.lint.run_now()
    panel = window.findings
    rows = [
        (panel.model.index(i, 1).data(), panel.model.index(i, 2).data())
        for i in range(panel.row_count())
    ]
    assert ("AD606", "Public API (api-2)") in rows
    assert ("AD205", "Public API (api) → Orders") in rows  # the original's link, named apart
    assert ("AD104", "Orders") in rows  # a title used once stays as it is
    # A narrow Element column keeps the end of the name, where the id tells them apart.
    option = QStyleOptionViewItem()
    at = panel.model.index(rows.index(("AD606", "Public API (api-2)")), 2)
    panel.table.itemDelegateForColumn(2).initStyleOption(option, at)
    assert option.text == "Public API (api-2)"
    assert option.textElideMode == Qt.TextElideMode.ElideMiddle
