"""The one way the GUI changes a design: an `Edit` applied as an undo step.

Refused edits (`EditError`) are reported through `failed`, never raised into Qt.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, QPointF, Signal
from PySide6.QtGui import QUndoStack

from archdraw.gui.commands import run_edit
from archdraw.library import Library
from archdraw.model import Component, Document, Edit, EditError
from archdraw.model.edits import AddComponent
from archdraw.style import GRID_SIZE


class Editing(QObject):
    failed = Signal(str)

    def __init__(self, document: Document, stack: QUndoStack, library: Library) -> None:
        super().__init__()
        self.document, self.stack, self.library = document, stack, library
        self.snap = True
        self.link_kind = "sync"

    def apply(self, edit: Edit, merge_key: str | None = None) -> bool:
        try:
            run_edit(self.stack, self.document, edit, merge_key)
        except EditError as error:
            self.failed.emit(str(error))
            return False
        return True

    def snapped(self, x: float, y: float) -> tuple[float, float]:
        if not self.snap:
            return (round(x, 1), round(y, 1))
        return (round(x / GRID_SIZE) * GRID_SIZE, round(y / GRID_SIZE) * GRID_SIZE)

    def new_id(self, base: str, taken: set[str] | None = None) -> str:
        used = self.document.design.element_ids() if taken is None else taken
        stem = re.sub(r"[^A-Za-z0-9_.\-]", "-", base).strip("-") or "item"
        stem = re.sub(r"-\d+$", "", stem)
        if stem not in used:
            return stem
        number = 2
        while f"{stem}-{number}" in used:
            number += 1
        return f"{stem}-{number}"

    def add_component(self, type_id: str, at: QPointF, zone: str | None = None) -> str | None:
        component_id = self.new_id(type_id)
        component = Component(
            id=component_id, type=type_id, zone=zone, position=self.snapped(at.x(), at.y())
        )
        return component_id if self.apply(AddComponent(component)) else None
