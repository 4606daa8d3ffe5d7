"""The findings panel: what the rules say, filterable, with why, how to fix, and a Fix button."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable
from operator import attrgetter
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
    QVBoxLayout,
    QWidget,
)

from archdraw.gui.editing import Editing
from archdraw.gui.panels.finding_names import (
    TOOLTIP_NAMES,
    element_names,
    link_titles,
    listed,
    related_html,
)
from archdraw.gui.panels.finding_rows import row_steps, same_finding
from archdraw.gui.panels.findings_table import FindingsTable
from archdraw.lint import Finding
from archdraw.lint.fixes import fix_edit
from archdraw.model import Change, Design, LintIgnore
from archdraw.model import edits_named as named
from archdraw.model.edits import (
    MoveComponents,
    SetLinkProperties,
    SetLintSettings,
    SetProperties,
)
from archdraw.source.printable import plural
from archdraw.style import Theme

# Edits that leave every element's title as it was (the Element column).
_KEEPS_TITLES = (MoveComponents, SetProperties, SetLinkProperties)
FILTERS = {"All severities": 1, "Warnings and errors": 2, "Errors only": 3}
_ROOT = QModelIndex()
DETAILS_STYLE = "h3 { margin-top: 0; margin-bottom: 4px; } p { margin-top: 0; margin-bottom: 6px; }"


class FindingsModel(QAbstractTableModel):
    """Findings as rows; a model (not one widget item per row) keeps 10,000 findings cheap.

    A new lint result is applied as the rows it inserts and removes (`update_rows`),
    so the view repaints what changed and keeps its selection and scroll position.
    Element titles are looked up when a row is drawn, in the current design.
    """

    HEADERS = ("Severity", "Code", "Element", "Message")
    RESET_ABOVE = 200  # row insertions and removals; past this a reset is cheaper

    def __init__(self, theme: Theme, design: Callable[[], Design]) -> None:
        super().__init__()
        self.theme = theme
        self.design = design
        self.rows: list[Finding] = []
        self._names: dict[str, str] | None = None  # element id -> title, built when drawn
        self._links: dict[str, str] | None = None

    def forget_titles(self) -> None:
        """The design changed: titles are looked up again when next drawn."""
        self._names = self._links = None
        if self.rows:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self.rows) - 1, 2))

    def set_rows(self, rows: list[Finding]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def update_rows(self, rows: list[Finding]) -> None:
        """Make the rows `rows`, inserting and removing only the findings that differ."""
        steps = row_steps(self.rows, rows)
        if len(steps) > self.RESET_ABOVE:
            self.set_rows(rows)
            return
        for at, removed, added in steps:
            if removed:
                self.beginRemoveRows(_ROOT, at, at + removed - 1)
                del self.rows[at : at + removed]
                self.endRemoveRows()
            if added:
                self.beginInsertRows(_ROOT, at, at + len(added) - 1)
                self.rows[at:at] = added
                self.endInsertRows()
        self.rows[:] = rows  # equal findings may be new objects: hold the current ones

    def title(self, finding: Finding) -> str:
        """What a finding is about, named as the canvas names it (`element_title`)."""
        if self._names is None:
            design = self.design()
            self._names = element_names(design)
        if finding.link is not None and finding.component is None:
            return self._link_titles().get(finding.link, finding.link)
        if finding.element is not None:
            return self._names.get(finding.element, finding.element)
        return "(design)"

    def related_titles(self, finding: Finding) -> list[str]:
        """The other elements the finding is about (`Finding.related`: component or zone ids,
        link keys), by their titles."""
        if not finding.related:
            return []
        links = self._link_titles()
        names = self._names or {}
        return [names.get(r.element) or links.get(r.element, r.element) for r in finding.related]

    def _link_titles(self) -> dict[str, str]:
        if self._links is None:
            if self._names is None:
                self._names = element_names(self.design())
            self._links = link_titles(self.design(), self._names)
        return self._links

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
            column = index.column()
            if column == 0:
                return finding.severity.value
            if column == 1:
                return finding.code
            if column == 2:
                return self.title(finding)
            return finding.message
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QColor(self.theme.severity[finding.severity.value])
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return finding.element
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            related = listed(self.related_titles(finding), TOOLTIP_NAMES, "\n")
            return finding.message + (f"\nAlso about:{related}" if related else "")
        if role == Qt.ItemDataRole.UserRole:
            return finding
        return None


class FindingsPanel(QWidget):
    locate = Signal(list, list)  # the finding's element (if any), its related elements

    def __init__(self, editing: Editing, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editing, self.theme = editing, theme
        self.findings: list[Finding] = []
        # The document revision the findings are for: after an edit, until the lint catches
        # up, a finding's fix is the one worked out for the design before the edit.
        self.revision = editing.document.revision
        self._detailed: list[Finding | None] = []  # whose details are shown (empty: none yet)
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
        self.model = FindingsModel(theme, lambda: editing.document.design)
        editing.document.subscribe(self._design_changed)
        self.table = FindingsTable()
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
        # Qt's default margins (a line's height around each paragraph and heading) took half
        # of the short dock: the rule, message and why read closer together.
        self.details.document().setDefaultStyleSheet(DETAILS_STYLE)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.severity_filter.currentTextChanged.connect(lambda _: self._refilter())
        self.table.setSelectionMode(FindingsTable.SelectionMode.SingleSelection)
        self.table.selectionModel().selectionChanged.connect(self._current_changed)
        self.table.clicked.connect(self._clicked)
        self.table.chosen.connect(self._clicked)  # with the keyboard
        self.fix_button.clicked.connect(self.apply_fix)
        self.disable_button.clicked.connect(self.disable_rule)
        self.ignore_button.clicked.connect(self.ignore_here)

    def set_theme(self, theme: Theme) -> None:
        self.theme = self.model.theme = theme
        self._refilter()

    def _design_changed(self, change: Change) -> None:
        if not isinstance(change.edit, _KEEPS_TITLES):
            self.model.forget_titles()
            self._detailed = []  # the details name related elements: write them again
        if change.is_reset:  # another design: a finding of the last one is nobody's pick
            self.table.selectionModel().clear()
        self._show_fix(self.current())

    def findings_current(self) -> bool:
        """Whether the findings shown are those of the design as it is now."""
        return self.revision == self.editing.document.revision

    def _show_fix(self, finding: Finding | None) -> None:
        """The Fix button offers `finding`'s fix, if it has one and the findings are
        current; a fix from before the last edit could undo what the user just did."""
        fix = finding.fix if finding is not None else None
        self.fix_button.setEnabled(fix is not None and self.findings_current())
        self.fix_button.setText(f"Fix: {fix.label}" if fix is not None else "Fix")
        self.fix_button.setToolTip(
            ""
            if fix is None or self.findings_current()
            else "Waiting for the findings of the design as it is now"
        )

    def _refilter(self) -> None:
        self._show(self.findings, incremental=False)

    def show_findings(self, findings: list[Finding], incremental: bool = True) -> None:
        """Show these findings, those of the design as it is now: only rows that differ
        from those shown change (the selection stays on its finding), unless `incremental`
        is off."""
        self.revision = self.editing.document.revision
        self._show(findings, incremental)

    def _show(self, findings: list[Finding], incremental: bool) -> None:
        current = self.current()
        self.findings = list(findings)
        minimum = FILTERS[self.severity_filter.currentText()]
        shown = (
            self.findings if minimum == 1 else [f for f in findings if f.severity.rank >= minimum]
        )
        if incremental:
            self.model.update_rows(shown)
        else:
            self.model.set_rows(shown)
        after = self.current()
        if current is not None and (after is None or not same_finding(current, after)):
            # Its row went (fixed, or the rows were reset): Qt would move the selection
            # to a neighbour nobody picked. Select the same finding again, else nothing.
            self.table.selectionModel().clear()
            again = next(
                (i for i, f in enumerate(self.model.rows) if same_finding(current, f)), None
            )
            if again is not None:
                self.select_row(again)
        counts = Counter(map(attrgetter("severity"), findings))  # Severity: str keys
        self.summary.setText(
            f"{plural(counts['error'], 'error')} · {plural(counts['warning'], 'warning')} · "
            f"{counts['info']} info"
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
        self._show_fix(finding)
        self.disable_button.setEnabled(finding is not None)
        self.ignore_button.setEnabled(finding is not None and finding.element is not None)
        if self._detailed == [finding]:
            return  # the text shown already (the same finding object, or none)
        self._detailed = [finding]
        if finding is None:
            self.details.setHtml("<p>Select a finding to see why it matters and how to fix it.</p>")
            return
        rule = finding.rule
        self.details.setHtml(
            f"<h3>{finding.code} {html.escape(rule.name)}</h3>"
            f"<p><b>{html.escape(rule.title)}</b></p><p>{html.escape(finding.message)}</p>"
            f"{related_html(self.model.related_titles(finding))}"
            f"<p><b>Why:</b> {html.escape(rule.why)}</p><p><b>Fix:</b> {html.escape(rule.fix)}</p>"
        )

    def _clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        finding = self.model.rows[index.row()]
        related = [r.element for r in finding.related]
        if finding.element is not None or related:
            self.locate.emit([finding.element] if finding.element is not None else [], related)

    def apply_fix(self) -> None:
        finding = self.current()
        if finding is None or finding.fix is None or not self.findings_current():
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
        # Named with the rule's name: History's "Disable AD101" said nothing of what went.
        label = f"Disable rule {finding.code} {finding.name}"
        self.editing.apply(SetLintSettings(settings, label=label))

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
        where = named.element_title(self.editing.document.design, finding.element)
        self.editing.apply(SetLintSettings(settings, label=f"Ignore {finding.code} on {where}"))
