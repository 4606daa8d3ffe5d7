"""Undo and redo of a document's edits, and the point where it was last saved.

The one record of what was done: the editor's undo stack mirrors it, and
"unsaved changes" is read from it (the current step differs from the saved one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from archdraw.model.edit_base import Edit
from archdraw.model.edits import Batch


class Event(Enum):
    """What a history listener hears."""

    RECORDED = "recorded"  # a new step on top (the redo steps are gone)
    MERGED = "merged"  # the top step grew (a drag continuing); no new step
    UNDONE = "undone"
    REDONE = "redone"
    SAVED = "saved"  # the current step is now the saved one
    CLEARED = "cleared"  # no steps; saved or not as `is_clean` says


@dataclass
class Step:
    edit: Edit
    inverse: Edit
    merge_key: str | None = None

    @property
    def label(self) -> str:
        return self.edit.label


HistoryListener = Callable[[Event, "Step | None"], None]


class History:
    """Steps done (below `index`) and undone (from `index` up); `apply` changes the design."""

    def __init__(self, apply: Callable[[Edit], Edit]) -> None:
        self._apply = apply
        self.steps: list[Step] = []
        self.index = 0
        # The index the file on disk matches; None when no step does (saved, then the
        # steps leading back to it were dropped, or a recovered design never saved).
        self.clean_index: int | None = 0
        self._listeners: list[HistoryListener] = []

    def subscribe(self, listener: HistoryListener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    @property
    def is_clean(self) -> bool:
        return self.index == self.clean_index

    @property
    def can_undo(self) -> bool:
        return self.index > 0

    @property
    def can_redo(self) -> bool:
        return self.index < len(self.steps)

    def record(self, edit: Edit, inverse: Edit, merge_key: str | None = None) -> None:
        """Note an edit already applied; with the same `merge_key` as the top step, join it.

        The saved step never grows: a drag continuing after a save is a new step.
        """
        top = self.steps[self.index - 1] if self.index else None
        if (
            merge_key is not None
            and top is not None
            and top.merge_key == merge_key
            and self.index == len(self.steps)
            and self.index != self.clean_index
        ):
            merged = top.edit.merge(edit)
            if merged is not None:
                top.edit = merged
                # Undoing the joined step undoes the newer edit, then the older one. Moves
                # fold into the older inverse (it sets the same positions back); a type
                # change does not, since the newer one dropped properties the older one kept.
                top.inverse = inverse.merge(top.inverse) or Batch(
                    (inverse, top.inverse), label=top.inverse.label
                )
                self._notify(Event.MERGED, top)
                return
        del self.steps[self.index :]
        if self.clean_index is not None and self.clean_index > self.index:
            self.clean_index = None
        step = Step(edit, inverse, merge_key)
        self.steps.append(step)
        self.index += 1
        self._notify(Event.RECORDED, step)

    def undo(self) -> None:
        if not self.can_undo:
            return
        step = self.steps[self.index - 1]
        step.edit = self._apply(step.inverse)
        self.index -= 1
        self._notify(Event.UNDONE, step)

    def redo(self) -> None:
        if not self.can_redo:
            return
        step = self.steps[self.index]
        step.inverse = self._apply(step.edit)
        self.index += 1
        self._notify(Event.REDONE, step)

    def mark_clean(self) -> None:
        self.clean_index = self.index
        self._notify(Event.SAVED, None)

    def clear(self, clean: bool = True) -> None:
        self.steps.clear()
        self.index = 0
        self.clean_index = 0 if clean else None
        self._notify(Event.CLEARED, None)

    def _notify(self, event: Event, step: Step | None) -> None:
        for listener in list(self._listeners):
            listener(event, step)
