"""The Analysis dock and the Analyze menu around the analysis panel.

An Analyze command (or its tab) widens the dock (tables and bars need room; the docks' first
width suits the Properties form); leaving the analysis gives the width back and
brings the Properties form to the front again, as it was before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QScrollArea

from archdraw.gui.panels.analysis import AnalysisPanel

if TYPE_CHECKING:
    from archdraw.gui.main_window import MainWindow

ANALYSIS_WIDTH = 520  # px the dock widens to when an Analyze command shows it


class DockWidth:
    """Widens the Analysis dock for an Analyze command and narrows it back on leaving."""

    def __init__(self, window: MainWindow, dock: QDockWidget) -> None:
        self.window, self.dock = window, dock
        self.before: int | None = None  # the width an Analyze command widened from

    def widen(self) -> None:
        self.dock.show()
        self.dock.raise_()
        wide = self.window.width() > 2 * ANALYSIS_WIDTH
        if self.dock.width() < ANALYSIS_WIDTH and wide:
            if self.before is None:
                self.before = self.dock.width()
            self.window.resizeDocks([self.dock], [ANALYSIS_WIDTH], Qt.Orientation.Horizontal)

    def narrow(self) -> None:
        """Back to the width an Analyze command widened from."""
        if self.before is not None and self.dock.isVisible():
            # The dock shares its area with Properties: narrowing one narrows the area.
            self.window.resizeDocks([self.dock], [self.before], Qt.Orientation.Horizontal)
        self.before = None

    def tab_chosen(self, chosen: QDockWidget, active: bool) -> None:
        """Its tab clicked, the dock widens as an Analyze command makes it (narrow, its
        buttons, tabs and tables were cut off at the right); another tab of its stack
        chosen with no analysis showing gives the width back."""
        if chosen is self.dock:  # once laid out: until then it has a hidden dock's width
            QTimer.singleShot(0, self.dock, self.widen)
        elif not active and chosen in self.window.tabifiedDockWidgets(self.dock):
            self.narrow()

    def restore(self) -> None:
        self.narrow()
        properties = self.window.findChild(QDockWidget, "dock-properties")
        if properties is not None and properties in self.window.tabifiedDockWidgets(self.dock):
            properties.raise_()


def install(window: MainWindow) -> AnalysisPanel:
    """Add the Analysis dock and the Analyze menu to the editor window."""
    panel = AnalysisPanel(window)
    dock = QDockWidget("Analysis", window)
    dock.setObjectName("dock-analysis")
    # Scrolled, so its rows never force a wide dock on a small screen: the canvas keeps the room.
    scroller = QScrollArea()
    scroller.setWidgetResizable(True)
    scroller.setFrameShape(QScrollArea.Shape.NoFrame)
    scroller.setWidget(panel)
    dock.setWidget(scroller)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    properties = window.findChild(QDockWidget, "dock-properties")
    if properties is not None:
        window.tabifyDockWidget(properties, dock)
        properties.raise_()
    if window.docks_menu is not None:
        window.docks_menu.addAction(dock.toggleViewAction())
    width = DockWidth(window, dock)
    panel.left.connect(width.restore)
    window.tabifiedDockWidgetActivated.connect(lambda d: width.tab_chosen(d, panel.active))
    panel.give_back_width = width.restore

    bar = window.menuBar()
    menu = QMenu("&Analyze", window)
    menu.setObjectName("menu-analyze")
    help_menu = next((a for a in bar.actions() if a.text().replace("&", "") == "Help"), None)
    if help_menu is not None:
        bar.insertMenu(help_menu, menu)
    else:
        bar.addMenu(menu)
    entries = (
        ("Fail Selection", "analyze-fail", panel.fail_selection, "Ctrl+Shift+F"),
        ("Growth…", "analyze-growth", lambda: panel.growth_box.setFocus(), None),
        ("Weakest Points", "analyze-weakest", lambda: panel.show_extra("weakest"), None),
        ("Availability", "analyze-availability", lambda: panel.show_extra("availability"), None),
        ("Leave Analysis", "analyze-leave", panel.leave, None),
    )
    for text, name, slot, shortcut in entries:
        action = QAction(text, window)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if name != "analyze-leave":  # leaving must not show and widen the dock again
            action.triggered.connect(lambda *_: width.widen())
        action.triggered.connect(slot)
        menu.addAction(action)
        window.actions_by_name[name] = action
    leave = window.actions_by_name["analyze-leave"]
    # Leaving means something only while an analysis shows or has widened the dock.
    menu.aboutToShow.connect(lambda: leave.setEnabled(panel.active or width.before is not None))
    return panel
