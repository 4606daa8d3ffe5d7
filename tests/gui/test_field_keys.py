"""The window's Undo, Redo and Export keys work while a text field has the focus.

Found by a first-time user: a replica count typed in the Properties panel and
committed with Return, then Ctrl+Z, did nothing (the field kept the key for
its own, empty, undo history); Ctrl+E in a field moved its cursor instead of
exporting. Keys go through Qt's shortcut handling, as a person's would.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QFileDialog, QLineEdit

from archdraw.io import dumps

from .conftest import load_into, property_field, replicas_field

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def _replicas(window):  # type: ignore[no-untyped-def]
    return window.document.design.component("api").props.get("replicas")


def test_ctrl_z_in_a_field_undoes_the_committed_edit_and_redo_redoes_it(window, qtbot):  # type: ignore[no-untyped-def]
    field = replicas_field(window, qtbot)
    QTest.keyClicks(field, "3")
    QTest.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _replicas(window) == 3)
    assert window.stack.count() == 1
    field = property_field(window, "replicas", QAbstractSpinBox)
    assert field.hasFocus()

    QTest.keyClick(field, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: _replicas(window) is None)
    assert window.stack.index() == 0
    field = property_field(window, "replicas", QAbstractSpinBox)
    assert field.findChild(QLineEdit).text() == "1"  # the library default again

    QTest.keyClick(field, Qt.Key.Key_Z, CTRL_SHIFT)
    qtbot.waitUntil(lambda: _replicas(window) == 3)
    assert window.stack.index() == 1


def test_ctrl_z_while_typing_undoes_the_typing_only(window, qtbot):  # type: ignore[no-untyped-def]
    field = replicas_field(window, qtbot)
    QTest.keyClicks(field, "7")
    assert field.findChild(QLineEdit).text() == "7"
    QTest.keyClick(field, Qt.Key.Key_Z, CTRL)
    qtbot.wait(20)
    assert field.findChild(QLineEdit).text() == "1"
    assert window.stack.count() == 0
    assert _replicas(window) is None


def test_ctrl_e_in_a_text_field_exports_beside_the_design(window, qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    load_into(window)
    saved = tmp_path / "chat.archdraw.yaml"
    saved.write_text(dumps(window.document.design), encoding="utf-8")
    assert window.files.open_path(saved)
    asked: list[str] = []

    def answer(parent, caption, suggested, filters):  # type: ignore[no-untyped-def]
        asked.append(suggested)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    window.activateWindow()
    qtbot.waitActive(window)
    box = window.palette_panel.filter
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    QTest.keyClicks(box, "cache")
    QTest.keyClick(box, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: bool(asked))
    assert Path(asked[0]) == tmp_path / "chat"
    assert box.text() == "cache"
