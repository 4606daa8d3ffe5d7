"""Edit > Connect (Ctrl+K): link components without a drag.

The canvas's drag was the only way to connect, so a keyboard user could not
link anything. With two selected, the link goes from the component chosen first
to the one chosen second, so the window keeps the order in which components were
selected (Qt's selection has none; a rubber band or Find selects several in the
design's order), and the menu item names the link it will make ("Connect Cache →
Web"). With one selected, Ctrl+K asks for the other end (`ConnectDialog`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from archdraw.gui.connect_dialog import ConnectDialog
from archdraw.model import Link
from archdraw.model import edits_named as named

if TYPE_CHECKING:
    from archdraw.gui.main_window import MainWindow

CONNECT_KEY = "Ctrl+K"
CONNECT_WORDS = "Connect Selected"  # the menu item's words while it has nothing to name


class SelectionOrder(QObject):
    """The selected components, in the order they were chosen."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.scene = window.scene
        self.chosen: list[str] = []
        self.action: QAction | None = None  # the menu item, named after what it will link
        self.scene.selectionChanged.connect(self._follow)

    def _follow(self) -> None:
        if not shiboken6.isValid(self.scene):  # the scene emits while being destroyed
            return
        now = self.scene.selected_component_ids()
        kept = [c for c in self.chosen if c in set(now)]
        self.chosen = kept + [c for c in now if c not in kept]
        if self.action is not None and shiboken6.isValid(self.action):
            self.action.setText(self.words())

    def words(self) -> str:
        """What Ctrl+K will do now: "Connect Cache → Web", "Connect Cache To…"."""
        if self.scene.selected_zone_ids() or self.scene.selected_link_keys():
            return CONNECT_WORDS
        titles = [self._title(c) for c in self.chosen]
        if len(titles) == 2:
            return f"Connect {titles[0]} → {titles[1]}"
        if len(titles) == 1:
            return f"Connect {titles[0]} To…"
        return CONNECT_WORDS

    def _title(self, component_id: str) -> str:
        component = self.scene.design.component(component_id)
        # An "&" would underline the next letter as the item's key; "&&" shows one.
        return (component.title if component is not None else component_id).replace("&", "&&")


def connect_selected(window: MainWindow, order: SelectionOrder) -> None:
    """Connect the first chosen of two selected components to the second, as a drag from
    the first to the second does: the toolbar's link kind, "Connect A → B", the link selected.
    With one selected, ask for the other end."""
    scene = window.scene
    alone = not (scene.selected_zone_ids() or scene.selected_link_keys())
    if alone and len(order.chosen) == 1:
        dialog = ConnectDialog(window, scene.design, window.library, order.chosen[0])
        dialog.chosen.connect(lambda source, target: connect(window, source, target))
        dialog.finished.connect(lambda _result: back_to_the_canvas(window))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return
    if not alone or len(order.chosen) != 2:
        window.statusBar().showMessage(
            "Select a component to connect it to another, or two: the first chosen to the second",
            5000,
        )
        return
    connect(window, *order.chosen)


def connect(window: MainWindow, source: str, target: str) -> None:
    """Link `source` to `target` with the toolbar's link kind, one undo step; select it."""
    link = Link(source=source, target=target, kind=window.editing.link_kind)
    if window.editing.apply(named.connect(window.scene.design, link)):
        window.scene.select_ids([link.key])


def back_to_the_canvas(window: MainWindow) -> None:
    """The keys go back to the canvas: without a window manager nothing gave the window
    back its focus when the dialog closed, and the next Ctrl+K went nowhere."""
    window.activateWindow()
    window.view.setFocus()
