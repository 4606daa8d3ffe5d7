"""The Properties form says which values are the library's defaults: a default shown like
a stated value ("Replicas 2" on a gateway fresh from the palette) reads as something the
design says. Found under Xvfb."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QSpinBox

from .conftest import load_into, property_field

DESIGN = """
archdraw: 1
name: basis
components:
  - {id: ws, type: realtime_gateway, position: [0, 0]}
  - {id: api, type: service, position: [400, 0], props: {replicas: 2}}
links:
  - {from: api, to: ws}
"""


def test_a_default_value_says_so_and_a_typed_one_does_not(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, DESIGN)
    window.scene.select_ids(["ws"])
    replicas = property_field(window, "replicas", QSpinBox)
    assert replicas.value() == 2
    assert replicas.font().italic()
    assert "library default" in replicas.toolTip()
    replicas.setFocus()
    replicas.selectAll()
    qtbot.keyClicks(replicas, "3")
    qtbot.keyClick(replicas, Qt.Key.Key_Return)
    assert window.document.design.component("ws").props["replicas"] == 3
    qtbot.wait(20)
    replicas = property_field(window, "replicas", QSpinBox)
    assert not replicas.font().italic()
    assert "library default" not in replicas.toolTip()


def test_a_stated_value_equal_to_the_default_is_stated(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, DESIGN)
    window.scene.select_ids(["api"])
    replicas = property_field(window, "replicas", QSpinBox)
    assert replicas.value() == 2 and not replicas.font().italic()


def test_the_list_of_a_default_choice_is_not_in_italics(window, qtbot):  # type: ignore[no-untyped-def]
    """The field shows the default in italics; its open list showed every choice in
    italics too, as if each were a default (found under Xvfb, session 14)."""
    load_into(window, "archdraw: 1\nname: t\ncomponents:\n  - {id: db, type: database}\n")
    window.scene.select_ids(["db"])
    failover = property_field(window, "failover", QComboBox)
    window.properties.form_scroll.ensureWidgetVisible(failover)
    assert failover.font().italic()  # none, the library default
    qtbot.mouseClick(failover, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(failover.view().isVisible)
    shown = failover.view().visualRect(failover.view().model().index(1, 0))
    assert shown.isValid()
    assert not failover.view().font().italic()
    failover.hidePopup()
    assert window.stack.count() == 0
