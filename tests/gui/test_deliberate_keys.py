"""Keys that change a design only when meant: choices from the keyboard, what Undo brings
back, and linking two components without a mouse (a new user's trial, session 13)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from .conftest import load_into, property_field, viewport_point


def _tab_to(window, name: str) -> QComboBox:  # type: ignore[no-untyped-def]
    """Tab from the canvas through the form, as a user does, until field `name` has the keys."""
    box = property_field(window, name, QComboBox)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Tab)
    for _ in range(10):
        if QApplication.focusWidget() is box:
            break
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is box
    return box


def test_an_arrow_on_a_tabbed_to_type_opens_its_list_and_enter_chooses(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window)
    window.activateWindow()
    qtbot.waitActive(window)
    window.scene.select_ids(["db"])
    property_field(window, "id", QLineEdit)
    box = _tab_to(window, "type")
    steps = window.stack.count()
    QTest.keyClick(box, Qt.Key.Key_Down)
    assert window.document.design.component("db").type == "database"  # not changed by a key
    assert window.stack.count() == steps
    qtbot.waitUntil(box.view().isVisible)  # the list is open to choose from
    QTest.keyClick(box.view(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not box.view().isVisible())
    assert window.document.design.component("db").type == "database"
    QTest.keyClick(box, Qt.Key.Key_Up)
    qtbot.waitUntil(box.view().isVisible)
    QTest.keyClick(box.view(), Qt.Key.Key_Down)
    QTest.keyClick(box.view(), Qt.Key.Key_Return)  # chosen: one undoable edit
    qtbot.waitUntil(lambda: window.document.design.component("db").type != "database")
    assert window.stack.count() == steps + 1
    window.actions_by_name["undo"].trigger()
    assert window.document.design.component("db").type == "database"


def test_a_letter_on_a_closed_choice_does_not_choose_either(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window)
    window.activateWindow()
    qtbot.waitActive(window)
    window.scene.select_ids(["db"])
    box = _tab_to(window, "zone")
    QTest.keyClick(box, "z")  # Qt jumped to the first zone at once
    assert window.document.design.component("db").zone is None
    qtbot.waitUntil(box.view().isVisible)
    QTest.keyClick(box.view(), Qt.Key.Key_Escape)


LINKED = """
archdraw: 1
name: test
components:
  - {id: web, type: service, label: Web, position: [0, 0]}
  - {id: db, type: database, label: Orders DB, position: [300, 0]}
  - {id: cache, type: cache, label: Cache, position: [0, 250]}
links:
  - {source: web, target: db}
"""


def _press(window, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClick(window.view.viewport(), key, modifiers)
    QApplication.processEvents()


def test_undo_of_a_delete_selects_what_came_back(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window, LINKED)
    window.activateWindow()
    qtbot.waitActive(window)
    window.view.setFocus()
    window.scene.select_ids(["db"])
    _press(window, Qt.Key.Key_Delete)
    assert window.document.design.component("db") is None
    window.scene.select_ids(["cache"])  # the user has gone on to something else
    _press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.design.component("db") is not None
    assert window.scene.selected_component_ids() == ["db"]
    assert len(window.document.design.links) == 1  # its link came back with it
    property_field(window, "label", QLineEdit)
    assert "Orders DB" in window.properties.title.text()  # the form shows it, not the cache


def test_redo_of_a_duplicate_selects_the_copy(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window, LINKED)
    window.activateWindow()
    qtbot.waitActive(window)
    window.view.setFocus()
    window.scene.select_ids(["cache"])
    _press(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    copy = window.document.design.components[-1].id
    assert copy != "cache"
    _press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.design.component(copy) is None
    window.scene.select_ids(["web"])
    _press(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.scene.selected_component_ids() == [copy]
    # A link deleted on its own is selected when it comes back.
    link = window.document.design.links[0].key
    window.scene.select_ids([link])
    _press(window, Qt.Key.Key_Delete)
    window.scene.select_ids(["web"])
    _press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.scene.selected_link_keys() == [link]
    # An undo that brings nothing back leaves the selection alone.
    window.scene.select_ids(["web"])
    _press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.scene.selected_component_ids() == ["web"]


def _click(window, qtbot, component_id: str, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    centre = window.scene.components[component_id].sceneBoundingRect().center()
    spot = viewport_point(window, centre)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, modifiers, spot)


def test_connect_selected_links_the_first_chosen_to_the_second(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window, LINKED)
    window.activateWindow()
    qtbot.waitActive(window)
    window.view.setFocus()
    # Chosen against the design's order (web comes first there): cache, then web.
    _click(window, qtbot, "cache")
    _click(window, qtbot, "web", Qt.KeyboardModifier.ControlModifier)
    _press(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    link = window.document.design.links[-1]
    assert (link.source, link.target, link.kind) == ("cache", "web", "sync")
    assert window.stack.undoText() == "Connect Cache → Web"  # the words a drag gives
    assert window.scene.selected_link_keys() == [link.key]
    window.link_kind_box.setCurrentText("async")
    _click(window, qtbot, "db")
    _click(window, qtbot, "cache", Qt.KeyboardModifier.ShiftModifier)
    _press(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    link = window.document.design.links[-1]
    assert (link.source, link.target, link.kind) == ("db", "cache", "async")
    _press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [k.target for k in window.document.design.links] == ["db", "web"]


def test_connect_selected_says_what_it_needs(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window, LINKED)
    window.activateWindow()
    qtbot.waitActive(window)
    window.view.setFocus()
    window.scene.select_ids([])
    _press(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert len(window.document.design.links) == 1
    assert "Select a component to connect" in window.statusBar().currentMessage()
