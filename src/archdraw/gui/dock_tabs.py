"""The docks stacked in tabs: whole titles that fit, and Properties on a selection.

Qt draws the tab bar of tabified docks eliding its titles to fit ("Pr…", "An…" for
Properties and Analysis at 1366 x 768). A title cut to two letters names nothing: the
titles stay whole and short ("Document", not "Design document"), and the right dock
holds only what edits or reads the selection (Properties, Document, Analysis) so its
tabs fit its first width, a fifth of the window; History, a list of steps like the
findings, is a tab beside Findings at the bottom. Where the tabs still do not fit, the
right dock starts as wide as they need (up to 340 px), and beyond that the bar scrolls.

Selecting one element on the canvas is asking to see or edit it: Properties comes to the
front, unless the Analysis tab is shown. There the selection is what *Fail Selection*
fails, so picking the next component to fail must not hide the answer being read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar

if TYPE_CHECKING:
    from archdraw.gui.main_window import MainWindow

RIGHT_DOCK_MAX = 340  # px: the right dock's first width at most, so the canvas keeps most
# The bottom stack's (Findings, History) first height: a quarter of the window, at most
# 180 px. At 1366 x 768 a finding's details then read seven lines (heading, rule, message,
# the start of why) where the dock's least height showed three; the canvas keeps the rest.
BOTTOM_DOCK_SHARE = 0.26
BOTTOM_DOCK_MAX = 180
KEEPS_SELECTION = "Analysis"  # the tab whose panel takes the selection as its input


# Saved window layouts carry this number: one saved before History moved to the bottom
# is not restored (its four tabs on the right would not fit), the first start's is used.
DOCK_LAYOUT_VERSION = 1


def stack_docks(window: QMainWindow, front: str, behind: str) -> None:
    """The dock `behind` as a tab behind `front` (object names without "dock-").

    Document goes behind Properties as the window is built; History behind Findings once
    the window is shown: a second stack tabified before the first show leaves Qt with a
    stray copy of its tab bar, drawn over the palette."""
    first = window.findChild(QDockWidget, f"dock-{front}")
    second = window.findChild(QDockWidget, f"dock-{behind}")
    if first is not None and second is not None:
        window.tabifyDockWidget(first, second)
        first.raise_()


def whole_tab_titles(window: QMainWindow) -> None:
    """Every dock tab bar of `window` (Qt makes one per stack, when docks are tabified)."""
    for bar in _tab_bars(window):
        bar.setElideMode(Qt.TextElideMode.ElideNone)
        bar.setUsesScrollButtons(True)


def right_tab_bar(window: QMainWindow) -> QTabBar | None:
    """The tab bar of the stack holding Properties, once Qt has made it."""
    for bar in _tab_bars(window):
        if any(bar.tabText(i) == "Properties" for i in range(bar.count())):
            return bar
    return None


def right_dock_width(window: QMainWindow) -> int:
    """The right dock's first width: a fifth of the window (240 to 340 px), widened so the
    tabs show whole without scrolling when a 340 px dock holds them."""
    share = min(RIGHT_DOCK_MAX, max(240, int(window.width() * 0.2)))
    bar = right_tab_bar(window)
    if bar is None:
        return share
    return max(share, min(RIGHT_DOCK_MAX, bar.sizeHint().width() + 4))


def bottom_dock_height(window: QMainWindow) -> int:
    """The first height asked for the bottom stack (`resizeDocks` counts its tab bar)."""
    return min(BOTTOM_DOCK_MAX, int(window.height() * BOTTOM_DOCK_SHARE))


def properties_on_selection(window: MainWindow) -> None:
    """Bring Properties to the front when one element is selected (see the module's note)."""

    def selected() -> None:
        scene = window.scene
        if not (shiboken6.isValid(window) and shiboken6.isValid(scene)):
            return  # the window is closing: the scene deselects as it empties
        count = (
            len(scene.selected_component_ids())
            + len(scene.selected_zone_ids())
            + len(scene.selected_link_keys())
        )
        if count != 1:
            return
        bar = right_tab_bar(window)
        if bar is None or bar.tabText(bar.currentIndex()) in ("Properties", KEEPS_SELECTION):
            return
        properties = window.findChild(QDockWidget, "dock-properties")
        if properties is not None and properties.isVisible():
            properties.raise_()

    window.scene.selectionChanged.connect(selected)


def _tab_bars(window: QMainWindow) -> list[QTabBar]:
    return window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
