"""A click on the canvas gives the keys to the canvas, even right after typing in a field.

The Properties form rebuilds for the new selection and used to put the focus back in the
field of the same name, so the Delete meant for the clicked component deleted a letter of
its label instead, and leaving the field renamed the component ("Rename Service to ervice").
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from .conftest import load_into, property_field, type_into, viewport_point

DESIGN = """
archdraw: 1
name: test
zones:
  - {id: edge, label: Edge}
components:
  - {id: gateway, type: realtime_gateway, label: Gateway, zone: edge, position: [0, 0]}
  - {id: service, type: service, label: Service, zone: edge, position: [400, 0]}
links:
  - {from: gateway, to: service}
"""


def test_delete_after_a_click_on_the_canvas_deletes_the_component(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window, DESIGN)
    window.activateWindow()
    qtbot.waitActive(window)
    window.scene.select_ids(["edge"])
    label = property_field(window, "label", QLineEdit)
    type_into(label, "Realtime edge")  # Enter applies it; the field keeps the focus
    qtbot.waitUntil(lambda: window.document.design.zone("edge").label == "Realtime edge")

    qtbot.mouseClick(
        window.view.viewport(), Qt.MouseButton.LeftButton, pos=viewport_point(window, (400, 0))
    )
    qtbot.waitUntil(lambda: window.scene.selected_component_ids() == ["service"])
    property_field(window, "label", QLineEdit)  # the form for the clicked component is built
    qtbot.wait(20)
    assert QApplication.focusWidget() is window.view
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.document.design.component("service") is None)
    assert window.stack.undoText() == "Delete Service and 1 link"
