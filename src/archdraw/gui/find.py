"""Find (Ctrl+F): select and centre components whose id, label or type matches."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from archdraw.model import Design, Document


def matching_ids(design: Design, text: str) -> list[str]:
    needle = text.strip().lower()
    if not needle:
        return []
    return [
        c.id
        for c in design.components
        if needle in c.id.lower() or needle in (c.label or "").lower() or needle in c.type.lower()
    ]


class FindBar(QWidget):
    found = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(placeholderText="Find components by id, label or type")
        self.field.setObjectName("find-field")
        self.result = QLabel()
        close = QToolButton()
        close.setText("✕")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.result)
        layout.addWidget(close)
        close.clicked.connect(self.hide)
        self.field.returnPressed.connect(self.search)
        # The document, not its design: opening another file swaps the design while the bar is open.
        self.document: Document | None = None
        self.hide()

    def open(self, document: Document) -> None:
        self.document = document
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def search(self) -> None:
        if self.document is None:
            return
        ids = matching_ids(self.document.design, self.field.text())
        self.result.setText(f"{len(ids)} found" if ids else "no match")
        self.found.emit(ids)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)
