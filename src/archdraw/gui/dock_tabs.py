"""Tabs of docks stacked in one place show their whole titles.

Qt draws the tab bar of tabified docks eliding its titles to fit ("Pr…", "An…" for
Properties and Analysis at 1366 x 768). A title cut to two letters names nothing: the
titles stay whole, and the bar scrolls when they do not all fit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QTabBar


def whole_tab_titles(window: QMainWindow) -> None:
    """Every dock tab bar of `window` (Qt makes one per stack, when docks are tabified)."""
    for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
        bar.setElideMode(Qt.TextElideMode.ElideNone)
        bar.setUsesScrollButtons(True)
