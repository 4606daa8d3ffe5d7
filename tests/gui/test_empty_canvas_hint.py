"""The empty canvas's hint names every way to add a component, and each works as it says
from a new window: the palette's double-click and Edit > Add Component (its shortcut as the
menu has it), not only dragging."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from archdraw.gui.actions import empty_canvas_hint
from archdraw.gui.canvas import view

from .test_editor_floor import _double_click_palette


def test_the_empty_canvas_names_every_way_to_add_and_each_works(  # type: ignore[no-untyped-def]
    window, qtbot, monkeypatch
) -> None:
    painted: list[str] = []

    def recorded() -> str:
        painted.append(empty_canvas_hint())
        return painted[-1]

    monkeypatch.setattr(view, "empty_canvas_hint", recorded)
    window.view.viewport().repaint()
    assert painted, "an empty canvas paints its hint"
    said = painted[-1]
    add = window.actions_by_name["add-component"]
    shortcut = add.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert "from the palette" in said and "double-click" in said
    assert f"{shortcut} (Edit > {add.text().rstrip('…')})" in said
    assert "File > Open Sample" in said
    # The Properties dock's overview of an empty design says the same ways.
    qtbot.waitUntil(lambda: not window.properties.rebuild_pending(), timeout=2000)
    overview = window.properties.overview.text()
    assert "double-click" in overview and f"{shortcut} (Edit > Add Component)" in overview

    # A double-click in the palette.
    _double_click_palette(window, qtbot, "service")
    assert [c.type for c in window.document.design.components] == ["service"]

    # The shortcut, as the hint says it, from the canvas.
    window.activateWindow()
    qtbot.waitActive(window)
    window.view.setFocus()
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_A, add.shortcut()[0].keyboardModifiers())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.palette_panel.filter)
    QTest.keyClicks(window.palette_panel.filter, "cache")
    QTest.keyClick(window.palette_panel.filter, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.document.design.components) == 2)
    assert [c.type for c in window.document.design.components] == ["service", "cache"]

    # Once there is something on the canvas, the hint is gone.
    painted.clear()
    window.view.viewport().repaint()
    assert painted == []
