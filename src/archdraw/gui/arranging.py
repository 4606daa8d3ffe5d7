"""Placing and arranging by hand: palette double-clicks, align and distribute.

The geometry is `archdraw.layout.arrange` (no Qt); this module picks the
selection, applies the edit as one undo step and says in the status bar why
nothing happened when the selection does not fit the command.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF

from archdraw.layout.arrange import ALIGNMENTS, align, distribute, free_spot, next_to
from archdraw.model import EditError

if TYPE_CHECKING:
    from archdraw.gui.main_window import MainWindow

ALIGN_SHORTCUTS = {"left": "Ctrl+Alt+Left", "right": "Ctrl+Alt+Right", "top": "Ctrl+Alt+Up"}


def add_from_palette(window: MainWindow, type_id: str) -> str | None:
    """Add a component of `type_id` beside the selection, or in the free spot nearest the
    view's centre, never on top of another; select it, so the next one goes beside it.
    """
    design, scene = window.document.design, window.scene
    selected = scene.selected_component_ids()
    spot = next_to(design, selected[-1]) if selected else None
    zone = None
    if spot is not None:
        neighbour = design.component(selected[-1])
        zone = neighbour.zone if neighbour is not None else None
    else:
        centre = window.view.mapToScene(window.view.viewport().rect().center())
        spot = free_spot(design, window.editing.snapped(centre.x(), centre.y()))
    new_id = window.editing.add_component(type_id, QPointF(*spot), zone)
    if new_id:
        scene.select_ids([new_id])
        item = scene.components.get(new_id)
        if item is not None:
            window.view.ensureVisible(item, 40, 40)
    return new_id


def arrange_selection(window: MainWindow, how: str) -> bool:
    """Align (left, right, centre, top, bottom, middle) or distribute (horizontal, vertical)."""
    ids = window.scene.selected_component_ids()
    try:
        if how in ALIGNMENTS:
            edit = align(window.document.design, ids, how)
        else:
            edit = distribute(window.document.design, ids, how)
    except EditError as error:
        window.statusBar().showMessage(str(error).capitalize(), 6000)
        return False
    return window.editing.apply(edit)


def arrange_commands(window: MainWindow) -> list[tuple[str, Callable[[], object], str | None, str]]:
    """The Arrange menu's entries: text, slot, shortcut, action name."""
    commands: list[tuple[str, Callable[[], object], str | None, str]] = [
        (
            f"Align {how.capitalize()}",
            functools.partial(arrange_selection, window, how),
            ALIGN_SHORTCUTS.get(how),
            f"align-{how}",
        )
        for how in ALIGNMENTS
    ]
    commands += [
        (
            f"Distribute {axis.capitalize()}ly",
            functools.partial(arrange_selection, window, axis),
            None,
            f"distribute-{axis}",
        )
        for axis in ("horizontal", "vertical")
    ]
    return commands
