"""A link on the canvas: an arrow between the borders of its two components."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from archdraw.model import Link
from archdraw.style import LABEL_FONT, NODE_HEIGHT, NODE_WIDTH, SMALL_POINT_SIZE, Theme

from .component_item import DETAIL_SCALE

ARROW = 9.0
LABEL_WIDTH = 150.0
LINK_TYPE = 65536 + 2  # QGraphicsItem.UserType + n


def border_point(centre: QPointF, toward: QPointF) -> QPointF:
    """Where the segment from `centre` toward `toward` leaves a component box."""
    dx, dy = toward.x() - centre.x(), toward.y() - centre.y()
    if dx == 0 and dy == 0:
        return QPointF(centre)
    scale = min(
        (NODE_WIDTH / 2) / abs(dx) if dx else math.inf,
        (NODE_HEIGHT / 2) / abs(dy) if dy else math.inf,
    )
    scale = min(scale, 1.0)
    return QPointF(centre.x() + dx * scale, centre.y() + dy * scale)


class LinkItem(QGraphicsRectItem):
    """The rect is the link's bounding box, kept in C++ (QGraphicsRectItem): the scene
    asks for it thousands of times a frame, and a Python override costs a call each."""

    def __init__(self, link: Link, theme: Theme) -> None:
        super().__init__()
        self.setPen(Qt.PenStyle.NoPen)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(5)
        self.theme = theme
        self.line = QLineF()
        self.label: str | None = None
        self.update_from(link)

    def type(self) -> int:
        return LINK_TYPE

    def update_from(self, link: Link) -> None:
        self.key, self.source, self.target = link.key, link.source, link.target
        self.kind, self.label = link.kind, link.label
        self._measure()
        self.setToolTip(
            f"{link.source} → {link.target} ({link.kind})"
            + (f"\n{link.label}" if link.label else "")
        )
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def set_ends(self, source: QPointF, target: QPointF) -> None:
        line = QLineF(border_point(source, target), border_point(target, source))
        if line != self.line:
            self.line = line
            self._measure()

    def _measure(self) -> None:
        rect = QRectF(self.line.p1(), self.line.p2()).normalized()
        grow = LABEL_WIDTH / 2 + 6 if self.label else ARROW + 2
        bounds = rect.adjusted(-grow, -grow / 3 - ARROW, grow, grow / 3 + ARROW)
        if bounds != self.rect():
            self.setRect(bounds)

    def shape(self) -> QPainterPath:
        path = QPainterPath(self.line.p1())
        path.lineTo(self.line.p2())
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        return stroker.createStroke(path)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        if self.line.length() < 1:
            return
        style = self.theme.link(self.kind)
        colour = QColor(self.theme.selection if self.isSelected() else style.colour)
        pen = QPen(colour)
        pen.setCosmetic(True)  # 1 device pixel whatever the zoom: wider pens triple frame time
        pen.setWidthF(2.0 if self.isSelected() else style.width)
        if style.dash:
            pen.setDashPattern([max(0.5, d) for d in style.dash])
        painter.setPen(pen)
        painter.drawLine(self.line)
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(self._arrow_head())
        if self.label and lod >= DETAIL_SCALE:
            self._paint_label(painter)

    def _paint_label(self, painter: QPainter) -> None:
        font = QFont(LABEL_FONT)
        font.setPointSizeF(SMALL_POINT_SIZE)
        metrics = QFontMetricsF(font)
        width = min(LABEL_WIDTH, max(40.0, self.line.length() - 2 * ARROW - 8))
        text = metrics.elidedText(self.label or "", Qt.TextElideMode.ElideRight, width)
        text_width = metrics.horizontalAdvance(text) + 8
        middle = self.line.center()
        rect = QRectF(middle.x() - text_width / 2, middle.y() - 8, text_width, 16)
        background = QColor(self.theme.background)
        background.setAlpha(225)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(rect, 4, 4)
        painter.setFont(font)
        painter.setPen(QColor(self.theme.muted_text))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _arrow_head(self) -> QPolygonF:
        tip = self.line.p2()
        angle = math.atan2(self.line.dy(), self.line.dx())
        left = QPointF(
            tip.x() - ARROW * math.cos(angle - 0.4), tip.y() - ARROW * math.sin(angle - 0.4)
        )
        right = QPointF(
            tip.x() - ARROW * math.cos(angle + 0.4), tip.y() - ARROW * math.sin(angle + 0.4)
        )
        return QPolygonF([tip, left, right])
