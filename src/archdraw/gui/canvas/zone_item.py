"""A zone (region, zone, network, group): a titled box around its members, as the Drawing has it."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from archdraw.drawing.faces import READABLE_PX
from archdraw.drawing.parts import (
    ZONE_DASH,
    ZONE_KIND_SIZE,
    ZONE_STROKE,
    ZONE_TEXT_BASELINE,
    ZONE_TEXT_INSET,
    ZONE_TITLE_SIZE,
)
from archdraw.drawing.text_metrics import fit
from archdraw.layout import clean_text
from archdraw.model import Zone
from archdraw.style import ZONE_PADDING, ZONE_TITLE_HEIGHT, Theme

from .text import draw_run, font

ZONE_TYPE = 65536 + 3  # QGraphicsItem.UserType + n
# Zoomed out, a zone's title grows to stay readable (its kind is dropped) as far as the band
# above its members holds it: ZONE_TITLE_HEIGHT + ZONE_PADDING, less room for descenders.
LARGE_HEADING_MAX = (ZONE_TITLE_HEIGHT + ZONE_PADDING) * 0.8


class ZoneItem(QGraphicsItem):
    def __init__(self, zone: Zone, theme: Theme) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # exposedRect
        self.theme = theme
        self.rect = QRectF()
        self.depth = 0
        self.written: tuple[float, float | None] = (0.0, None)
        self.update_from(zone)

    def type(self) -> int:
        return ZONE_TYPE

    def update_from(self, zone: Zone) -> None:
        self.zone_id, self.title, self.kind = zone.id, zone.title, zone.kind
        self.heading = zone.title
        self.setToolTip(f"{zone.title} ({zone.kind})\nid: {zone.id}")
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def set_rect(
        self,
        rect: QRectF,
        depth: int,
        heading: str | None = None,
        written: tuple[float, float | None] | None = None,
    ) -> None:
        """Where the zone is drawn, how deep it is nested, its title as fitted to its width,
        where the heading starts and the kind ends (`ZoneDrawing`; None: at the sides)."""
        self.heading = self.title if heading is None else heading
        written = written or (rect.left() + ZONE_TEXT_INSET, rect.right() - ZONE_TEXT_INSET)
        if written != self.written:  # a link came or went across its top: the words move
            self.written = written
            self.update()
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

    def _paint_part(self, painter: QPainter, seen: QRectF) -> None:
        """The part of a large zone in view: its fill and the stretches of border there."""
        rect = self.rect
        area = rect.intersected(seen)
        if area.isEmpty():
            return
        pen = painter.pen()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRect(area)
        painter.setPen(pen)
        left, right, top, bottom = area.left(), area.right(), area.top(), area.bottom()
        edges = [
            (rect.top() >= seen.top(), QLineF(left, rect.top(), right, rect.top())),
            (rect.bottom() <= seen.bottom(), QLineF(left, rect.bottom(), right, rect.bottom())),
            (rect.left() >= seen.left(), QLineF(rect.left(), top, rect.left(), bottom)),
            (rect.right() <= seen.right(), QLineF(rect.right(), top, rect.right(), bottom)),
        ]
        painter.drawLines([line for shown, line in edges if shown])

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        selected = self.isSelected()
        pen = QPen(QColor(self.theme.selection if selected else self.theme.zone_stroke))
        pen.setWidthF(2 * ZONE_STROKE if selected else ZONE_STROKE)
        dash = ZONE_DASH.get(self.kind)
        if dash:
            pen.setDashPattern([d / pen.widthF() for d in dash])
        painter.setPen(pen)
        painter.setBrush(QColor(self.theme.zone_fill.get(self.kind, self.theme.background)))
        seen = option.exposedRect.adjusted(-8, -8, 8, 8)
        if self.rect.width() > 2 * seen.width() or self.rect.height() > 2 * seen.height():
            self._paint_part(painter, seen)  # dashing a zone far bigger than the view is slow
        else:
            painter.drawRoundedRect(self.rect, 12, 12)
        scale = painter.worldTransform().m11()
        if ZONE_TITLE_SIZE * scale < READABLE_PX:
            self._paint_large_heading(painter, scale)
            return
        left, right = self.written
        baseline = self.rect.top() + ZONE_TEXT_BASELINE  # where labels keep off (`titles`)
        ink, muted = QColor(self.theme.text), QColor(self.theme.muted_text)
        draw_run(painter, left, baseline, self.heading, ZONE_TITLE_SIZE, True, ink)
        if right is None:  # no stretch of the top clear of links for it
            return
        kind_width = QFontMetricsF(font(ZONE_KIND_SIZE, False, painter.device().logicalDpiY()))
        draw_run(
            painter,
            right - kind_width.horizontalAdvance(self.kind),
            baseline,
            self.kind,
            ZONE_KIND_SIZE,
            False,
            muted,
        )

    def _paint_large_heading(self, painter: QPainter, scale: float) -> None:
        """The title alone, at READABLE_PX on screen, when the band above the members holds it."""
        size = READABLE_PX / (scale or 1.0)
        if size > LARGE_HEADING_MAX:
            return
        grow = size / ZONE_TITLE_SIZE
        text = fit(clean_text(self.title, 400), self.rect.width() - 24 * grow, size, True)
        left, top = self.rect.left() + 12, self.rect.top() + 6 + size * 0.95
        draw_run(painter, left, top, text, size, True, QColor(self.theme.text))
