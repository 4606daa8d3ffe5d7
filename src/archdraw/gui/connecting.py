"""Edit > Connect Selected (Ctrl+K): link two selected components without a drag.

The canvas's drag was the only way to connect, so a keyboard user could not
link anything. The link goes from the component chosen first to the one chosen
second, so the window keeps the order in which components were selected (Qt's
selection has none; a rubber band or Find selects several in the design's order).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject

from archdraw.model import Link
from archdraw.model import edits_named as named

if TYPE_CHECKING:
    from archdraw.gui.main_window import MainWindow

CONNECT_KEY = "Ctrl+K"


class SelectionOrder(QObject):
    """The selected components, in the order they were chosen."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.scene = window.scene
        self.chosen: list[str] = []
        self.scene.selectionChanged.connect(self._follow)

    def _follow(self) -> None:
        if not shiboken6.isValid(self.scene):  # the scene emits while being destroyed
            return
        now = self.scene.selected_component_ids()
        kept = [c for c in self.chosen if c in set(now)]
        self.chosen = kept + [c for c in now if c not in kept]


def connect_selected(window: MainWindow, order: SelectionOrder) -> None:
    """Connect the first chosen of two selected components to the second, as a drag from
    the first to the second does: the toolbar's link kind, "Connect A → B", the link selected."""
    scene = window.scene
    if len(order.chosen) != 2 or scene.selected_zone_ids() or scene.selected_link_keys():
        window.statusBar().showMessage(
            "Select two components to connect: the first chosen to the second", 5000
        )
        return
    source, target = order.chosen
    link = Link(source=source, target=target, kind=window.editing.link_kind)
    if window.editing.apply(named.connect(scene.design, link)):
        scene.select_ids([link.key])
