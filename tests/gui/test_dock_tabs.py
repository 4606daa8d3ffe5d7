"""The docks stacked on the right: whole titles that fit a small screen, and Properties
brought forward when one element is selected."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QTabBar

from archdraw.gui.dock_tabs import right_tab_bar

from .conftest import load_into, viewport_point


def test_dock_tabs_keep_their_titles_whole_at_1366_by_768(window, qtbot):  # type: ignore[no-untyped-def]
    window.resize(1366, 768)
    load_into(window)
    window._docks_sized = False  # as on a first start: the docks take their first sizes
    window._size_docks()
    qtbot.wait(50)
    bars = window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
    titles = {bar.tabText(i): bar for bar in bars for i in range(bar.count())}
    assert {"Properties", "Analysis"} <= titles.keys()
    for title, bar in titles.items():
        assert bar.elideMode() == Qt.TextElideMode.ElideNone, title
        index = next(i for i in range(bar.count()) if bar.tabText(i) == title)
        # The tab is as wide as its title: nothing is cut to "Pr…".
        assert bar.tabRect(index).width() >= bar.fontMetrics().horizontalAdvance(title), title


def _right_tabs(window):  # type: ignore[no-untyped-def]
    bar = right_tab_bar(window)
    assert bar is not None
    return bar


def _shown_tab(window) -> str:  # type: ignore[no-untyped-def]
    bar = _right_tabs(window)
    return str(bar.tabText(bar.currentIndex()))


def test_right_dock_tabs_all_fit_without_scrolling_at_1366_by_768(window, qtbot):  # type: ignore[no-untyped-def]
    window.resize(1366, 768)
    load_into(window)
    window._docks_sized = False
    window._size_docks()
    qtbot.wait(50)
    bar = _right_tabs(window)
    titles = [bar.tabText(i) for i in range(bar.count())]
    assert titles == ["Properties", "Document", "Analysis"]
    assert window.dockWidgetArea(window.findChild(QDockWidget, "dock-history")) == (
        Qt.DockWidgetArea.BottomDockWidgetArea  # beside Findings, another list of what happened
    )
    bottom = [
        b
        for b in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if b.isVisible() and "History" in [b.tabText(i) for i in range(b.count())]
    ]
    assert len(bottom) == 1 and [bottom[0].tabText(i) for i in range(2)] == ["Findings", "History"]
    assert bottom[0].tabText(bottom[0].currentIndex()) == "Findings"
    # Every tab lies inside the bar as drawn: no scroll arrows are needed to reach one.
    assert all(bar.rect().contains(bar.tabRect(i)) for i in range(bar.count())), titles
    assert window.view.width() > window.width() * 0.55  # the canvas still has most of the room


def _click(window, qtbot, component_id: str, ctrl: bool = False) -> None:  # type: ignore[no-untyped-def]
    held = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    spot = viewport_point(window, window.scene.components[component_id].pos())
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, held, spot)
    qtbot.wait(20)


def test_selecting_one_component_brings_properties_forward(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.lint.timer.stop()  # no markers over the boxes
    window.findChild(QDockWidget, "dock-document").raise_()
    qtbot.wait(20)
    assert _shown_tab(window) == "Document"
    _click(window, qtbot, "api")
    assert window.scene.selected_component_ids() == ["api"]
    assert _shown_tab(window) == "Properties"
    window.scene.clearSelection()
    # A second component added with Ctrl is a multiple selection: the tab shown stays.
    _click(window, qtbot, "api")
    window.findChild(QDockWidget, "dock-document").raise_()
    _click(window, qtbot, "db", ctrl=True)
    assert window.scene.selected_component_ids() == ["api", "db"]
    assert _shown_tab(window) == "Document"


def test_selecting_while_analysis_is_shown_keeps_analysis(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.lint.timer.stop()
    window.findChild(QDockWidget, "dock-analysis").raise_()
    qtbot.wait(20)
    _click(window, qtbot, "db")
    # The selection is what Fail Selection fails next: the analysis stays in view.
    assert window.scene.selected_component_ids() == ["db"]
    assert _shown_tab(window) == "Analysis"


def _click_tab(qtbot, bar: QTabBar, title: str) -> None:  # type: ignore[no-untyped-def]
    index = next(i for i in range(bar.count()) if bar.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())


def test_the_analysis_tab_widens_its_dock_and_the_properties_tab_narrows_it(window, qtbot):  # type: ignore[no-untyped-def]
    """Reached by its tab rather than an Analyze command, the Analysis panel stayed in the
    narrow dock, its buttons, tabs and tables cut off at the right (session 14)."""
    window.resize(1366, 768)
    load_into(window)
    window._docks_sized = False
    window._size_docks()
    qtbot.wait(50)
    dock = window.findChild(QDockWidget, "dock-analysis")
    narrow = window.findChild(QDockWidget, "dock-properties").width()
    assert narrow < 400
    _click_tab(qtbot, _right_tabs(window), "Analysis")
    qtbot.waitUntil(lambda: dock.width() >= 500)
    panel = window.analysis_panel
    assert panel.leave_button.geometry().right() <= panel.width()  # nothing cut off
    _click_tab(qtbot, _right_tabs(window), "Properties")
    properties = window.findChild(QDockWidget, "dock-properties")
    qtbot.waitUntil(lambda: properties.isVisible() and properties.width() == narrow)
    assert _shown_tab(window) == "Properties"
