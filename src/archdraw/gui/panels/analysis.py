"""The Analysis panel and menu: fail what is selected, slide traffic growth, read the answer.

Installed by the main window (`install(window)`). Nothing
here edits the design or pushes on the undo stack: the results are drawn
over the canvas by `AnalysisOverlay` and written in the panel, and "Leave
analysis" restores the normal view. While an analysis is shown, every change
to the design recomputes it (the analyses take milliseconds on real designs).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from archdraw.analysis.failure import UnknownElement
from archdraw.analysis.report import AnalysisReport, run_analysis
from archdraw.analysis.text import render_text
from archdraw.gui.analysis_overlay import AnalysisOverlay
from archdraw.model import Change

if TYPE_CHECKING:
    from archdraw.gui.main_window import MainWindow

SLIDER_STEPS = 200  # 0..200 on a log scale: 10 ** (value / 100) = 1x..100x
# Above this many components a slider drag recomputes once it pauses, not on every step.
DEBOUNCE_COMPONENTS = 500
DEBOUNCE_MS = 80


def growth_of(value: int) -> float:
    return float(10 ** (value / 100))


def slider_value(growth: float) -> int:
    return max(0, min(SLIDER_STEPS, round(100 * math.log10(max(growth, 1.0)))))


class AnalysisPanel(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.main = window
        self.overlay = AnalysisOverlay(window.scene)
        self.failed_components: list[str] = []
        self.failed_zones: list[str] = []
        self.growth: float | None = None
        self.extra = ""  # "weakest" | "availability" | ""
        self.report: AnalysisReport | None = None
        self._slide_timer = QTimer(self)
        self._slide_timer.setSingleShot(True)
        self._slide_timer.setInterval(DEBOUNCE_MS)
        self._slide_timer.timeout.connect(self.refresh)
        self._build()
        self._listening = True
        self._unsubscribe = window.document.subscribe(self._on_change)
        # The document can outlive the widget (tests, closing windows): stop listening then.
        self.destroyed.connect(lambda *_: self.detach())

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        hint = QLabel("Select components or a zone on the canvas, then fail them.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.fail_button = QPushButton("Fail selection")
        self.fail_button.setObjectName("analysis-fail")
        self.fail_button.clicked.connect(self.fail_selection)
        self.all_instances = QCheckBox("All instances")
        self.all_instances.setObjectName("analysis-all-instances")
        self.all_instances.setToolTip("Off: one instance of each fails. On: every instance.")
        self.all_instances.toggled.connect(lambda _: self.refresh())
        row.addWidget(self.fail_button)
        row.addWidget(self.all_instances)
        layout.addLayout(row)

        grid = QGridLayout()
        grid.addWidget(QLabel("Growth"), 0, 0)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("analysis-growth")
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setPageStep(25)
        self.slider.setToolTip("Every client's rps times this factor (log scale, 1x to 100x)")
        self.slider.valueChanged.connect(self._slid)
        grid.addWidget(self.slider, 0, 1)
        self.growth_label = QLabel("1x")
        self.growth_label.setObjectName("analysis-growth-label")
        self.growth_label.setMinimumWidth(48)
        grid.addWidget(self.growth_label, 0, 2)
        layout.addLayout(grid)
        self.bottleneck_label = QLabel("")
        self.bottleneck_label.setObjectName("analysis-bottleneck")
        self.bottleneck_label.setWordWrap(True)
        layout.addWidget(self.bottleneck_label)

        row = QHBoxLayout()
        self.weakest_button = QPushButton("Weakest points")
        self.weakest_button.setObjectName("analysis-weakest")
        self.weakest_button.clicked.connect(lambda: self.show_extra("weakest"))
        self.availability_button = QPushButton("Availability")
        self.availability_button.setObjectName("analysis-availability")
        self.availability_button.clicked.connect(lambda: self.show_extra("availability"))
        row.addWidget(self.weakest_button)
        row.addWidget(self.availability_button)
        layout.addLayout(row)

        self.text = QPlainTextEdit()
        self.text.setObjectName("analysis-report")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlaceholderText("Nothing analysed yet.")
        layout.addWidget(self.text, 1)
        self.leave_button = QPushButton("Leave analysis")
        self.leave_button.setObjectName("analysis-leave")
        self.leave_button.clicked.connect(self.leave)
        layout.addWidget(self.leave_button)

    # Actions ---------------------------------------------------------------
    def fail_selection(self) -> None:
        scene = self.main.scene
        components, zones = scene.selected_component_ids(), scene.selected_zone_ids()
        if not components and not zones:
            self.text.setPlainText("Select components or a zone first, then Fail selection.")
            return
        self.failed_components, self.failed_zones = components, zones
        self.refresh()

    def set_growth(self, growth: float | None) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(slider_value(growth or 1.0))
        self.slider.blockSignals(False)
        self.growth = growth
        self.refresh()

    def show_extra(self, what: str) -> None:
        self.extra = what
        self.refresh()

    def leave(self) -> None:
        """Back to the normal view: no overlay, nothing failed, growth 1x."""
        self.failed_components, self.failed_zones = [], []
        self.growth, self.extra, self.report = None, "", None
        self.slider.blockSignals(True)
        self.slider.setValue(0)
        self.slider.blockSignals(False)
        self.growth_label.setText("1x")
        self.bottleneck_label.setText("")
        self.text.clear()
        self.overlay.clear()

    @property
    def active(self) -> bool:
        return bool(self.failed_components or self.failed_zones or self.growth or self.extra)

    # Recomputing -----------------------------------------------------------
    def _slid(self, value: int) -> None:
        self.growth = growth_of(value)
        self.growth_label.setText(f"{self.growth:.3g}x")
        if len(self.main.document.design.components) > DEBOUNCE_COMPONENTS:
            self._slide_timer.start()  # big design: wait for the drag to pause
        else:
            self.refresh()

    def _on_change(self, change: Change) -> None:
        # Weakest points and availability enumerate every failure: on demand only,
        # so an edit on a big design stays instant.
        stale_extra = self.extra
        self.extra = ""
        if self.active:
            self.refresh()
        elif stale_extra:
            self.text.setPlainText(
                "The design changed: press Weakest points or Availability again."
            )

    def refresh(self) -> None:
        if not self.active:
            return
        design = self.main.document.design
        known = {c.id for c in design.components}
        zones = {z.id for z in design.zones}
        self.failed_components = [c for c in self.failed_components if c in known]
        self.failed_zones = [z for z in self.failed_zones if z in zones]
        try:
            report = run_analysis(
                design,
                self.main.library,
                fail=self.failed_components,
                fail_zones=self.failed_zones,
                all_instances=self.all_instances.isChecked(),
                growth=self.growth or 1.0,
                weakest=self.extra == "weakest",
                availability=self.extra == "availability",
            )
        except UnknownElement as error:  # the design changed under us
            self.text.setPlainText(str(error))
            return
        self.report = report
        growth = report.growth
        self.growth_label.setText(f"{growth.growth:.3g}x")
        self.bottleneck_label.setText(growth.summary if self.growth is not None else "")
        failure = report.failure
        sources = {report.graph.ids[n] for n in report.graph.sources}
        self.overlay.show(
            self.main.theme, failure, growth if self.growth is not None else None, sources
        )
        self.text.setPlainText(render_text(report, growth_asked=self.growth is not None))

    def detach(self) -> None:
        if self._listening:
            self._listening = False
            self._unsubscribe()


def install(window: MainWindow) -> AnalysisPanel:
    """Add the Analysis dock and the Analyze menu to the editor window."""
    panel = AnalysisPanel(window)
    dock = QDockWidget("Analysis", window)
    dock.setObjectName("dock-analysis")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    properties = window.findChild(QDockWidget, "dock-properties")
    if properties is not None:
        window.tabifyDockWidget(properties, dock)
        properties.raise_()
    if window.docks_menu is not None:
        window.docks_menu.addAction(dock.toggleViewAction())

    def shown(action: object) -> None:
        dock.show()
        dock.raise_()

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
        ("Growth…", "analyze-growth", lambda: panel.slider.setFocus(), None),
        ("Weakest Points", "analyze-weakest", lambda: panel.show_extra("weakest"), None),
        ("Availability", "analyze-availability", lambda: panel.show_extra("availability"), None),
        ("Leave Analysis", "analyze-leave", panel.leave, None),
    )
    for text, name, slot, shortcut in entries:
        action = QAction(text, window)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        action.triggered.connect(shown)
        menu.addAction(action)
        window.actions_by_name[name] = action
    return panel
