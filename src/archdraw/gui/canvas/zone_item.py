"""A zone (region, zone, network, group): a titled box around its members."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from archdraw.model import Zone
from archdraw.style import LABEL_FONT, SMALL_POINT_SIZE, ZONE_TITLE_HEIGHT, Theme

from .component_item import DETAIL_SCALE

ZONE_TYPE = 65536 + 3  # QGraphicsItem.UserType + n


class ZoneItem(QGraphicsItem):
    def __init__(self, zone: Zone, theme: Theme) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.theme = theme
        self.rect = QRectF()
        self.depth = 0
        self.update_from(zone)

    def type(self) -> int:
        return ZONE_TYPE

    def update_from(self, zone: Zone) -> None:
        self.zone_id, self.title, self.kind = zone.id, zone.title, zone.kind
        self.setToolTip(f"{zone.title} ({zone.kind})\nid: {zone.id}")
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def set_rect(self, rect: QRectF, depth: int) -> None:
        self.depth = depth
        self.setZValue(-100 + depth)
        if rect != self.rect:
            self.prepareGeometryChange()
            self.rect = rect

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-1, -1, 1, 1)

    def shape(self) -> QPainterPath:
        # Only the title bar grabs the mouse: pressing inside a zone starts a rubber
        # band, so components in a zone (often all of them) can be box-selected.
        path = QPainterPath()
        path.addRect(self.title_rect())
        return path

    def title_rect(self) -> QRectF:
        return QRectF(self.rect.left(), self.rect.top(), self.rect.width(), ZONE_TITLE_HEIGHT)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        selected = self.isSelected()
        pen = QPen(QColor(self.theme.selection if selected else self.theme.zone_stroke))
        pen.setCosmetic(True)
        pen.setWidthF(2.0 if selected else 1.0)
        if self.kind in ("network", "group"):
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QColor(self.theme.zone_fill.get(self.kind, self.theme.background)))
        painter.drawRoundedRect(self.rect, 8, 8)
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if lod < DETAIL_SCALE / 2:
            return
        font = QFont(LABEL_FONT)
        font.setPointSizeF(SMALL_POINT_SIZE + 1)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(self.theme.muted_text))
        text_rect = self.title_rect().adjusted(10, 2, -10, 0)
        text = QFontMetricsF(font).elidedText(
            f"{self.title}  ·  {self.kind}", Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, text)
