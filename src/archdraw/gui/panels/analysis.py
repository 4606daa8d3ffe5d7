"""The Analysis panel and menu: fail what is selected, slide traffic growth, read the answer.

Installed by the main window (`install(window)`). Nothing
here edits the design or pushes on the undo stack: the results are drawn
over the canvas by `AnalysisOverlay` and written in the panel, and "Leave
analysis" restores the normal view. While an analysis is shown, every change
to the design recomputes it: here on small designs, in the lint worker on big
ones (`LintRunner.analyse`), so an edit never waits for it.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from archdraw.analysis.failure import UnknownElement
from archdraw.analysis.report import AnalysisReport, run_analysis
from archdraw.gui.analysis_overlay import AnalysisOverlay
from archdraw.gui.panels.analysis_rows import (
    AVAILABILITY_HEADERS,
    COMPONENT_HEADERS,
    FAILURE_CLIENT_HEADERS,
    LOAD_HEADERS,
    WEAKEST_HEADERS,
    availability_rows,
    failure_client_rows,
    failure_component_rows,
    headline,
    load_bars,
    load_rows,
    weakest_notes,
    weakest_rows,
)
from archdraw.gui.panels.analysis_views import LoadChart, ResultTable
from archdraw.model import Change

if TYPE_CHECKING:
    from archdraw.gui.main_window import MainWindow

SLIDER_STEPS = 200  # 0..200 on a log scale: 10 ** (value / 100) = 1x..100x
MAX_GROWTH = 10_000.0  # typed factors go past the slider's 100x
PRESETS = (1, 2, 10, 100)
# Above this many components a slider drag recomputes once it pauses, not on every step.
DEBOUNCE_COMPONENTS = 500
DEBOUNCE_MS = 80


def growth_of(value: int) -> float:
    return float(10 ** (value / 100))


def slider_value(growth: float) -> int:
    return max(0, min(SLIDER_STEPS, round(100 * math.log10(max(growth, 1.0)))))


class AnalysisPanel(QWidget):
    left = Signal()  # Leave analysis: the normal view is back

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.main = window
        self.overlay = AnalysisOverlay(window.scene)
        self.failed_components: list[str] = []
        self.failed_zones: list[str] = []
        self.growth: float | None = None
        self.extra = ""  # "weakest" | "availability" | ""
        # Narrows the dock back from an Analyze command's width (analysis_dock.install sets it).
        self.give_back_width: Callable[[], None] = lambda: None
        self.report: AnalysisReport | None = None
        self._slide_timer = QTimer(self)
        self._slide_timer.setSingleShot(True)
        self._slide_timer.setInterval(DEBOUNCE_MS)
        self._slide_timer.timeout.connect(self.refresh)
        self._build()
        self._listening = True
        self._unsubscribe = window.document.subscribe(self._on_change)
        window.lint.analysis_ready.connect(self._analysed)
        # The document can outlive the widget (tests, closing windows): stop listening then.
        self.destroyed.connect(lambda *_: self.detach())

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.fail_button = QPushButton("Fail selection")
        self.fail_button.setObjectName("analysis-fail")
        self.fail_button.setToolTip("Fail the components or zone selected on the canvas")
        self.fail_button.clicked.connect(self.fail_selection)
        self.all_instances = QCheckBox("All instances")
        self.all_instances.setObjectName("analysis-all-instances")
        self.all_instances.setToolTip("Off: one instance of each fails. On: every instance.")
        self.all_instances.toggled.connect(lambda _: self.refresh())
        self.leave_button = QPushButton("Leave analysis")
        self.leave_button.setObjectName("analysis-leave")
        self.leave_button.clicked.connect(self.leave)
        row.addWidget(self.fail_button)
        row.addWidget(self.all_instances)
        row.addStretch(1)
        row.addWidget(self.leave_button)
        layout.addLayout(row)
        layout.addLayout(self._growth_row())
        layout.addWidget(self.slider)  # a row of its own: the dock is often narrow
        self.bottleneck_label = QLabel("")
        self.bottleneck_label.setObjectName("analysis-bottleneck")
        self.bottleneck_label.setWordWrap(True)
        layout.addWidget(self.bottleneck_label)
        self.message = QLabel("Select components or a zone on the canvas, then fail them.")
        self.message.setObjectName("analysis-message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("analysis-tabs")
        self.failure_clients = self._table("analysis-failure-clients", FAILURE_CLIENT_HEADERS)
        self.failure_components = self._table("analysis-failure-components", COMPONENT_HEADERS)
        self.tabs.addTab(_stack(self.failure_clients, self.failure_components), "Failure")
        self.chart = LoadChart(self.main.theme)
        self.load_table = self._table("analysis-load", LOAD_HEADERS)
        self.tabs.addTab(_stack(_scrolled(self.chart), self.load_table), "Load")
        self.availability_button = QPushButton("Compute availability")
        self.availability_button.setObjectName("analysis-availability")
        self.availability_button.clicked.connect(lambda: self.show_extra("availability"))
        self.availability_table = self._table("analysis-availability-table", AVAILABILITY_HEADERS)
        self.tabs.addTab(_stack(self.availability_button, self.availability_table), "Availability")
        self.weakest_button = QPushButton("Find weakest points")
        self.weakest_button.setObjectName("analysis-weakest")
        self.weakest_button.clicked.connect(lambda: self.show_extra("weakest"))
        self.weakest_table = self._table("analysis-weakest-table", WEAKEST_HEADERS)
        # What the figures marked * rest on (calls taken as independent requests), as the
        # CLI's --weakest says it under its table.
        self.weakest_note = QLabel("")
        self.weakest_note.setObjectName("analysis-weakest-note")
        self.weakest_note.setWordWrap(True)
        self.weakest_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.weakest_note.setVisible(False)
        self.tabs.addTab(
            _stack(self.weakest_button, self.weakest_table, self.weakest_note), "Weakest points"
        )
        layout.addWidget(self.tabs, 1)

    def _growth_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel("Growth"))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("analysis-growth")
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setPageStep(25)
        self.slider.setToolTip("Every client's rps times this factor (log scale, 1x to 100x)")
        self.slider.valueChanged.connect(self._slid)
        self.growth_box = QDoubleSpinBox()
        self.growth_box.setObjectName("analysis-growth-box")
        self.growth_box.setRange(1.0, MAX_GROWTH)
        self.growth_box.setDecimals(2)
        self.growth_box.setSuffix("x")
        self.growth_box.setKeyboardTracking(False)  # one recompute per typed number
        self.growth_box.setToolTip("Type a growth factor: every client's rps times this")
        self.growth_box.valueChanged.connect(self.set_growth)
        row.addWidget(self.growth_box, 1)
        self.growth_label = QLabel("1x")
        self.growth_label.setObjectName("analysis-growth-label")
        self.growth_label.setVisible(False)  # read by the tests and the status text only
        for factor in PRESETS:
            preset = QPushButton(f"{factor:g}x")
            preset.setObjectName(f"analysis-preset-{factor:g}")
            preset.setMaximumWidth(48)
            preset.clicked.connect(functools.partial(self.set_growth, float(factor)))
            row.addWidget(preset)
        return row

    def _table(self, name: str, headers: tuple[str, ...]) -> ResultTable:
        table = ResultTable(name, headers)
        table.element_chosen.connect(self._element_chosen)
        return table

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _element_chosen(self, element: str) -> None:
        design = self.main.document.design
        if design.component(element) is not None or design.zone(element) is not None:
            self.main.select_and_centre([element])

    # Actions ---------------------------------------------------------------
    def fail_selection(self) -> None:
        scene = self.main.scene
        components, zones = scene.selected_component_ids(), scene.selected_zone_ids()
        if not components and not zones:
            self._say("Select components or a zone first, then Fail selection.")
            return
        self.failed_components, self.failed_zones = components, zones
        self.refresh()

    def set_growth(self, growth: float | None) -> None:
        self._show_growth(growth or 1.0)
        self.growth = growth
        self.refresh()

    def _show_growth(self, growth: float) -> None:
        """Put `growth` in the slider, the box and the label, without their signals."""
        self.slider.blockSignals(True)
        self.slider.setValue(slider_value(growth))
        self.slider.blockSignals(False)
        self.growth_box.blockSignals(True)
        self.growth_box.setValue(growth)
        self.growth_box.blockSignals(False)
        self.growth_label.setText(f"{growth:.3g}x")

    def show_extra(self, what: str) -> None:
        self.extra = what
        self.tabs.setCurrentIndex(3 if what == "weakest" else 2)
        self.refresh()

    def leave(self) -> None:
        """Back to the normal view: no overlay, nothing failed, growth 1x."""
        self.failed_components, self.failed_zones = [], []
        self.growth, self.extra, self.report = None, "", None
        self._show_growth(1.0)
        self.bottleneck_label.setText("")
        self._say("Select components or a zone on the canvas, then fail them.")
        for table in self.findChildren(ResultTable):
            table.show_rows([])
        self._show_weakest_note([])
        self.chart.show_bars([], self.main.theme)
        self.overlay.clear()
        self.main.lint.analyse(None)
        self.left.emit()

    @property
    def active(self) -> bool:
        return bool(self.failed_components or self.failed_zones or self.growth or self.extra)

    # Recomputing -----------------------------------------------------------
    def _slid(self, value: int) -> None:
        self.growth = growth_of(value)
        self.growth_label.setText(f"{self.growth:.3g}x")
        self.growth_box.blockSignals(True)
        self.growth_box.setValue(self.growth)
        self.growth_box.blockSignals(False)
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
            self._say(
                "The design changed: press Find weakest points or Compute availability again."
            )

    def refresh(self) -> None:
        """Work the report out again: here on a small design, in the lint worker on a big
        one (it arrives through `_analysed`, the window stays live meanwhile)."""
        lint = self.main.lint
        if not self.active:
            lint.analyse(None)
            return
        design = self.main.document.design
        known = {c.id for c in design.components}
        zones = {z.id for z in design.zones}
        self.failed_components = [c for c in self.failed_components if c in known]
        self.failed_zones = [z for z in self.failed_zones if z in zones]
        compute = functools.partial(
            run_analysis,
            library=self.main.library,
            fail=tuple(self.failed_components),
            fail_zones=tuple(self.failed_zones),
            all_instances=self.all_instances.isChecked(),
            growth=self.growth or 1.0,
            weakest=self.extra == "weakest",
            availability=self.extra == "availability",
        )
        if lint.threaded:
            lint.analyse(compute)
            return
        lint.analyse(None)
        try:
            report = compute(design)
        except UnknownElement as error:  # the design changed under us
            self._say(str(error))
            return
        self._show(report)

    def _analysed(self, answer: object) -> None:
        if not self.active:
            return
        if isinstance(answer, AnalysisReport):
            self._show(answer)
        elif isinstance(answer, UnknownElement):  # the design changed under us
            self._say(str(answer))
        elif isinstance(answer, Exception):
            self._say(f"analysis failed: {answer}")

    def _show(self, report: AnalysisReport) -> None:
        self.report = report
        growth = report.growth
        self.growth_label.setText(f"{growth.growth:.3g}x")
        self.bottleneck_label.setText(growth.summary if self.growth is not None else "")
        failure = report.failure
        sources = {report.graph.ids[n] for n in report.graph.sources}
        self.overlay.show(
            self.main.theme, failure, growth if self.growth is not None else None, sources
        )
        self._show_report(report)

    def _show_report(self, report: AnalysisReport) -> None:
        self._say(headline(report))
        self.failure_clients.show_rows(failure_client_rows(report))
        self.failure_components.show_rows(failure_component_rows(report))
        self.load_table.show_rows(load_rows(report))
        self.chart.show_bars(load_bars(report), self.main.theme)
        if report.availability is not None:
            self.availability_table.show_rows(availability_rows(report))
        if report.weakest is not None:
            self.weakest_table.show_rows(weakest_rows(report))
            self._show_weakest_note(weakest_notes(report))
        if report.failure is not None and self.extra == "":
            self.tabs.setCurrentIndex(0)
        elif self.growth is not None and self.extra == "" and report.failure is None:
            self.tabs.setCurrentIndex(1)

    def _show_weakest_note(self, notes: list[str]) -> None:
        self.weakest_note.setText("\n".join(notes))
        self.weakest_note.setVisible(bool(notes))

    def detach(self) -> None:
        if self._listening:
            self._listening = False
            self._unsubscribe()


def _stack(*widgets: QWidget) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(2, 2, 2, 2)
    for widget in widgets:  # the tables and the chart take the height; buttons and notes not
        layout.addWidget(widget, 0 if isinstance(widget, QPushButton | QLabel) else 1)
    return page


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area
