"""Building a design from the keyboard alone (a new user's trial, session 14): Ctrl+Shift+A
reaches the palette from anywhere, Ctrl+K on one selected component asks for the other end
by name, and the menu item says which way a link between two selected components will go."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListWidget
from shiboken6 import isValid

from archdraw.gui.connect_dialog import ConnectDialog

from .conftest import load_into, viewport_point

DESIGN = """
archdraw: 1
name: test
components:
  - {id: client, type: client, label: Shoppers, position: [0, 0]}
  - {id: lb, type: load_balancer, label: Front door, position: [300, 0]}
  - {id: api, type: service, label: Orders API, position: [600, 0]}
  - {id: db, type: database, label: Orders DB, position: [900, 0]}
"""


def _ready(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window, DESIGN)
    window.activateWindow()
    qtbot.waitActive(window)
    window.view.setFocus()


def _ctrl_k(window, qtbot) -> ConnectDialog:  # type: ignore[no-untyped-def]
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _shown(window) is not None)
    dialog = _shown(window)
    assert isinstance(dialog, ConnectDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.filter)
    return dialog


def _shown(window) -> ConnectDialog | None:  # type: ignore[no-untyped-def]
    shown = [d for d in window.findChildren(ConnectDialog) if isValid(d) and d.isVisible()]
    return shown[0] if shown else None


def _type(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClicks(QApplication.focusWidget(), text)
    qtbot.wait(10)


def _key(key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClick(QApplication.focusWidget(), key, modifiers)


def test_ctrl_k_on_one_component_links_it_to_the_one_named(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _ready(window, qtbot)
    window.scene.select_ids(["api"])
    dialog = _ctrl_k(window, qtbot)
    assert "Orders API" in dialog.heading.text() and "from" in dialog.heading.text()
    listed = dialog.findChild(QListWidget, "connect-list")
    assert listed is not None and listed.count() == 3  # every other component
    _type(qtbot, "orders")
    shown = [listed.item(r) for r in range(listed.count()) if not listed.item(r).isHidden()]
    assert [i.text() for i in shown] == ["Orders DB  (Relational database)"]
    _key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    link = window.document.design.links[-1]
    assert (link.source, link.target, link.kind) == ("api", "db", "sync")
    assert window.stack.undoText() == "Connect Orders API → Orders DB"
    assert window.scene.selected_link_keys() == [link.key]


def test_the_arrows_choose_and_reverse_turns_the_link_round(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The new component is the one selected (a load balancer just added): the link from the
    client to it is made from it, reversed."""
    _ready(window, qtbot)
    window.link_kind_box.setCurrentText("async")
    window.scene.select_ids(["lb"])
    dialog = _ctrl_k(window, qtbot)
    listed = dialog.list
    assert listed.currentItem().data(Qt.ItemDataRole.UserRole) == "client"  # the first shown
    _key(Qt.Key.Key_Down)  # in the filter: moves the list's choice
    assert listed.currentItem().data(Qt.ItemDataRole.UserRole) == "api"
    _key(Qt.Key.Key_Up)
    _key(Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.reverse.isChecked)  # a mnemonic clicks after a short animation
    assert dialog.heading.text().startswith("Link to")
    _key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    link = window.document.design.links[-1]
    assert (link.source, link.target, link.kind) == ("client", "lb", "async")
    # Escape links nothing.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # the keys come back
    window.scene.select_ids(["db"])
    dialog = _ctrl_k(window, qtbot)
    _key(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(window.document.design.links) == 1


def test_no_match_links_nothing(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _ready(window, qtbot)
    window.scene.select_ids(["api"])
    dialog = _ctrl_k(window, qtbot)
    _type(qtbot, "nothing like it")
    assert dialog.list.currentItem() is None or dialog.list.currentItem().isHidden()
    _key(Qt.Key.Key_Return)
    qtbot.wait(20)
    assert window.document.design.links == []


def test_the_menu_item_names_the_link_it_will_make(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _ready(window, qtbot)
    action = window.actions_by_name["connect-selected"]
    assert action.text() == "Connect Selected"
    for component_id, modifiers in (
        ("db", Qt.KeyboardModifier.NoModifier),
        ("client", Qt.KeyboardModifier.ControlModifier),
    ):
        centre = window.scene.components[component_id].sceneBoundingRect().center()
        qtbot.mouseClick(
            window.view.viewport(),
            Qt.MouseButton.LeftButton,
            modifiers,
            viewport_point(window, centre),
        )
        if component_id == "db":
            assert action.text() == "Connect Orders DB To…"
    assert action.text() == "Connect Orders DB → Shoppers"  # chosen first, then second


def test_ctrl_shift_a_reaches_the_palette_with_a_component_selected(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """With a component selected, Tab from the canvas goes to its fields: the palette was
    out of the keyboard's reach."""
    _ready(window, qtbot)
    window.scene.select_ids(["api"])
    qtbot.waitUntil(window.view.hasFocus)
    QTest.keyClick(
        window.view.viewport(),
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.palette_panel.filter)
    _type(qtbot, "worker")
    _key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.document.design.components) == 5)
    added = window.document.design.components[-1]
    assert added.type == "worker"
    assert window.scene.selected_component_ids() == [added.id]
    _key(Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # from the filter, on to link it
    qtbot.waitUntil(lambda: _shown(window) is not None)
    dialog = _shown(window)
    assert dialog is not None and "Worker" in dialog.heading.text()
    _key(Qt.Key.Key_Escape)
