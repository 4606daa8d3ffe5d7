"""A design being edited: the design, its file, whether it is saved, and who is watching."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from archdraw.model.edits import Edit
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
        self.dirty = False
        self.revision = 0
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def apply(self, edit: Edit) -> Edit:
        """Apply `edit`, mark the document changed, notify listeners; return the inverse."""
        inverse = edit.apply(self.design)
        self.dirty = True
        self.revision += 1
        self._notify(Change(edit, edit.touched() | inverse.touched()))
        return inverse

    def replace(self, design: Design, path: Path | None) -> None:
        """Swap in another design (open, new, recover): listeners rebuild from scratch."""
        self.design, self.path = design, path
        self.dirty = False
        self.revision += 1
        self._notify(Change(None, frozenset()))

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.dirty = False

    def _notify(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)
