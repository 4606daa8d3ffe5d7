"""Placing components: those without a position on load; all of them (in a thread) on request."""

from __future__ import annotations

import math
import threading

from PySide6.QtCore import QThread, Signal

from archdraw.layout import LayoutResult, auto_layout
from archdraw.library import Library
from archdraw.model import Design
from archdraw.style import NODE_HEIGHT, NODE_WIDTH

LOAD_TIMEOUT_S = 10.0


def grid_positions(design: Design) -> dict[str, tuple[float, float]]:
    """A plain grid below what is already placed: the fallback when layout fails."""
    missing = [c.id for c in design.components if c.position is None]
    placed = [c.position for c in design.components if c.position is not None]
    top = max((p[1] for p in placed), default=-NODE_HEIGHT * 2) + NODE_HEIGHT * 2
    columns = max(1, math.ceil(math.sqrt(len(missing))))
    return {
        component_id: ((i % columns) * (NODE_WIDTH + 60), top + (i // columns) * (NODE_HEIGHT + 60))
        for i, component_id in enumerate(missing)
    }


def place_unpositioned(design: Design, library: Library) -> str | None:
    """Give every component without a position one, in place; returns a note for the status bar."""
    if all(c.position is not None for c in design.components):
        return None
    note: str | None
    try:
        result = auto_layout(design, library, timeout_s=LOAD_TIMEOUT_S)
        positions, note = dict(result.positions), result.note
    except Exception as error:  # layout is a convenience here: never block opening a file
        positions, note = {}, f"layout failed ({error}); placed on a grid"
    for component in design.components:
        if component.position is None and component.id in positions:
            component.position = positions[component.id]
    fallback = grid_positions(design)
    for component in design.components:
        if component.position is None:
            component.position = fallback[component.id]
    return note


class LayoutJob(QThread):
    """Runs `auto_layout` on a copy of the design, off the UI thread, cancellable."""

    done = Signal(object)  # LayoutResult, or str with an error message

    def __init__(self, design: Design, library: Library, full: bool = True) -> None:
        super().__init__()
        self.design = design.model_copy(deep=True)
        self.library, self.full = library, full
        self.cancel_event = threading.Event()

    def run(self) -> None:
        try:
            result: LayoutResult | str = auto_layout(
                self.design, self.library, full=self.full, timeout_s=120.0, cancel=self.cancel_event
            )
        except Exception as error:
            result = f"layout failed: {error}"
        self.done.emit(result)

    def cancel(self) -> None:
        self.cancel_event.set()
