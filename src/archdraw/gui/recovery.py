"""The dialog that offers every autosave left by editors that did not close.

Each session is listed; the user restores one, discards the ones they do not
want (only those), or keeps the rest for the next start. A row is the design's
name and when it was saved, over the file it came from; a path too long for the
dialog loses its middle (folder and file name stay) and shows whole in a tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archdraw.gui.autosave import AutosaveEntry, discard_entry
from archdraw.gui.dialogs import ChildDialog
from archdraw.gui.elided_label import ElidedLabel
from archdraw.source import printable

WIDTH = 720  # px the dialog asks for (less on a small screen): most paths fit whole


class RecoveryDialog(ChildDialog):
    def __init__(self, entries: list[AutosaveEntry], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore autosaved work?")
        self.entries = list(entries)
        self.chosen: AutosaveEntry | None = None
        intro = QLabel(
            "archdraw did not close normally. Restore one of these autosaves? "
            "Those you keep are offered again next time."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        # Rows are as wide as the list and shorten their text to fit, never scroll sideways.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        for entry in self.entries:
            self._add_row(entry)
        self.list.currentRowChanged.connect(self._mark_current)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.restore())
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton("Restore")
        self.discard_button = QPushButton("Discard")
        self.later_button = QPushButton("Keep for later")
        self.restore_button.setDefault(True)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.restore)
        self.discard_button.clicked.connect(self.discard_current)
        self.later_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry().width() if self.screen() else WIDTH
        self.resize(min(WIDTH, int(screen * 0.9)), self.sizeHint().height())

    def _add_row(self, entry: AutosaveEntry) -> None:
        full = printable(entry.describe())
        item = QListWidgetItem()
        item.setToolTip(full)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, full)
        row = EntryRow(entry)
        row.setToolTip(full)
        # Narrow on purpose: the list gives every row its own width.
        item.setSizeHint(QSize(1, row.sizeHint().height()))
        self.list.addItem(item)
        self.list.setItemWidget(item, row)

    def row_widget(self, row: int) -> EntryRow:
        widget = self.list.itemWidget(self.list.item(row))
        assert isinstance(widget, EntryRow)
        return widget

    def _mark_current(self, current: int) -> None:
        for row in range(self.list.count()):
            widget = self.list.itemWidget(self.list.item(row))
            if isinstance(widget, EntryRow):  # not yet, while a row is being taken out
                widget.set_selected(row == current)

    def restore(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.entries):
            self.chosen = self.entries[row]
            self.accept()

    def discard_current(self) -> None:
        """Delete the selected session's files: the one the user declined, no other."""
        row = self.list.currentRow()
        if not 0 <= row < len(self.entries):
            return
        discard_entry(self.entries.pop(row))
        self.list.takeItem(row)
        if not self.entries:
            self.reject()


class EntryRow(QWidget):
    """One autosave: its name (shortened at the end) and time, over its file (shortened in
    the middle)."""

    def __init__(self, entry: AutosaveEntry) -> None:
        super().__init__()
        where = str(entry.original) if entry.original else "an unsaved design"
        self.name = ElidedLabel(printable(entry.name), Qt.TextElideMode.ElideRight)
        font = self.name.font()
        font.setBold(True)
        self.name.setFont(font)
        self.saved = QLabel(f"autosaved {entry.saved_at:%Y-%m-%d %H:%M:%S}")
        self.path = ElidedLabel(printable(where), Qt.TextElideMode.ElideMiddle)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.name, 1)
        top.addWidget(self.saved, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(1)
        layout.addLayout(top)
        layout.addWidget(self.path)

    def set_selected(self, selected: bool) -> None:
        """Text in the selection's colours, readable on its highlight."""
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.WindowText
        for label in (self.name, self.saved, self.path):
            label.setForegroundRole(role)
