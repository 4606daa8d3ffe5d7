"""A design being edited: the design, its file, its undo history, and who is watching."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from archdraw.model.edits import Edit
from archdraw.model.history import History
from archdraw.model.types import Design, new_design


@dataclass(frozen=True)
class Change:
    """What a listener hears: the edit applied (None when the whole design was replaced)."""

    edit: Edit | None
    touched: frozenset[str]

    @property
    def is_reset(self) -> bool:
        return self.edit is None


Listener = Callable[[Change], None]


class Document:
    def __init__(self, design: Design | None = None, path: Path | None = None) -> None:
        self.design = design if design is not None else new_design()
        self.path = path
        self.revision = 0
        self._listeners: list[Listener] = []
        self.history = History(self._change)

    @property
    def dirty(self) -> bool:
        """Whether the design differs from what was last saved (or opened): read from history."""
        return not self.history.is_clean

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def apply(self, edit: Edit, merge_key: str | None = None) -> Edit:
        """Apply `edit` as one undo step (or part of the top one, by `merge_key`).

        Returns the inverse; a refused edit raises `EditError` and records nothing.
        """
        inverse = self._change(edit)
        self.history.record(edit, inverse, merge_key)
        return inverse

    def undo(self) -> None:
        self.history.undo()

    def redo(self) -> None:
        self.history.redo()

    def replace(self, design: Design, path: Path | None, saved: bool = True) -> None:
        """Swap in another design (open, new, recover): listeners rebuild from scratch.

        `saved=False` for a design that matches no file yet (recovered work).
        """
        self.design, self.path = design, path
        self.revision += 1
        self.history.clear(clean=saved)
        self._notify(Change(None, frozenset()))

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.history.mark_clean()

    def _change(self, edit: Edit) -> Edit:
        inverse = edit.apply(self.design)
        self.revision += 1
        self._notify(Change(edit, edit.touched() | inverse.touched()))
        return inverse

    def _notify(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)
