"""Qt's undo stack as a mirror of the document's `History`.

The history (in the core) is the record; the `QUndoStack` exists for Qt's undo
actions, their texts and the History panel. Every step recorded in the history
pushes one command here; undoing through either side moves both, and saving
marks both clean. "Unsaved changes" is read from the history alone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

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
