"""The design document: purpose, principles, boundaries, trade-offs, failure modes, limits.

It is part of the file; applying it is one undoable `SetDoc` edit.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from archdraw.gui.editing import Editing
from archdraw.model import Change, DesignDoc, Edit
from archdraw.model.edits import Batch, SetDesignInfo, SetDoc

LIST_FIELDS = ("principles", "tradeoffs", "failure_modes", "scaling_limits")
TEXT_FIELDS = ("purpose", "boundaries")
ORDER = ("purpose", "principles", "boundaries", "tradeoffs", "failure_modes", "scaling_limits")
# Row names in words, capitalised as the Properties form names its rows.
TITLES = {
    "tradeoffs": "Trade-offs",
    "failure_modes": "Failure modes",
    "scaling_limits": "Scaling limits",
}


class DocumentPanel(QWidget):
    def __init__(self, editing: Editing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editing = editing
        self.name = QLineEdit()
        self.name.setObjectName("doc-name")
        self.fields: dict[str, QPlainTextEdit] = {}
        host = QWidget()
        form = QFormLayout(host)
        form.addRow("Name", self.name)
        for field in ORDER:
            box = QPlainTextEdit()
            box.setObjectName(f"doc-{field}")
            box.setPlaceholderText("one item per line" if field in LIST_FIELDS else "")
            box.setMinimumHeight(54)
            box.setTabChangesFocus(True)  # Tab went into the text: keys never got out
            box.textChanged.connect(self._changed)
            self.fields[field] = box
            form.addRow(TITLES.get(field, field.capitalize()), box)
        self.name.textChanged.connect(self._changed)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(host)
        self.apply_button = QPushButton("Apply document changes")
        self.apply_button.setObjectName("doc-apply")
        self.apply_button.clicked.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.apply_button)
        self._unsubscribe = editing.document.subscribe(self._on_change)
        self.load()

    def detach(self) -> None:
        self._unsubscribe()

    def _on_change(self, change: Change) -> None:
        # Reload only when the document itself changed (undo, redo, open), so text
        # being typed here survives unrelated edits on the canvas.
        design = self.editing.document.design
        if change.is_reset or (design.doc, design.name) != self._loaded:
            self.load()

    def load(self) -> None:
        design = self.editing.document.design
        self._loaded = (design.doc.model_copy(deep=True), design.name)
        self._loading = True
        self.name.setText(design.name)
        for field, box in self.fields.items():
            value = getattr(design.doc, field)
            box.setPlainText("\n".join(value) if isinstance(value, list) else value or "")
        self._loading = False
        self.apply_button.setEnabled(False)

    def _changed(self) -> None:
        if not getattr(self, "_loading", False):
            self.apply_button.setEnabled(True)

    def edited_doc(self) -> DesignDoc:
        values: dict[str, object] = {}
        for field, box in self.fields.items():
            text = box.toPlainText().strip()
            if field in LIST_FIELDS:
                values[field] = [line.strip() for line in text.splitlines() if line.strip()]
            else:
                values[field] = text or None
        return DesignDoc.model_validate(values)

    def apply(self) -> None:
        design = self.editing.document.design
        doc, name = self.edited_doc(), self.name.text().strip()
        edits: list[Edit] = []
        if doc != design.doc:
            edits.append(SetDoc(doc))
        if name != design.name:
            edits.append(SetDesignInfo(name, design.description))
        if len(edits) == 1:
            self.editing.apply(edits[0])
        elif edits:
            self.editing.apply(Batch(tuple(edits), label="Edit design document"))
        self.apply_button.setEnabled(False)
