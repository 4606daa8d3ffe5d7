"""The dialog that offers every autosave left by editors that did not close.

Each session is listed; the user restores one, discards the ones they do not
want (only those), or keeps the rest for the next start.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archdraw.gui.autosave import AutosaveEntry, discard_entry
from archdraw.source import printable


class RecoveryDialog(QDialog):
    def __init__(self, entries: list[AutosaveEntry], parent: QWidget | None = None) -> None:
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
        self.list.addItems([printable(entry.describe()) for entry in self.entries])
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
