"""The status bar counts in words a person reads: "1 component", not "1 components"."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .conftest import load_into

ONE = """
archdraw: 1
name: one
components:
  - {id: api, type: service, position: [0, 0]}
"""


def test_one_component_is_counted_in_the_singular(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, ONE)
    assert window.counts_label.text() == "1 component · 0 links · 0 zones"
    tree = window.palette_panel.tree
    item = window.palette_panel.type_item("cache")
    tree.scrollToItem(item)
    spot = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.waitUntil(lambda: len(window.document.design.components) == 2)
    assert window.counts_label.text() == "2 components · 0 links · 0 zones"
