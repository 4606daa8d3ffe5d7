"""The right dock widens for an Analyze command and gives the width back on leaving."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMenu, QPushButton

from archdraw.gui.panels.analysis_dock import ANALYSIS_WIDTH

from .conftest import load_into
from .test_analysis_panel import SHOP


def _dock(window, name: str) -> QDockWidget:  # type: ignore[no-untyped-def]
    dock = window.findChild(QDockWidget, name)
    assert dock is not None, name
    return dock


def _fail_db(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.scene.select_ids(["db"])
    window.view.setFocus()
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.wait(50)


def test_leave_analysis_gives_the_dock_its_width_back(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, SHOP)
    properties, analysis = _dock(window, "dock-properties"), _dock(window, "dock-analysis")
    qtbot.waitUntil(lambda: properties.width() > 100)
    before, canvas = properties.width(), window.view.width()
    assert before < ANALYSIS_WIDTH - 50  # the first width suits the form, not the tables
    for leave in ("button", "menu"):  # the panel's button, then Analyze > Leave Analysis
        _fail_db(window, qtbot)
        assert window.analysis_panel.failed_components == ["db"]
        assert not analysis.visibleRegion().isEmpty()  # the Analysis tab is in front
        assert analysis.width() >= ANALYSIS_WIDTH - 10 and window.view.width() < canvas - 100
        if leave == "button":
            button = window.analysis_panel.findChild(QPushButton, "analysis-leave")
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        else:
            window.actions_by_name["analyze-leave"].trigger()
        qtbot.wait(50)
        assert window.analysis_panel.failed_components == []
        assert not properties.visibleRegion().isEmpty()  # the form is back in front
        assert abs(properties.width() - before) <= 4 and abs(window.view.width() - canvas) <= 4


def test_leave_from_the_menu_never_widens_the_dock(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, SHOP)
    properties = _dock(window, "dock-properties")
    qtbot.waitUntil(lambda: properties.width() > 100)
    before, canvas = properties.width(), window.view.width()
    window.actions_by_name["analyze-leave"].trigger()
    qtbot.wait(50)
    assert abs(properties.width() - before) <= 4 and window.view.width() == canvas
    assert not properties.visibleRegion().isEmpty()


def test_availability_rows_fit_the_widened_dock_and_name_zones_as_drawn(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, SHOP.replace("{id: eu-b, kind: zone}", "{id: eu-b, kind: zone, label: EU B}"))
    window.actions_by_name["analyze-availability"].trigger()  # widens the dock as rows come
    panel = window.analysis_panel
    table = panel.availability_table
    qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=5000)
    qtbot.wait(50)
    (web,) = table.texts()
    assert "EU B (" in web[3] and "eu-b" not in web[3]  # the zone by its label
    # Rows measured for the width the table has now, not the narrow one they came at.
    assert table.rowHeight(0) == table.sizeHintForRow(0)
    lines = table.fontMetrics().lineSpacing()
    assert table.rowHeight(0) <= lines * (web[3].count(",") + 3)


def test_leave_analysis_is_offered_only_while_an_analysis_shows(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, SHOP)
    menu = window.findChild(QMenu, "menu-analyze")
    leave = window.actions_by_name["analyze-leave"]

    def open_menu() -> None:
        menu.popup(window.mapToGlobal(window.rect().center()))
        qtbot.waitUntil(menu.isVisible)

    open_menu()
    assert not leave.isEnabled()  # nothing to leave
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not menu.isVisible())
    _fail_db(window, qtbot)
    open_menu()
    assert leave.isEnabled()
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(leave).center())
    qtbot.waitUntil(lambda: window.analysis_panel.failed_components == [])
    open_menu()
    assert not leave.isEnabled()  # left: nothing to leave again
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
