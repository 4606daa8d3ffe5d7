"""After a dialog closes, the keys come back to the window (a new user's trial, session 14:
on an X server without a window manager, after *Export* no key reached the editor and
`Ctrl+S` saved nothing until the window was clicked)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from archdraw.gui.review_dialog import ReviewDialog

from .conftest import load_into


def test_closing_a_dialog_gives_the_keys_back_to_the_window(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window)
    window.activateWindow()
    qtbot.waitActive(window)
    window.view.setFocus()
    shift_ctrl = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_R, shift_ctrl)  # View > Design Review
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), ReviewDialog))
    dialog = QApplication.activeWindow()
    buttons = dialog.findChild(QDialogButtonBox)
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is window.windowHandle())
    # And a key pressed now reaches the window's shortcuts: Select All.
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(window.scene.selected_component_ids()) == len(window.document.design.components)
