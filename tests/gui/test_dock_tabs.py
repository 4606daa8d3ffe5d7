"""The tabs of the docks stacked on the right show their whole titles on a small screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar

from .conftest import load_into


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
