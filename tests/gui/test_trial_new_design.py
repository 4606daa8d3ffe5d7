"""What a new user met building a three-tier design from nothing under X11 (session 13)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit

from .conftest import load_into, property_field


def test_a_number_typed_after_clicking_into_an_unset_field_is_taken(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window)
    window.activateWindow()
    qtbot.waitActive(window)
    window.scene.select_ids(["api"])
    field = property_field(window, "capacity_rps", QAbstractSpinBox)
    assert field.text() == "(unset)"
    words = field.findChild(QLineEdit)
    # A click among the words puts the cursor there, as a user's click does.
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton, pos=QPoint(20, words.height() // 2))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    QTest.keyClicks(QApplication.focusWidget(), "500")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.document.design.component("api").props.get("capacity_rps") == 500
    )


def test_the_palette_adds_a_type_from_the_keyboard(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitActive(window)
    palette = window.palette_panel
    palette.filter.setFocus()
    QTest.keyClicks(palette.filter, "relational")
    QTest.keyClick(palette.filter, Qt.Key.Key_Return)  # the one type the filter leaves
    qtbot.waitUntil(lambda: [c.type for c in window.document.design.components] == ["database"])
    QTest.keyClick(palette.filter, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(palette.filter, "queue")  # a worker takes jobs from a queue: two shown
    QTest.keyClick(palette.filter, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is palette.tree)
    assert palette.tree.currentItem().text(0) == "Worker"
    QTest.keyClick(palette.tree, Qt.Key.Key_Down)  # the Messaging heading: Enter adds nothing
    QTest.keyClick(palette.tree, Qt.Key.Key_Return)
    QTest.keyClick(palette.tree, Qt.Key.Key_Down)
    QTest.keyClick(palette.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.document.design.components) == 2)
    assert window.document.design.components[-1].type == "queue"
