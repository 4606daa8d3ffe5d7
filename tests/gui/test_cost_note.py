"""The Properties panel shows what the selection costs per month, and what the design costs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox

from .conftest import load_into, property_field

PRICED = """
archdraw: 1
name: priced
components:
  - {id: web, type: client, position: [0, 0], props: {rps: 50}}
  - {id: api, type: service, position: [300, 0], props: {replicas: 2, price_per_hour: 0.1}}
  - {id: db, type: database, position: [600, 0]}
links:
  - {from: web, to: api}
  - {from: api, to: db}
"""


def test_the_selection_shows_its_cost_and_an_edit_updates_it(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, PRICED)
    qtbot.wait(1)
    note = window.properties.cost
    assert note.text().startswith("<b>Cost of the design</b>: about $")
    window.scene.select_ids(["api"])
    qtbot.wait(10)
    # 2 replicas x $0.10 an hour x 730 hours, stated in the file: no range.
    assert "about $146/month" in note.text() and "from stated values" in note.text()
    replicas = property_field(window, "replicas", QAbstractSpinBox)
    replicas.setFocus()
    qtbot.wait(1)
    replicas.selectAll()
    qtbot.keyClicks(replicas, "3")
    qtbot.keyClick(replicas, Qt.Key.Key_Tab)
    qtbot.wait(10)
    assert "about $219/month" in note.text()
    window.scene.select_ids(["web"])
    qtbot.wait(10)
    assert "not billed" in note.text()
    window.scene.select_ids(["db"])
    qtbot.wait(10)
    assert "assumes library defaults" in note.text() and " to $" in note.text()


def test_an_empty_design_shows_no_cost_line(window, qtbot):  # type: ignore[no-untyped-def]
    note = window.properties.cost
    qtbot.wait(10)
    assert not note.isVisible()  # a new window: nothing drawn, nothing to cost
    load_into(window, PRICED)
    qtbot.wait(10)
    assert note.isVisible() and note.text().startswith("<b>Cost of the design</b>")
