"""The findings list: a row chosen with the keyboard does what a click on it does.

Choosing a finding selects its elements on the canvas and centres them, which
costs a repaint of the canvas and a new Properties form (on 5,000 components,
about ten times what moving down a row costs). Arrowing through the rows
therefore chooses the row the keys rest on: each key that moves the current
row restarts a short timer, and the row is chosen when it fires, so a held
arrow key moves through the list at its own speed and only the row it stops
on moves the canvas. Enter (Return) chooses the current row at once, on every
platform (Qt's `activated` does not come from Enter on macOS).

Only keys the user presses choose rows: when the list refreshes after a lint
run, or a marker click selects a finding, the selection changes without
moving the canvas.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView, QWidget

ELEMENT_COLUMN = 2


class FindingsTable(QTreeView):
    chosen = Signal(QModelIndex)  # a row chosen with the keyboard: treat it as clicked
    SETTLE_MS = 120  # shorter than a tap between presses, longer than a key's auto-repeat

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settle = QTimer(self, singleShot=True, interval=self.SETTLE_MS)
        self.settle.timeout.connect(self._choose_selected)
        self.clicked.connect(lambda _: self.settle.stop())  # the click chose it already
        # Element names end in what tells them apart ("API gateway (gateway-2)", "A → B"):
        # a narrow column loses their middle, not their end.
        self.setItemDelegateForColumn(ELEMENT_COLUMN, MiddleElided(self))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.settle.stop()
            self._choose_selected()
            event.accept()
            return
        before = self._where()
        super().keyPressEvent(event)
        if self._where() != before:  # arrows, Page Up/Down, Home/End, typing a code
            self.settle.start()

    def _where(self) -> tuple[int, list[int]]:
        return self.currentIndex().row(), [i.row() for i in self.selectionModel().selectedRows()]

    def _choose_selected(self) -> None:
        rows = self.selectionModel().selectedRows()
        if len(rows) == 1:  # the current row without a selection (Ctrl+arrows) is not chosen
            self.chosen.emit(rows[0])


ARROW = " → "
TEXT_MARGINS = 10  # px the style keeps round a cell's text, both sides, with room to spare


class MiddleElided(QStyledItemDelegate):
    """A link's title ("Web app → Relational database") keeps its arrow and the start of
    each end: cut in its middle as a whole, it read "Web app …database"."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle
        text, metrics = option.text, option.fontMetrics
        room = option.rect.width() - TEXT_MARGINS
        if ARROW not in text or room <= 0 or metrics.horizontalAdvance(text) <= room:
            return
        source, target = text.split(ARROW, 1)
        room -= metrics.horizontalAdvance(ARROW)
        # Measured with room to spare: elidedText cut "Worker" given its own advance.
        wide = [metrics.horizontalAdvance(source) + 4, metrics.horizontalAdvance(target) + 4]
        half = room // 2
        # An end shorter than half the room keeps all of it; the other end gets the rest.
        source_room = wide[0] if wide[0] < half else room - min(wide[1], half)
        target_room = room - min(wide[0], source_room)

        def fitted(end: str, width: int, needed: int) -> str:
            # An end cut to a few letters reads by its start ("LLM pro…", not "LLM…der").
            right = Qt.TextElideMode.ElideRight
            return end if width >= needed else metrics.elidedText(end, right, width)

        option.text = (
            f"{fitted(source, source_room, wide[0])}{ARROW}{fitted(target, target_room, wide[1])}"
        )
