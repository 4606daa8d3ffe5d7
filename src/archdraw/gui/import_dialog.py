"""File > Import…: Compose, Kubernetes, Terraform JSON or draw.io files as a new design.

The import runs `archdraw.imports` (the same code as `archdraw import`) in a worker thread,
as a big file opens (`archdraw.gui.loading`: progress and Cancel in the status bar, the
window responsive), opens the result as an unsaved design and shows its report: every
element with its source, the mapping rule and its confidence, then what was skipped,
unresolved or unknown. Guessed elements stay marked on the canvas (`import_marks`) until
confirmed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from archdraw.crash import internal_error_message
from archdraw.gui.dialogs import ChildDialog
from archdraw.gui.import_marks import CONFIRM_ACTION, ImportMarks
from archdraw.gui.loading import Prepared
from archdraw.imports import drawio_pages, import_files, summary
from archdraw.imports.drawio_read import ALL_PAGES
from archdraw.io import ElementLocations, LoadedDesign
from archdraw.model.provenance import ImportBlock
from archdraw.model.types import Design
from archdraw.source import SourceError

if TYPE_CHECKING:
    from archdraw.gui.main_window import MainWindow

IMPORT_FILTER = (
    "Importable files (*.yml *.yaml *.json *.drawio *.xml);;"
    "Docker Compose or Kubernetes (*.yml *.yaml);;Terraform show -json (*.json);;"
    "draw.io (*.drawio *.xml);;All files (*)"
)
COLUMNS = ("Element", "Type", "Confidence", "Rule", "Source")
# Column widths are measured on this many of each column's longest texts, not on every row.
MEASURED_PER_COLUMN = 12


def _lines(block: ImportBlock) -> dict[str, list[str]]:
    """The report's sections after the element table, by tab title."""
    return {
        "Skipped": [f"{count} {kind}" for kind, count in block.skipped.items()],
        "Unresolved": list(block.unresolved),
        "Unknown": [f"{u.component or '-'}: {u.property}: {u.why}" for u in block.unknown],
        "Start-up order": [
            f"{d.source} after {d.target} ({d.evidence}; not a request path)"
            for d in block.dependencies
        ],
    }


Index = QModelIndex | QPersistentModelIndex


class ElementsModel(QAbstractTableModel):
    """The report's elements, one row each: the texts are made once, and Qt asks only for
    the rows it shows (a view filled item by item paid for every row before opening)."""

    def __init__(self, design: Design, block: ImportBlock) -> None:
        super().__init__()
        types = {c.id: c.type for c in design.components}
        self.rows: list[tuple[str, str, str, str, str]] = []
        self.tips: list[str] = []
        for element in block.elements:
            kind = types.get(element.subject, "zone" if element.zone else "link")
            guessed = [n for n, how in element.properties.items() if how != "explicit"]
            sure = element.confidence + "".join(f"; {n} {element.properties[n]}" for n in guessed)
            self.rows.append((element.subject, kind, sure, element.rule, element.source))
            self.tips.append("\n".join(element.evidence))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tips[index.row()] or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | int | None:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return COLUMNS[section] if orientation == Qt.Orientation.Horizontal else section + 1

    def widest(self, column: int) -> list[str]:
        """The column's longest texts (by letters), the ones worth measuring."""
        texts = {row[column] for row in self.rows}
        return sorted(texts, key=len, reverse=True)[:MEASURED_PER_COLUMN]


class ImportReportDialog(ChildDialog):
    """What an import made and how surely, as the CLI prints it, in a table."""

    def __init__(self, design: Design, block: ImportBlock, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import report")
        self.setObjectName("import-report")
        self.resize(900, 520)
        heading = QLabel(summary(design, block))
        heading.setObjectName("import-summary")
        heading.setWordWrap(True)
        self.elements = ElementsModel(design, block)
        self.table = QTableView()
        self.table.setObjectName("import-elements")
        self.table.setModel(self.elements)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._fit_columns()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, f"Elements ({len(block.elements)})")
        for title, lines in _lines(block).items():
            page = QPlainTextEdit("\n".join(lines) or "(none)")
            page.setReadOnly(True)
            page.setObjectName(f"import-{title.lower().replace(' ', '-')}")
            self.tabs.addTab(page, f"{title} ({len(lines)})")
        guesses = len(block.unconfirmed_guesses())
        footer = QLabel(
            f"{guesses} {'guess is' if guesses == 1 else 'guesses are'} marked '?' on the canvas: "
            "check each, then confirm it "
            "(Edit > Confirm Import Guess, or right-click). Lint rule AD607 lists the rest."
            if guesses
            else "Nothing was only guessed."
        )
        footer.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(footer)
        layout.addWidget(buttons)

    def _fit_columns(self) -> None:
        """Each column as wide as its widest text, as resizeColumnsToContents makes it, but
        measured on a few long texts: asking the view would size every row."""
        metrics = QFontMetrics(self.table.font())
        header = self.table.horizontalHeader()
        header_metrics = QFontMetrics(header.font())
        padding = 2 * self.table.style().pixelMetric(
            self.table.style().PixelMetric.PM_FocusFrameHMargin
        )
        for column, title in enumerate(COLUMNS):
            texts = self.elements.widest(column)
            width = max((metrics.horizontalAdvance(t) for t in texts), default=0) + padding + 8
            width = max(width, header_metrics.horizontalAdvance(title) + 24)
            header.resizeSection(column, width)


class ImportController:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.marks = ImportMarks(window)
        self.report: ImportReportDialog | None = None

    def import_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self.window, "Import files (one format)", "", IMPORT_FILTER
        )
        if names:
            self.import_paths(names)

    def import_paths(self, paths: list[str]) -> bool:
        """Import in the background, as a big file opens (`FileController.in_background`):
        the window stays responsive, with progress and Cancel. The design then opens unsaved
        and the report shows; a bad input shows its problems (file, line, cause) and leaves
        the current design alone. True when the import started."""
        window = self.window
        page = self.choose_page(paths)
        if page is None:
            return False
        library, first = window.library, Path(paths[0])

        def read() -> LoadedDesign:  # in the worker: the importer core, no Qt
            result = import_files(paths, library, page=page or None)
            return LoadedDesign(result.design, ElementLocations({}, {}, {}), None)

        def imported(prepared: Prepared) -> None:  # on the UI thread
            design = prepared.loaded.design
            more = f" and {len(paths) - 1} more" if len(paths) > 1 else ""
            window.files.replace(design, None, origin=f"Imported {first.name}{more}")
            if design.imported is not None:  # every import writes its block
                self.report = ImportReportDialog(design, design.imported, window)
                self.report.open()
            window.statusBar().showMessage(prepared.note or f"Imported {first.name}", 8000)

        window.files.in_background(
            first, read, imported, lambda error: self.cannot_import(first, error), "Importing"
        )
        return True

    def cannot_import(self, path: Path, error: BaseException) -> None:
        if isinstance(error, SourceError):
            headline = "Nothing was imported: the input has problems."
            problems = [str(p) for p in error.problems]
        else:  # a bug in an importer must not take the editor down
            headline = f"Importing {path.name} failed: nothing was imported."
            problems = [internal_error_message(error)]
        self.window.files.show_problems("Cannot import", headline, problems)

    def choose_page(self, paths: list[str]) -> str | None:
        """A draw.io file of several pages: which one (or all); "" when there is nothing to
        choose, None when the user cancelled."""
        names = drawio_pages(paths[0]) if len(paths) == 1 else []
        if len(names) < 2:
            return ""
        every = f"All {len(names)} pages, each in a zone of its own"
        choice, ok = QInputDialog.getItem(
            self.window,
            "Import a draw.io page",
            f"{Path(paths[0]).name} has {len(names)} pages. Import:",
            [*names, every],
            0,
            False,
        )
        if not ok:
            return None
        return ALL_PAGES if choice == every else str(names.index(choice) + 1)


def install(window: MainWindow) -> ImportController:
    """File > Import…, Edit > Confirm Import Guess, guess marks and the canvas menu."""
    controller = ImportController(window)
    bar_menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    file_menu, edit_menu = bar_menus.get("File"), bar_menus.get("Edit")
    entries = (
        (file_menu, "Import…", "import", controller.import_dialog, "Ctrl+Shift+I", "open-sample"),
        (edit_menu, "Confirm Import Guess", CONFIRM_ACTION, controller.marks.confirm_selected,
         "Ctrl+Shift+K", None),
    )  # fmt: skip
    for menu, text, name, slot, shortcut, after in entries:
        action = QAction(text, window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
        if isinstance(menu, QMenu):
            following = _after(menu, after)
            if following is not None:
                menu.insertAction(following, action)
            else:
                menu.addAction(action)
        window.actions_by_name[name] = action
    confirming = window.actions_by_name[CONFIRM_ACTION]

    def offer_confirming(_change: object = None) -> None:
        # Offered (menu and shortcut) while a selected element is an unconfirmed guess; the
        # marks refresh on the same change first (they subscribed first). A closing window
        # deletes its scene, which says its selection changed on the way out.
        if shiboken6.isValid(window.scene) and shiboken6.isValid(confirming):
            confirming.setEnabled(bool(controller.marks.selected_guesses()))

    window.scene.selectionChanged.connect(offer_confirming)
    window.document.subscribe(offer_confirming)
    offer_confirming()
    window.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    window.view.customContextMenuRequested.connect(controller.marks.context_menu)
    return controller


def _after(menu: QMenu, name: str | None) -> QAction | None:
    """The action that follows the one called `name` (insert before it), if any."""
    actions = menu.actions()
    for index, action in enumerate(actions):
        if action.objectName() == name and index + 1 < len(actions):
            return actions[index + 1]
    return None
