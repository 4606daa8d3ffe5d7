"""Qt's undo stack as a mirror of the document's `History`.

The history (in the core) is the record; the `QUndoStack` exists for Qt's undo
actions, their texts and the History panel. Every step recorded in the history
pushes one command here; undoing through either side moves both, and saving
marks both clean. "Unsaved changes" is read from the history alone.

A step undone or redone that brings elements back (the undo of a delete, the
redo of a paste) hands them to `show_returned`, so the window selects them and
the user sees what came back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QUndoCommand, QUndoStack

from archdraw.model.edit_base import Edit
from archdraw.model.edits import AddElements, Batch
from archdraw.model.history import Event, History, Step


class StepCommand(QUndoCommand):
    """One history step: `redo`/`undo` ask the history, unless the history is telling us."""

    def __init__(self, mirror: HistoryMirror, step: Step) -> None:
        super().__init__(step.label)
        self.mirror = mirror

    def redo(self) -> None:
        self.mirror.follow(self.mirror.history.redo)

    def undo(self) -> None:
        self.mirror.follow(self.mirror.history.undo)


class HistoryMirror:
    def __init__(self, history: History, stack: QUndoStack) -> None:
        self.history, self.stack = history, stack
        self._syncing = False
        self.show_returned: Callable[[Iterable[str]], None] | None = None
        self.unsubscribe = history.subscribe(self._heard)

    def follow(self, action: Callable[[], None]) -> None:
        """Run a history action for the stack, unless the stack is echoing the history."""
        if self._syncing:
            return
        self._syncing = True
        try:
            action()
        finally:
            self._syncing = False

    def _heard(self, event: Event, step: Step | None) -> None:
        if step is not None and event in (Event.UNDONE, Event.REDONE):
            # Undone, the step's inverse was applied; redone, its edit.
            applied = step.inverse if event is Event.UNDONE else step.edit
            returned = added_ids(applied)
            if returned and self.show_returned is not None:
                self.show_returned(returned)
        if self._syncing:
            return  # the stack asked for this, and is already where the history is
        self._syncing = True
        try:
            if event is Event.RECORDED and step is not None:
                self.stack.push(StepCommand(self, step))  # push calls redo: skipped while syncing
            elif event is Event.UNDONE:
                self.stack.undo()
            elif event is Event.REDONE:
                self.stack.redo()
            elif event is Event.SAVED:
                self.stack.setClean()
            elif event is Event.CLEARED:
                self.stack.clear()
                if not self.history.is_clean:
                    self.stack.resetClean()
        finally:
            self._syncing = False


def added_ids(edit: Edit) -> frozenset[str]:
    """The zones, components and links `edit` adds (within a batch too), as they were chosen:
    a link that comes back with one of its ends is left out, as it was when its component
    was deleted (selected with it, the form gave way to "1 component and 1 link")."""
    if isinstance(edit, AddElements):
        ends = {c.id for c in edit.components}
        alone = [k.key for k in edit.links if k.source not in ends and k.target not in ends]
        return frozenset([*(z.id for z in edit.zones), *ends, *alone])
    if isinstance(edit, Batch):
        return frozenset().union(*(added_ids(e) for e in edit.edits))
    return frozenset()
