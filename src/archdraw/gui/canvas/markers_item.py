"""The Drawing's findings markers on the canvas: one item draws them all, each with its tooltip."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from archdraw.drawing import MarkerDrawing
from archdraw.drawing.markers import MARKER_RADIUS
from archdraw.style import Theme

from .text import draw_run, scene_rect

MARKER_TEXT_SIZE = 11.0
MIN_SCREEN_RADIUS = 4.0  # still a visible dot when zoomed far out


class MarkersItem(QGraphicsItem):
    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.markers: list[MarkerDrawing] = []
        self._bounds = QRectF()
        self._shape = QPainterPath()
        self.setZValue(30)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(True)

    def set_markers(self, markers: list[MarkerDrawing]) -> None:
        if markers == self.markers:
            return
        self.prepareGeometryChange()
        self.markers = markers
        self._shape = QPainterPath()
        bounds = QRectF()
        for marker in markers:
            rect = scene_rect(marker.rect)
            self._shape.addEllipse(rect)
            bounds = bounds.united(rect)
        self._bounds = bounds.adjusted(-40, -40, 40, 40)  # room for the far-zoom minimum size
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        point = event.pos()
        under = [m for m in self.markers if scene_rect(m.rect).contains(point)]
        self.setToolTip(under[-1].tooltip if under else "")

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        scale = painter.worldTransform().m11() or 1.0
        radius = max(MARKER_RADIUS, MIN_SCREEN_RADIUS / scale)
        readable = MARKER_TEXT_SIZE * scale >= 7.0
        exposed = option.exposedRect.adjusted(-radius, -radius, radius, radius)
        for marker in self.markers:
            x, y = marker.centre
            if not exposed.contains(QPointF(x, y)):
                continue
            colour = self.theme.severity.get(marker.severity, self.theme.severity["info"])
            painter.setPen(QPen(QColor(self.theme.background), 1.5))
            painter.setBrush(QColor(colour))
            painter.drawEllipse(QPointF(x, y), radius, radius)
            if readable:
                white = QColor("#ffffff")
                draw_run(painter, x, y + 4, marker.text, MARKER_TEXT_SIZE, True, white, True)
