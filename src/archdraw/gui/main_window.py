"""The editor window: canvas in the centre, palette, properties, findings and document docks."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from archdraw import __version__
from archdraw.gui.actions import build_menus, build_toolbar
from archdraw.gui.arranging import add_from_palette
from archdraw.gui.autosave import Autosave
from archdraw.gui.canvas.scene import DesignScene
from archdraw.gui.canvas.view import DesignView
from archdraw.gui.clipboard import clipboard_text, copy_to_clipboard, paste_edit
from archdraw.gui.commands import HistoryMirror
from archdraw.gui.dialogs import RulesDialog, keys_back_after_dialogs
from archdraw.gui.dock_tabs import (
    DOCK_LAYOUT_VERSION,
    bottom_dock_height,
    properties_on_selection,
    right_dock_width,
    stack_docks,
    whole_tab_titles,
)
from archdraw.gui.editing import Editing
from archdraw.gui.field_keys import install as install_field_keys
from archdraw.gui.files import FileController
from archdraw.gui.find import FindBar
from archdraw.gui.grouping import group_edit, strays_note
from archdraw.gui.import_dialog import install as install_imports
from archdraw.gui.layout_job import LayoutJob
from archdraw.gui.lint_runner import LintRunner
from archdraw.gui.marker_click import connect_marker_clicks
from archdraw.gui.panels.analysis_dock import install as install_analysis_panel
from archdraw.gui.panels.document import DocumentPanel
from archdraw.gui.panels.findings import FindingsPanel
from archdraw.gui.panels.palette import Palette
from archdraw.gui.panels.properties import PropertiesPanel
from archdraw.gui.settings import autosave_interval_s, settings, state_dir
from archdraw.gui.theme import apply_palette, resolve
from archdraw.layout import LayoutResult
from archdraw.library import Library
from archdraw.model import Change, Document, edits_named
from archdraw.model.edits import MoveComponents
from archdraw.source import printable
from archdraw.source.printable import plural


class MainWindow(QMainWindow):
    def __init__(self, library: Library, theme_choice: str | None = None) -> None:
        super().__init__()
        self.library = library
        self.theme_choice = theme_choice or str(settings().value("theme", "system"))
        self.theme = resolve(self.theme_choice)
        self.document = Document()
        self.stack = QUndoStack(self)
        self.history_mirror = HistoryMirror(self.document.history, self.stack)
        self.editing = Editing(self.document, self.stack, library)
        self.scene = DesignScene(self.document, library, self.theme)
        self.history_mirror.show_returned = self.scene.select_ids
        self.view = DesignView(self.scene, self.editing)
        self.find_bar = FindBar()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.view, 1)
        self.setCentralWidget(central)
        self.palette_panel = Palette(library, self.theme)
        self.properties = PropertiesPanel(self.scene, self.editing)
        self.findings = FindingsPanel(self.editing, self.theme)
        self.doc_panel = DocumentPanel(self.editing)
        self.history = QUndoView(self.stack)
        self.history.setEmptyLabel("New design")  # FileController.replace names others
        self.lint = LintRunner(self.document, library)
        self.autosave = Autosave(self.document, state_dir() / "autosave", autosave_interval_s())
        self.files = FileController(self)
        self.actions_by_name: dict[str, QAction] = {}
        self.link_kind_box: QComboBox | None = None
        self.recent_menu: QMenu | None = None
        self.docks_menu: QMenu | None = None
        self.layout_job: LayoutJob | None = None
        self._was_empty = True
        build_menus(self)
        install_field_keys(self)
        build_toolbar(self)
        self._docks()
        self._status()
        self._connect()
        self.analysis_panel = install_analysis_panel(self)
        self.imports = install_imports(self)
        connect_marker_clicks(self)
        properties_on_selection(self)
        keys_back_after_dialogs(self)
        self.setAcceptDrops(True)
        self._default_size()
        self.refresh_recent_menu()
        self._restore_state()
        self.update_title()
        self.lint.run_now()

    def _docks(self) -> None:
        area = Qt.DockWidgetArea
        for title, widget, where in (
            ("Palette", self.palette_panel, area.LeftDockWidgetArea),
            ("Properties", self.properties, area.RightDockWidgetArea),
            ("Document", self.doc_panel, area.RightDockWidgetArea),
            ("History", self.history, area.BottomDockWidgetArea),
            ("Findings", self.findings, area.BottomDockWidgetArea),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"dock-{title.lower().replace(' ', '-')}")
            dock.setWidget(widget)
            self.addDockWidget(where, dock)
            if self.docks_menu is not None:
                self.docks_menu.addAction(dock.toggleViewAction())
        stack_docks(self, "properties", "document")
        self.tabifiedDockWidgetActivated.connect(lambda _dock: whole_tab_titles(self))
        self._docks_sized = False  # first show sizes them, unless a saved layout does

    def _size_docks(self) -> None:
        """The docks start narrow, as shares of the window (1366x768 included): the canvas
        gets most of it. Run once the window has its size; a restored layout wins."""
        self._docks_sized = True
        stack_docks(self, "findings", "history")
        whole_tab_titles(self)  # the docks' tab bars exist once the window is laid out
        wide = self.width()
        bottom = self.findChild(QDockWidget, "dock-findings")
        if bottom is not None:
            self.resizeDocks([bottom], [bottom_dock_height(self)], Qt.Orientation.Vertical)
        right = self.findChild(QDockWidget, "dock-properties")
        if right is not None:
            self.resizeDocks([right], [right_dock_width(self)], Qt.Orientation.Horizontal)
        palette = self.findChild(QDockWidget, "dock-palette")
        if palette is not None:
            width = min(240, max(160, int(wide * 0.12), self.palette_panel.readable_width()))
            self.resizeDocks([palette], [width], Qt.Orientation.Horizontal)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._docks_sized:
            self._docks_sized = True
            QTimer.singleShot(0, self._size_docks)  # resizeDocks needs the laid-out window

    def _default_size(self) -> None:
        """Most of the screen on a first start, frame and status bar on it (restored later)."""
        screen = self.screen()
        if screen is None:
            self.resize(1400, 900)
            return
        available = screen.availableGeometry()
        # The frame (title bar, borders) comes on top of this: leave room for it.
        self.resize(int(available.width() * 0.92), int(available.height() * 0.9))
        self.move(available.center() - self.rect().center())

    def _status(self) -> None:
        self.counts_label = QLabel()
        self.findings_label = QLabel()
        self.zoom_label = QLabel("100 %")
        for label in (self.counts_label, self.findings_label, self.zoom_label):
            self.statusBar().addPermanentWidget(label)

    def _connect(self) -> None:
        self.document.subscribe(self._on_change)
        self.document.history.subscribe(lambda _event, _step: self.update_title())
        self.editing.failed.connect(lambda message: self.statusBar().showMessage(message, 6000))
        self.editing.told.connect(lambda message: self.statusBar().showMessage(message, 8000))
        self.palette_panel.add_requested.connect(self.add_at_centre)
        self.lint.findings_ready.connect(self._findings_ready)
        self.findings.locate.connect(self.select_and_centre)
        self.find_bar.found.connect(self.select_and_centre)
        self.view.files_dropped.connect(self.open_files)
        self.view.zoom_changed.connect(lambda s: self.zoom_label.setText(f"{s * 100:.0f} %"))
        QApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    def _system_scheme_changed(self) -> None:
        if self.theme_choice == "system":
            self.set_theme("system")

    # Document state ------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        self.update_title()
        empty = not self.document.design.components and not self.document.design.zones
        if empty != self._was_empty:
            # The empty-canvas hint spans the viewport: repaint all of it, not just the new box.
            self._was_empty = empty
            self.view.viewport().update()

    def update_title(self) -> None:
        path = self.document.path
        name = path.name if path else self.document.design.name
        self.setWindowTitle(f"{printable(name)}[*] — archdraw")
        self.setWindowModified(self.document.dirty)
        design = self.document.design
        counts = ((design.components, "component"), (design.links, "link"), (design.zones, "zone"))
        self.counts_label.setText(" · ".join(plural(len(items), word) for items, word in counts))

    def _findings_ready(self, findings: list[object]) -> None:
        self.findings.show_findings(self.lint.findings)
        self.scene.set_findings(self.lint.findings, self.lint.marker_changes)
        self.findings_label.setText(self.lint.failure or self.findings.summary.text())

    # Editing commands -------------------------------------------------------------
    def add_at_centre(self, type_id: str) -> None:
        add_from_palette(self, type_id)

    def select_and_centre(self, ids: list[str], related: Sequence[str] = ()) -> None:
        self.scene.select_ids([*ids, *related])
        self.view.centre_on_ids(ids, related)

    def delete_selection(self) -> None:
        components = tuple(self.scene.selected_component_ids())
        zones = tuple(self.scene.selected_zone_ids())
        index = {k.key for k in self.document.design.links}
        links = tuple(k for k in self.scene.selected_link_keys() if k in index)
        if components or zones or links:
            self.editing.apply(edits_named.delete(self.document.design, zones, components, links))

    def copy(self) -> None:
        ids = self.scene.selected_component_ids()
        if ids:
            copy_to_clipboard(self.document.design, ids)

    def cut(self) -> None:
        ids = self.scene.selected_component_ids()
        if ids:  # only what the clipboard carries: a cut zone or link was gone for good
            copy_to_clipboard(self.document.design, ids)
            self.editing.apply(edits_named.delete(self.document.design, (), tuple(ids), ()))

    def paste(self, text: str | None = None, offset: float = 40.0, verb: str = "Paste") -> None:
        result = paste_edit(self.editing, clipboard_text() if text is None else text, offset)
        if result is not None and self.editing.apply(edits_named.pasted(result[0], verb)):
            self.scene.select_ids(result[1])

    def duplicate(self) -> None:
        from archdraw.io import dumps
        from archdraw.model.selection import selection_design

        ids = self.scene.selected_component_ids()
        if ids:
            self.paste(dumps(selection_design(self.document.design, ids)), verb="Duplicate")

    def group_into_zone(self) -> None:
        edit, zone_id = group_edit(
            self.document.design,
            self.scene.selected_component_ids(),
            self.scene.selected_zone_ids(),
            self.editing.new_id("zone"),
        )
        if self.editing.apply(edit):
            self.scene.select_ids([zone_id])
            if note := strays_note(self.scene, zone_id):  # drawn in the zone, not in it
                self.statusBar().showMessage(note, 12000)

    def select_all(self) -> None:
        self.scene.select_ids(list(self.scene.components))

    def open_find(self) -> None:
        self.find_bar.open(self.document)

    def toggle_grid(self) -> None:
        self.view.show_grid = not self.view.show_grid
        self.view.viewport().update()

    def toggle_snap(self) -> None:
        self.editing.snap = not self.editing.snap

    def auto_layout(self) -> None:
        if self.layout_job is not None or not self.document.design.components:
            return
        job = self.layout_job = LayoutJob(self.document.design, self.library)
        progress = QProgressDialog("Laying out…", "Cancel", 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.canceled.connect(job.cancel)
        revision = self.document.revision

        def finished(result: object) -> None:
            progress.reset()
            if isinstance(result, str):
                self.statusBar().showMessage(result, 8000)
            elif isinstance(result, LayoutResult) and result.positions:
                if self.document.revision != revision:
                    self.statusBar().showMessage(
                        "The design changed during layout; run it again", 6000
                    )
                    return
                self.editing.apply(MoveComponents(result.positions, label="Auto layout"))
                self.view.fit()
                if result.note:
                    self.statusBar().showMessage(result.note, 8000)

        job.done.connect(finished, Qt.ConnectionType.QueuedConnection)
        # Drop the last reference only once the thread has stopped: a QThread destroyed
        # while running aborts the process.
        job.finished.connect(self._layout_finished, Qt.ConnectionType.QueuedConnection)
        job.start()

    def _layout_finished(self) -> None:
        job, self.layout_job = self.layout_job, None
        if job is not None:
            job.wait()

    # Files, theme, dialogs ----------------------------------------------------------------
    def open_files(self, paths: list[str]) -> None:
        for path in paths[:1]:  # one design per window
            self.files.open_path(path)

    def refresh_recent_menu(self) -> None:
        if self.recent_menu is None:
            return
        self.recent_menu.clear()
        recent = self.files.recent()
        for path in recent:
            self.recent_menu.addAction(path, functools.partial(self.files.open_path, path))
        self.recent_menu.setEnabled(bool(recent))

    def set_theme(self, choice: str) -> None:
        self.theme_choice = choice
        self.theme = resolve(choice)
        settings().setValue("theme", choice)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_palette(app, self.theme)
        self.scene.set_theme(self.theme)
        self.palette_panel.populate(self.theme)
        self.findings.set_theme(self.theme)
        self.view.viewport().update()

    def ask_save_changes(self) -> QMessageBox.StandardButton:
        buttons = QMessageBox.StandardButton
        path = self.document.path
        named = path.name if path else f"“{self.document.design.name}” (never saved)"
        return QMessageBox.question(
            self,
            "Unsaved changes",
            f"Save the changes to {named}?",
            buttons.Save | buttons.Discard | buttons.Cancel,
        )

    def show_rules(self) -> None:
        RulesDialog(self).exec()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About archdraw",
            f"<b>archdraw {__version__}</b><p>A desktop editor for system-design diagrams "
            "that understands what it draws.</p><p>Icons: Lucide (ISC licence).</p>",
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.open_files([u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()])

    def _restore_state(self) -> None:
        store = settings()
        geometry, state = store.value("geometry"), store.value("window_state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self._docks_sized = self.restoreState(state, DOCK_LAYOUT_VERSION)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.confirm_discard():
            event.ignore()
            return
        self.analysis_panel.give_back_width()  # remember the layout, not an analysis's widening
        store = settings()
        store.setValue("geometry", self.saveGeometry())
        store.setValue("window_state", self.saveState(DOCK_LAYOUT_VERSION))
        self.autosave.stop()
        self.autosave.discard()  # saved or declined: nothing to recover
        if self.layout_job is not None:
            self.layout_job.cancel()
            self.layout_job.wait(5000)
        self.files.stop_opening(wait_s=10.0)  # its worker finishes before the window goes
        self.lint.shutdown()  # and so does a lint in flight
        event.accept()
