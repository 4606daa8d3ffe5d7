"""The Edit menu and the History panel name elements by label, as every other message does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QMenu

from .conftest import load_into, property_field, type_into

LABELLED = """
archdraw: 1
name: test
components:
  - {id: llm_workers, type: service, label: LLM workers, position: [0, 0]}
  - {id: queue, type: queue, position: [400, 0]}
links:
  - {from: queue, to: llm_workers}
"""


def _edit_menu(window) -> QMenu:  # type: ignore[no-untyped-def]
    menus = [a.menu() for a in window.menuBar().actions() if a.text() == "&Edit"]
    assert len(menus) == 1 and isinstance(menus[0], QMenu)
    return menus[0]


def _history_rows(window) -> list[str]:  # type: ignore[no-untyped-def]
    model = window.history.model()
    return [model.index(row, 0).data() for row in range(1, model.rowCount())]


def test_edit_menu_and_history_name_the_component_by_its_label(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window, LABELLED)
    window.scene.select_ids(["llm_workers"])
    field = property_field(window, "replicas", QAbstractSpinBox)
    type_into(field, "3")
    qtbot.waitUntil(
        lambda: window.document.design.component("llm_workers").props.get("replicas") == 3
    )
    label = property_field(window, "label", QLineEdit)
    type_into(label, "GPU workers")
    qtbot.waitUntil(lambda: window.document.design.component("llm_workers").label == "GPU workers")
    qtbot.waitUntil(lambda: len(_history_rows(window)) == 2)
    assert _history_rows(window) == [
        "Set replicas of LLM workers",
        "Rename LLM workers to GPU workers",
    ]

    menu = _edit_menu(window)
    undo = window.actions_by_name["undo"]
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(menu.isVisible)
    assert undo.text() == "Undo Rename LLM workers to GPU workers"
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(undo).center())
    qtbot.waitUntil(lambda: window.document.design.component("llm_workers").label == "LLM workers")
    # The step made before the rename keeps its words: history reads as it was written.
    assert undo.text() == "Undo Set replicas of LLM workers"
    assert _history_rows(window) == [
        "Set replicas of LLM workers",
        "Rename LLM workers to GPU workers",
    ]


SHOP = """
archdraw: 1
name: shop
components:
  - {id: orders_db, type: database, label: Orders DB, position: [0, 0]}
  - {id: api, type: service, position: [400, 0]}
  - {id: worker, type: service, position: [400, 300]}
links:
  - {from: api, to: orders_db}
  - {from: worker, to: orders_db}
  - {from: api, to: worker}
"""


def _undo_text_in_the_menu(window, qtbot) -> str:  # type: ignore[no-untyped-def]
    """The Undo entry as the open Edit menu shows it."""
    menu = _edit_menu(window)
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(menu.isVisible)
    text = str(window.actions_by_name["undo"].text())
    menu.hide()
    qtbot.waitUntil(lambda: not menu.isVisible())
    # The offscreen platform gives the window no activation back after a popup closes.
    window.activateWindow()
    qtbot.waitActive(window)
    window.view.setFocus()
    return text


def test_group_and_delete_from_the_keys_say_what_they_did(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent
    from PySide6.QtTest import QTest

    from .conftest import send_mouse

    load_into(window, SHOP)
    window.activateWindow()
    qtbot.waitActive(window)
    ctrl = Qt.KeyboardModifier.ControlModifier
    for spot, modifiers in (((0, 0), Qt.KeyboardModifier.NoModifier), ((400, 0), ctrl)):
        send_mouse(window, QEvent.Type.MouseButtonPress, spot, modifiers=modifiers)
        send_mouse(window, QEvent.Type.MouseButtonRelease, spot, modifiers=modifiers)
    send_mouse(window, QEvent.Type.MouseButtonPress, (400, 300), modifiers=ctrl)
    send_mouse(window, QEvent.Type.MouseButtonRelease, (400, 300), modifiers=ctrl)
    assert sorted(window.scene.selected_component_ids()) == ["api", "orders_db", "worker"]
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_G, ctrl)
    qtbot.waitUntil(lambda: len(window.document.design.zones) == 1)
    qtbot.wait(20)
    assert _undo_text_in_the_menu(window, qtbot) == "Undo Group 3 components into a new zone"

    QTest.keyClick(window.view, Qt.Key.Key_Z, ctrl)
    qtbot.waitUntil(lambda: not window.document.design.zones)
    send_mouse(window, QEvent.Type.MouseButtonPress, (0, 0))
    send_mouse(window, QEvent.Type.MouseButtonRelease, (0, 0))
    assert window.scene.selected_component_ids() == ["orders_db"]
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.document.design.component("orders_db") is None)
    qtbot.wait(20)
    assert _undo_text_in_the_menu(window, qtbot) == "Undo Delete Orders DB and 2 links"
    assert len(window.document.design.links) == 1
    QTest.keyClick(window.view, Qt.Key.Key_Z, ctrl)
    qtbot.waitUntil(lambda: len(window.document.design.links) == 3)
    assert window.actions_by_name["redo"].text() == "Redo Delete Orders DB and 2 links"
