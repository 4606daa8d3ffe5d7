"""The one way the GUI changes a design: an `Edit` applied as an undo step.

Refused edits (`EditError`) are reported through `failed`, never raised into Qt;
what an edit did that the user might not expect (a type change dropping
properties) is reported through `told`, for the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, Signal
from PySide6.QtGui import QUndoStack

from archdraw.library import Library
from archdraw.model import Component, Document, Edit, EditError
from archdraw.model import edits_named as named
from archdraw.model.edit_base import Refused
from archdraw.model.selection import fresh_id
from archdraw.model.type_change import ChangeType, change_type, describe_drop
from archdraw.style import GRID_SIZE


class Editing(QObject):
    failed = Signal(str)
    told = Signal(str)

    def __init__(self, document: Document, stack: QUndoStack, library: Library) -> None:
        super().__init__()
        self.document, self.stack, self.library = document, stack, library
        self.snap = True
        self.link_kind = "sync"

    def apply(self, edit: Edit, merge_key: str | None = None) -> bool:
        if isinstance(edit, ChangeType) and merge_key is None:
            merge_key = f"type:{edit.component_id}"  # arrowing through types: one step
        try:
            self.document.apply(edit, merge_key)
        except EditError as error:
            self.failed.emit(str(error))
            return False
        if isinstance(edit, ChangeType):
            history = self.document.history
            step = history.steps[history.index - 1].edit  # with earlier steps merged in
            self.told.emit(describe_drop(step if isinstance(step, ChangeType) else edit))
        return True

    def snapped(self, x: float, y: float) -> tuple[float, float]:
        if not self.snap:
            return (round(x, 1), round(y, 1))
        return (round(x / GRID_SIZE) * GRID_SIZE, round(y / GRID_SIZE) * GRID_SIZE)

    def new_id(self, base: str, taken: set[str] | None = None) -> str:
        return fresh_id(base, self.document.design.element_ids() if taken is None else taken)

    def new_label(self, type_id: str) -> str | None:
        """The type's label ("Load balancer"), numbered when another component has it."""
        kind = self.library.get(type_id)
        if kind is None:
            return None
        used = {c.label for c in self.document.design.components}
        if kind.label not in used:
            return kind.label
        number = 2
        while f"{kind.label} {number}" in used:
            number += 1
        return f"{kind.label} {number}"

    def add_component(self, type_id: str, at: QPointF, zone: str | None = None) -> str | None:
        component_id = self.new_id(type_id)
        component = Component(
            id=component_id,
            type=type_id,
            label=self.new_label(type_id),
            zone=zone,
            position=self.snapped(at.x(), at.y()),
        )
        return component_id if self.apply(named.add_component(component)) else None

    def type_change(self, component_id: str, type_id: str) -> Edit:
        """The edit giving a component another type, dropping what the new type refuses.

        An unknown component or type gives an edit that refuses, with the reason, when applied.
        """
        try:
            return change_type(self.document.design, self.library, component_id, type_id)
        except EditError as error:
            return Refused(str(error))
