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

import math

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from archdraw.style import NODE_HEIGHT, NODE_WIDTH, Theme

OVERVIEW_SCALE = 0.3
OVERVIEW_MIN_COMPONENTS = 300
MAX_PICTURE_SIDE = 4096  # device pixels; bigger overviews are drawn directly


def node_box(x: float, y: float) -> QRectF:
    """A component's box in scene coordinates, from its centre."""
    return QRectF(x - NODE_WIDTH / 2, y - NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT)


class OverviewItem(QGraphicsItem):
    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.setZValue(8)
        self._bounds = QRectF()
        self.boxes: dict[str, list[QRectF]] = {}
        self.lines: dict[str, list[QLineF]] = {}
        self.selected: list[QRectF] = []
        self._picture: tuple[tuple[float, ...], QPixmap] | None = None

    def set_geometry(
        self, boxes: dict[str, list[QRectF]], lines: dict[str, list[QLineF]], bounds: QRectF
    ) -> None:
        self.prepareGeometryChange()
        self.boxes, self.lines, self._bounds = boxes, lines, bounds
        self.invalidate()

    def invalidate(self) -> None:
        self._picture = None
        self.update()

    def set_selected(self, centres: list[tuple[float, float]]) -> None:
        self.selected = [node_box(x, y) for x, y in centres]
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        # Panning at one zoom redraws the same picture: blit it from a cache made at this
        # scale (drawing 10,000 boxes and lines costs tens of milliseconds a frame).
        ratio = painter.worldTransform().m11() * painter.device().devicePixelRatioF()
        key = (round(ratio, 6), self.theme.name == "dark")
        size = self._bounds.size() * ratio
        if max(size.width(), size.height()) > MAX_PICTURE_SIDE or size.isEmpty():
            self._draw(painter)
        else:
            if self._picture is None or self._picture[0] != key:
                self._picture = (key, self._render(ratio))
            painter.drawPixmap(self._bounds.topLeft(), self._picture[1])
        if self.selected:
            pen = QPen(QColor(self.theme.selection))
            pen.setCosmetic(True)
            pen.setWidthF(2.0)
            painter.setPen(pen)
            painter.setBrush(QColor(self.theme.selection))
            painter.drawRects(self.selected)

    def _render(self, ratio: float) -> QPixmap:
        size = self._bounds.size() * ratio
        pixmap = QPixmap(max(1, math.ceil(size.width())), max(1, math.ceil(size.height())))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.translate(-self._bounds.topLeft())
        self._draw(painter)
        painter.end()
        return pixmap

    def _draw(self, painter: QPainter) -> None:
        # Boxes are a few pixels wide out here: antialiasing costs twice the frame for nothing.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
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
        painter.setRenderHint(
            QPainter.RenderHint.Antialiasing, True
        )  # the view does not restore it
