"""Level of detail for big designs seen from far away.

Painting one Python item costs tens of microseconds of call overhead, so a
"fit all" frame of 5,000 components and links would take hundreds of
milliseconds. Below `OVERVIEW_SCALE`, component and link items get the
`ItemHasNoContents` flag (Qt then skips their paint calls but keeps hit
tests and rubber-band selection; transparency would drop those too), and
this one item draws every box and line in a few batched calls from geometry
cached until the next change.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from archdraw.style import NODE_HEIGHT, NODE_WIDTH, Theme

OVERVIEW_SCALE = 0.3
OVERVIEW_MIN_COMPONENTS = 300


class OverviewItem(QGraphicsItem):
    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.setZValue(8)
        self._bounds = QRectF()
        self.boxes: dict[str, list[QRectF]] = {}
        self.lines: dict[str, list[QLineF]] = {}
        self.selected: list[QRectF] = []

    def set_geometry(
        self, boxes: dict[str, list[QRectF]], lines: dict[str, list[QLineF]], bounds: QRectF
    ) -> None:
        self.prepareGeometryChange()
        self.boxes, self.lines, self._bounds = boxes, lines, bounds
        self.update()

    def set_selected(self, centres: list[tuple[float, float]]) -> None:
        self.selected = [
            QRectF(x - NODE_WIDTH / 2, y - NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT)
            for x, y in centres
        ]
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        for kind, lines in self.lines.items():
            pen = QPen(QColor(self.theme.link(kind).colour))
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLines(lines)
        for category, boxes in self.boxes.items():
            colours = self.theme.category(category)
            pen = QPen(QColor(colours.stroke))
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(QColor(colours.fill))
            painter.drawRects(boxes)
        if self.selected:
            pen = QPen(QColor(self.theme.selection))
            pen.setCosmetic(True)
            pen.setWidthF(2.0)
            painter.setPen(pen)
            painter.setBrush(QColor(self.theme.selection))
            painter.drawRects(self.selected)
