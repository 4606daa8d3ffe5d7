"""An undo from the Edit menu while a text field keeps the focus: the field shows the undone
value, and leaving it does not apply the undone text again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from .conftest import load_into, property_field, type_into

DESIGN = """
archdraw: 1
name: test
components:
  - {id: catalog, type: database, label: Catalog, position: [0, 0]}
  - {id: api, type: service, position: [400, 0]}
"""


def test_menu_undo_updates_the_focused_label_and_leaving_it_changes_nothing(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window, DESIGN)
    window.scene.select_ids(["catalog"])
    label = property_field(window, "label", QLineEdit)
    type_into(label, "Product catalog")
    qtbot.waitUntil(lambda: window.document.design.component("catalog").label == "Product catalog")

    window.actions_by_name["undo"].trigger()  # as the Edit menu does; the field keeps focus
    qtbot.waitUntil(lambda: window.document.design.component("catalog").label == "Catalog")
    label = property_field(window, "label", QLineEdit)
    qtbot.waitUntil(lambda: label.text() == "Catalog")

    label.clearFocus()  # leaving the field ends its editing
    QTest.keyClick(label, Qt.Key.Key_Tab)
    qtbot.wait(50)
    assert window.document.design.component("catalog").label == "Catalog"
    assert window.actions_by_name["redo"].isEnabled()  # nothing new was done


def test_text_being_typed_survives_a_refresh_from_another_edit(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window, DESIGN)
    window.scene.select_ids(["catalog"])
    label = property_field(window, "label", QLineEdit)
    label.setFocus()
    label.selectAll()
    QTest.keyClicks(label, "Half typed")
    window.properties.refresh()  # what any change to the selected element does
    assert label.text() == "Half typed"
