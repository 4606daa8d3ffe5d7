"""Undo commands: one `QUndoCommand` around one model `Edit`.

The edit is applied before the command is pushed, so a refused edit
(`EditError`) never reaches the undo stack; `redo` skips its first call.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from archdraw.model import Document, Edit

MERGE_ID = 0x4164  # any constant: commands with the same id may merge


class EditCommand(QUndoCommand):
    def __init__(
        self, document: Document, edit: Edit, inverse: Edit, merge_key: str | None = None
    ) -> None:
        super().__init__(edit.label)
        self.document, self.edit, self.inverse = document, edit, inverse
        self.merge_key = merge_key
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.inverse = self.document.apply(self.edit)

    def undo(self) -> None:
        self.document.apply(self.inverse)

    def id(self) -> int:
        return MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.merge_key != self.merge_key:
            return False
        merged = self.edit.merge(other.edit)
        if merged is None:
            return False
        self.edit = merged  # our inverse already restores the state before both
        return True


def run_edit(
    stack: QUndoStack, document: Document, edit: Edit, merge_key: str | None = None
) -> None:
    """Apply `edit` and record it as one undo step; raises `EditError` when refused."""
    inverse = document.apply(edit)
    stack.push(EditCommand(document, edit, inverse, merge_key))
