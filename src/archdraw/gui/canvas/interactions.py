"""Mouse tools of the canvas: select, move (with drop into a zone), connect, rename.

Items move on screen while dragging; on release one edit goes to the undo
stack (a whole drag is one step), and the scene follows the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsLineItem, QLineEdit

from archdraw.model import Design, Edit, Link
from archdraw.model import edits_named as named
from archdraw.model.edits import Batch, MoveComponents, MoveToZone

from .component_item import ComponentItem
from .link_item import LinkItem
from .zone_item import ZoneItem

if TYPE_CHECKING:
    from .scene import DesignScene
    from .view import DesignView

DRAG_THRESHOLD = 4.0
NUDGE = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


@dataclass
class _Move:
    start: QPointF
    origins: dict[str, QPointF]
    zone_drag: bool
    item: QGraphicsItem
    moved: bool = False
    deselect_others: bool = False


@dataclass
class _Connect:
    source: str
    line: QGraphicsLineItem
    hover: str | None = field(default=None)


class MouseInteractions:
    def __init__(self, view: DesignView) -> None:
        self.view = view
        self.connect_tool = False
        self._state: _Move | _Connect | None = None
        self.rename_editor: QLineEdit | None = None

    @property
    def scene(self) -> DesignScene:
        return self.view.design_scene

    def _item_at(self, event: QMouseEvent) -> QGraphicsItem | None:
        item = self.view.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, ComponentItem | LinkItem | ZoneItem):
            item = item.parentItem()
        return item

    def press(self, event: QMouseEvent) -> bool:
        item = self._item_at(event)
        if item is None:
            return False
        point = self.view.mapToScene(event.position().toPoint())
        ctrl = bool(
            event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        )
        if (
            isinstance(item, ComponentItem)
            and not ctrl
            and (self.connect_tool or item.near_edge(point))
        ):
            self._start_connect(item, point)
            return True
        if ctrl:
            item.setSelected(not item.isSelected())
            return True
        deselect_others = item.isSelected()
        if not item.isSelected():
            self.scene.clearSelection()
            item.setSelected(True)
        if isinstance(item, LinkItem):
            return True
        self._state = self._start_move(item, point, deselect_others)
        return True

    def _start_move(self, item: QGraphicsItem, point: QPointF, deselect_others: bool) -> _Move:
        ids = set(self.scene.selected_component_ids())
        zone_ids = self.scene.selected_zone_ids()
        for zone_id in zone_ids:
            ids |= set(self.scene.members_of_zone(zone_id))
        origins = {
            i: QPointF(self.scene.components[i].pos()) for i in ids if i in self.scene.components
        }
        return _Move(point, origins, bool(zone_ids), item, deselect_others=deselect_others)

    def _start_connect(self, item: ComponentItem, point: QPointF) -> None:
        line = QGraphicsLineItem(QLineF(item.pos(), point))
        pen = QPen(QColor(self.scene.theme.selection))
        pen.setCosmetic(True)
        pen.setStyle(Qt.PenStyle.DashLine)
        line.setPen(pen)
        line.setZValue(1000)
        self.scene.addItem(line)
        self._state = _Connect(item.component_id, line)

    def move(self, event: QMouseEvent) -> bool:
        state = self._state
        if state is None:
            return False
        point = self.view.mapToScene(event.position().toPoint())
        if isinstance(state, _Connect):
            state.line.setLine(QLineF(state.line.line().p1(), point))
            return True
        delta = point - state.start
        if (
            not state.moved
            and abs(delta.x()) + abs(delta.y()) < DRAG_THRESHOLD / self.view.scale_factor()
        ):
            return True
        state.moved = True
        self.scene.preview_move(self._targets(state, delta), relayout_zones=state.zone_drag)
        return True

    def _targets(self, state: _Move, delta: QPointF) -> dict[str, QPointF]:
        targets = {}
        for component_id, origin in state.origins.items():
            x, y = self.view.editing.snapped(origin.x() + delta.x(), origin.y() + delta.y())
            targets[component_id] = QPointF(x, y)
        return targets

    def release(self, event: QMouseEvent) -> bool:
        state, self._state = self._state, None
        if state is None:
            return False
        point = self.view.mapToScene(event.position().toPoint())
        if isinstance(state, _Connect):
            self.scene.removeItem(state.line)
            self._finish_connect(state.source, point)
            return True
        if not state.moved:
            if state.deselect_others:
                self.scene.clearSelection()
                state.item.setSelected(True)
            return True
        self._finish_move(state, point)
        return True

    def _finish_connect(self, source: str, point: QPointF) -> None:
        targets = [
            i
            for i in self.scene.items(point)
            if isinstance(i, ComponentItem) and i.component_id != source
        ]
        if not targets:
            return
        target = targets[0].component_id
        link = Link(source=source, target=target, kind=self.view.editing.link_kind)
        if self.view.editing.apply(named.connect(self.scene.design, link)):
            self.scene.select_ids([link.key])

    def _finish_move(self, state: _Move, point: QPointF) -> None:
        targets = self._targets(state, point - state.start)
        design = self.scene.design
        if state.zone_drag:  # named by what was picked up, not every member carried along
            chosen = self.scene.selected_component_ids(), self.scene.selected_zone_ids()
            what = named.phrase(design, *chosen)
        else:
            what = named.phrase(design, list(targets))
        positions = {i: (p.x(), p.y()) for i, p in targets.items()}
        edits: list[Edit] = [MoveComponents(positions, label=f"Move {what}")]
        if not state.zone_drag and isinstance(state.item, ComponentItem):
            index = design.component_index()
            zone = self.scene.innermost_zone_at(point)
            changing = [i for i in sorted(targets) if i in index and index[i].zone != zone]
            if changing:
                edits.append(MoveToZone(changing, zone))
                left = {index[i].zone for i in changing}
                what = _zone_move_label(design, named.phrase(design, changing), zone, left)
                edits = [Batch(tuple(edits), label=what)]
        if not self.view.editing.apply(edits[0]):
            self.scene.preview_move(state.origins, relayout_zones=True, settle=True)

    def cancel(self) -> None:
        state, self._state = self._state, None
        if isinstance(state, _Connect):
            self.scene.removeItem(state.line)
        elif isinstance(state, _Move):
            self.scene.preview_move(state.origins, relayout_zones=True, settle=True)

    def key_press(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape and self._state is not None:
            self.cancel()
            return True
        step = NUDGE.get(Qt.Key(event.key()))
        ids = self.scene.selected_component_ids()
        if step is None or not ids:
            return False
        distance = 1.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 20.0
        index = self.scene.design.component_index()
        moves = {}
        for component_id in ids:
            x, y = index[component_id].position or (0.0, 0.0)
            moves[component_id] = (x + step[0] * distance, y + step[1] * distance)
        self.view.editing.apply(named.move(self.scene.design, moves, "Nudge"), merge_key="nudge")
        return True

    # Rename in place -----------------------------------------------------------
    def double_click(self, event: QMouseEvent) -> bool:
        item = self._item_at(event)
        if item is None:
            return False
        self.start_rename(item)
        return True

    def start_rename(self, item: QGraphicsItem) -> None:
        self.finish_rename(commit=False)
        if isinstance(item, ComponentItem):
            text, anchor = item.title, item.sceneBoundingRect().center()
        elif isinstance(item, ZoneItem):
            text, anchor = item.title, item.title_rect().center()
        elif isinstance(item, LinkItem):
            text, anchor = item.label or "", item.middle()
        else:
            return
        editor = QLineEdit(text, self.view.viewport())
        editor.setObjectName("rename-editor")
        editor.setMinimumWidth(180)
        editor.adjustSize()
        spot = self.view.mapFromScene(anchor)
        editor.move(spot.x() - editor.width() // 2, spot.y() - editor.height() // 2)
        editor.selectAll()
        editor.returnPressed.connect(lambda: self.finish_rename(commit=True))
        editor.editingFinished.connect(lambda: self.finish_rename(commit=True))
        editor.setProperty("target", item)
        self.rename_editor = editor
        editor.show()
        editor.setFocus()

    def finish_rename(self, commit: bool) -> None:
        editor, self.rename_editor = self.rename_editor, None
        if editor is None:
            return
        item, text = editor.property("target"), editor.text().strip()
        editor.hide()
        editor.deleteLater()
        if not commit:
            return
        if isinstance(item, ComponentItem) and text != item.title:
            design = self.scene.design
            self.view.editing.apply(named.rename_component(design, item.component_id, text))
        elif isinstance(item, ZoneItem) and text != item.title:
            self.view.editing.apply(named.rename_zone(self.scene.design, item.zone_id, text))
        elif isinstance(item, LinkItem) and text != (item.label or ""):
            edit = named.set_link_fields(self.scene.design, item.key, {"label": text or None})
            self.view.editing.apply(edit)


def _zone_move_label(design: Design, what: str, into: str | None, left: set[str | None]) -> str:
    """The undo text of a drag that changes zones: "Move api into zone Zone A", "Move 2
    components out of zone Zone A"."""
    if into is not None:
        return f"Move {what} into zone {named.element_title(design, into)}"
    only = next(iter(left)) if len(left) == 1 else None
    zone = design.zone(only) if only is not None else None
    return f"Move {what} out of zone {zone.title}" if zone else f"Move {what} out of zones"
