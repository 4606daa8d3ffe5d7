"""The findings panel: what the rules say, filterable, with why, how to fix, and a Fix button."""

from __future__ import annotations

import html
from collections import Counter
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from archdraw.gui.editing import Editing
from archdraw.lint import Finding
from archdraw.lint.fixes import fix_edit
from archdraw.model import Design, LintIgnore
from archdraw.model.edits import SetLintSettings
from archdraw.style import Theme

FILTERS = {"All severities": 1, "Warnings and errors": 2, "Errors only": 3}
_ROOT = QModelIndex()


class FindingsModel(QAbstractTableModel):
    """Findings as rows; a model (not one widget item per row) keeps 10,000 findings cheap."""

    HEADERS = ("Severity", "Code", "Element", "Message")

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.rows: list[Finding] = []
        self.titles: list[str] = []  # per row: what the Element column shows

    def set_rows(self, rows: list[Finding], design: Design) -> None:
        self.beginResetModel()
        self.rows = rows
        self.titles = element_titles(rows, design)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        finding = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                finding.severity.value,
                finding.code,
                self.titles[index.row()],
                finding.message,
            )
            return values[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QColor(self.theme.severity[finding.severity.value])
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return finding.element
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return finding.message
        if role == Qt.ItemDataRole.UserRole:
            return finding
        return None


class FindingsPanel(QWidget):
    locate = Signal(list)

    def __init__(self, editing: Editing, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editing, self.theme = editing, theme
        self.findings: list[Finding] = []
        self.severity_filter = QComboBox()
        self.severity_filter.setObjectName("severity-filter")
        self.severity_filter.addItems(list(FILTERS))
        self.summary = QLabel()
        self.fix_button = QPushButton("Fix")
        self.fix_button.setObjectName("fix-button")
        self.disable_button = QPushButton("Disable rule")
        self.ignore_button = QPushButton("Ignore here")
        for button in (self.fix_button, self.disable_button, self.ignore_button):
            button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.severity_filter)
        top.addWidget(self.summary, 1)
        top.addWidget(self.fix_button)
        top.addWidget(self.disable_button)
        top.addWidget(self.ignore_button)
        self.model = FindingsModel(theme)
        self.table = QTreeView()
        self.table.setObjectName("findings-table")
        self.table.setModel(self.model)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setColumnWidth(0, 80)
        self.table.setColumnWidth(1, 70)
        self.table.setColumnWidth(2, 140)
        self.details = QTextBrowser()
        self.details.setObjectName("finding-details")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.severity_filter.currentTextChanged.connect(lambda _: self.show_findings(self.findings))
        self.table.setSelectionMode(QTreeView.SelectionMode.SingleSelection)
        self.table.selectionModel().selectionChanged.connect(self._current_changed)
        self.table.clicked.connect(self._clicked)
        self.fix_button.clicked.connect(self.apply_fix)
        self.disable_button.clicked.connect(self.disable_rule)
        self.ignore_button.clicked.connect(self.ignore_here)

    def set_theme(self, theme: Theme) -> None:
        self.theme = self.model.theme = theme
        self.show_findings(self.findings)

    def show_findings(self, findings: list[Finding]) -> None:
        current = self.current()
        self.findings = list(findings)
        minimum = FILTERS[self.severity_filter.currentText()]
        shown = [f for f in findings if f.severity.rank >= minimum]
        self.model.set_rows(shown, self.editing.document.design)
        if current is not None:
            again = next((i for i, f in enumerate(self.model.rows) if _same(current, f)), None)
            if again is not None:
                self.select_row(again)
        counts = Counter(str(f.severity) for f in findings)
        self.summary.setText(
            f"{counts['error']} errors · {counts['warning']} warnings · {counts['info']} info"
        )
        self._current_changed()

    def row_count(self) -> int:
        return self.model.rowCount()

    def row(self, number: int) -> Finding:
        return self.model.rows[number]

    def select_row(self, number: int) -> None:
        self.table.setCurrentIndex(self.model.index(number, 0))

    def current(self) -> Finding | None:
        """The finding the user selected, or None.

        Read from the selection, not the current index: after the list refreshes,
        or when the table takes focus, Qt moves the current index to the first row
        without selecting it, and Fix would then act on a finding nobody picked.
        """
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1 or rows[0].row() >= len(self.model.rows):
            return None
        return self.model.rows[rows[0].row()]

    def _current_changed(self, *_: object) -> None:
        finding = self.current()
        self.fix_button.setEnabled(finding is not None and finding.fix is not None)
        self.fix_button.setText(f"Fix: {finding.fix.label}" if finding and finding.fix else "Fix")
        self.disable_button.setEnabled(finding is not None)
        self.ignore_button.setEnabled(finding is not None and finding.element is not None)
        if finding is None:
            self.details.setHtml("<p>Select a finding to see why it matters and how to fix it.</p>")
            return
        rule = finding.rule
        self.details.setHtml(
            f"<h3>{finding.code} {html.escape(rule.name)}</h3>"
            f"<p><b>{html.escape(rule.title)}</b></p><p>{html.escape(finding.message)}</p>"
            f"<p><b>Why:</b> {html.escape(rule.why)}</p><p><b>Fix:</b> {html.escape(rule.fix)}</p>"
        )

    def _clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        finding = self.model.rows[index.row()]
        if finding.element is not None:
            self.locate.emit([finding.element])

    def apply_fix(self) -> None:
        finding = self.current()
        if finding is None or finding.fix is None:
            return
        edit = fix_edit(finding)
        if edit is not None:
            self.editing.apply(edit)

    def disable_rule(self) -> None:
        finding = self.current()
        if finding is None:
            return
        settings = self.editing.document.design.lint.model_copy(deep=True)
        if finding.code not in settings.disable and finding.name not in settings.disable:
            settings.disable.append(finding.code)
        self.editing.apply(SetLintSettings(settings, label=f"Disable {finding.code}"))

    def ignore_here(self) -> None:
        finding = self.current()
        if finding is None or finding.element is None:
            return
        settings = self.editing.document.design.lint.model_copy(deep=True)
        settings.ignore.append(
            LintIgnore(
                rule=finding.code,
                component=finding.component,
                link=finding.link,
                zone=finding.zone,
                reason="ignored in the editor",
            )
        )
        self.editing.apply(SetLintSettings(settings, label=f"Ignore {finding.code}"))


def _same(a: Finding, b: Finding) -> bool:
    return (a.code, a.element, a.message) == (b.code, b.element, b.message)


def element_titles(findings: list[Finding], design: Design) -> list[str]:
    """What each finding is about, named as the canvas names it: a title, not an id.

    A component or zone shows its label (else its id); a link shows "Source → Target"
    by those titles. An element the design no longer has keeps its id.
    """
    names = {z.id: z.title for z in design.zones} | {c.id: c.title for c in design.components}
    links = {link.key: link.ends_title(names) for link in design.links}
    titles = []
    for finding in findings:
        if finding.link is not None and finding.component is None:
            titles.append(links.get(finding.link, finding.link))
        elif finding.element is not None:
            titles.append(names.get(finding.element, finding.element))
        else:
            titles.append("(design)")
    return titles
