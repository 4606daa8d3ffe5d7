"""A component on the canvas: a rounded box with its type's icon, label, badges."""

from __future__ import annotations

import math
from collections import OrderedDict

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from archdraw.gui.icons import icon_pixmap
from archdraw.library import ComponentType
from archdraw.model import Component
from archdraw.style import (
    CORNER_RADIUS,
    LABEL_FONT,
    LABEL_POINT_SIZE,
    NODE_HEIGHT,
    NODE_WIDTH,
    SMALL_POINT_SIZE,
    Theme,
)

PIXMAP_CACHE_BYTES = 64 * 1024 * 1024  # least recently drawn pixmaps go beyond this
_PIXMAPS: OrderedDict[tuple[object, ...], QPixmap] = OrderedDict()
_cached_bytes = [0]
DETAIL_SCALE = 0.45  # below this zoom, labels and badges are too small to read: skip them
EDGE_BAND = 7.0  # pressing this close to the border starts a link instead of a move
_BOX = QRectF(-NODE_WIDTH / 2, -NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT)
_BOUNDS = _BOX.adjusted(-8, -10, 8, 4)
COMPONENT_TYPE = 65536 + 1  # QGraphicsItem.UserType + n


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont(LABEL_FONT)
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def _size(pixmap: QPixmap) -> int:
    return pixmap.width() * pixmap.height() * 4


def _wrap(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """Word-wrap `text` into at most `max_lines` lines, eliding the last one."""
    metrics = QFontMetricsF(font)
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words and lines:
        lines[-1] = f"{lines[-1]} {' '.join(words)}"
    elide = Qt.TextElideMode.ElideRight
    return [metrics.elidedText(line, elide, width) for line in lines] or [""]


class ComponentItem(QGraphicsRectItem):
    """Its bounding rectangle lives in C++ (QGraphicsRectItem): the scene asks for it
    thousands of times a frame, and a Python override costs a call each time."""

    def __init__(self, component: Component, kind: ComponentType | None, theme: Theme) -> None:
        super().__init__(_BOUNDS)
        self.setPen(Qt.PenStyle.NoPen)
        self.component_id = component.id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setZValue(10)
        self.finding_severity: str | None = None
        self.overlay_colour: str | None = None  # set by analysis overlays
        self.overlay_text: str | None = None
        self.dimmed = False  # drawn faded (e.g. down in a failure analysis)
        self.hovered = False
        self.theme = theme
        self.update_from(component, kind)

    def type(self) -> int:
        return COMPONENT_TYPE

    def update_from(self, component: Component, kind: ComponentType | None) -> None:
        self.prepareGeometryChange()
        self.title = component.title
        self.type_label = kind.label if kind else f"{component.type} (unknown type)"
        self.category = kind.category if kind else "external"
        self.icon = kind.icon if kind else "circle-help"
        replicas = component.props.get("replicas", kind.default("replicas") if kind else None)
        self.replicas = replicas if isinstance(replicas, int) else 1
        self.setToolTip(f"{component.title} ({self.type_label})\nid: {component.id}")
        if component.position is not None:
            self.setPos(QPointF(*component.position))
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def set_overlay(
        self, colour: str | None, text: str | None = None, dimmed: bool = False
    ) -> None:
        """Analysis overlays: tint the box, replace the type line, fade it. None clears."""
        self.overlay_colour, self.overlay_text, self.dimmed = colour, text, dimmed
        self.update()

    def set_finding(self, severity: str | None) -> None:
        if severity != self.finding_severity:
            self.finding_severity = severity
            self.update()

    def box(self) -> QRectF:
        return QRectF(_BOX)

    def near_edge(self, scene_point: QPointF) -> bool:
        local = self.mapFromScene(scene_point)
        inner = self.box().adjusted(EDGE_BAND, EDGE_BAND, -EDGE_BAND, -EDGE_BAND)
        return self.box().adjusted(-3, -3, 3, 3).contains(local) and not inner.contains(local)

    def hoverEnterEvent(self, event: object) -> None:
        self.hovered = True
        self.update()

    def hoverLeaveEvent(self, event: object) -> None:
        self.hovered = False
        self.update()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        selected = self.isSelected()
        box = self.box()
        if self.dimmed:
            painter.setOpacity(self.theme.down_opacity)
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if lod < DETAIL_SCALE:
            self._outline(painter, selected, cosmetic=True)
            painter.drawRect(box)
            if self.finding_severity:  # still visible from afar: a solid corner dot
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(self.theme.severity.get(self.finding_severity, "#d92d20")))
                painter.drawEllipse(box.topLeft(), 12, 12)
            return
        ratio = min(4.0, max(1.0, math.ceil(lod * painter.device().devicePixelRatioF())))
        bounds = self.boundingRect()
        painter.drawPixmap(bounds.topLeft(), self._picture(ratio, selected))
        if self.hovered:
            self._handle(painter, QPointF(box.right(), 0))

    def _picture(self, ratio: float, selected: bool) -> QPixmap:
        """The detailed drawing as a cached pixmap: one drawPixmap per frame instead of
        a dozen text and path calls (text layout dominates frame time at 100 %)."""
        key = (
            self.title,
            self.type_label,
            self.category,
            self.icon,
            self.replicas,
            self.finding_severity,
            selected,
            self.hovered,
            self.overlay_colour,
            self.overlay_text,
            self.theme.name,
            ratio,
        )
        pixmap = _PIXMAPS.get(key)
        if pixmap is not None:
            _PIXMAPS.move_to_end(key)
            return pixmap
        bounds = self.boundingRect()
        pixmap = QPixmap(round(bounds.width() * ratio), round(bounds.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        painter.translate(-bounds.topLeft())
        self._paint_detail(painter, selected)
        painter.end()
        _PIXMAPS[key] = pixmap
        _cached_bytes[0] += _size(pixmap)
        while _cached_bytes[0] > PIXMAP_CACHE_BYTES and len(_PIXMAPS) > 1:
            _cached_bytes[0] -= _size(_PIXMAPS.popitem(last=False)[1])
        return pixmap

    def _outline(self, painter: QPainter, selected: bool, cosmetic: bool) -> None:
        """The box's pen and brush: category colours, selection, hover, analysis tint."""
        colours = self.theme.category(self.category)
        fill = QColor(self.overlay_colour) if self.overlay_colour else QColor(colours.fill)
        if self.overlay_colour:
            fill.setAlpha(90)
        pen = QPen(QColor(self.theme.selection if selected else colours.stroke))
        pen.setCosmetic(cosmetic)
        pen.setWidthF(2.0 if selected or self.hovered else 1.0)
        painter.setPen(pen)
        painter.setBrush(QBrush(fill))

    def _paint_detail(self, painter: QPainter, selected: bool) -> None:
        colours = self.theme.category(self.category)
        self._outline(painter, selected, cosmetic=False)
        box = self.box()
        painter.drawRoundedRect(box, CORNER_RADIUS, CORNER_RADIUS)
        icon_rect = QRectF(box.left() + 9, -12, 24, 24)
        painter.drawPixmap(icon_rect.toRect(), icon_pixmap(self.icon, colours.accent, 24))
        text_left = icon_rect.right() + 8
        text_width = box.right() - text_left - 6
        title_font = _font(LABEL_POINT_SIZE - 0.5, bold=True)
        title_lines = _wrap(self.title, title_font, text_width, 2)
        line_height = QFontMetricsF(title_font).height()
        small = _font(SMALL_POINT_SIZE)
        detail_height = QFontMetricsF(small).height()
        top = -(line_height * len(title_lines) + detail_height + 2) / 2
        painter.setFont(title_font)
        painter.setPen(QColor(self.theme.text))
        for line in title_lines:
            painter.drawText(QRectF(text_left, top, text_width, line_height), line)
            top += line_height
        painter.setFont(small)
        painter.setPen(QColor(self.theme.muted_text))
        detail = self.overlay_text or self.type_label
        detail = QFontMetricsF(small).elidedText(detail, Qt.TextElideMode.ElideRight, text_width)
        painter.drawText(QRectF(text_left, top + 2, text_width, detail_height), detail)
        if self.replicas > 1:
            self._badge(painter, f"x{self.replicas}", QPointF(box.right() - 4, box.top()))
        if self.finding_severity:
            self._marker(painter, QPointF(box.left() + 2, box.top() + 2))

    def _badge(self, painter: QPainter, text: str, anchor: QPointF) -> None:
        font = _font(SMALL_POINT_SIZE, bold=True)
        width = QFontMetricsF(font).horizontalAdvance(text) + 10
        rect = QRectF(anchor.x() - width + 4, anchor.y() - 9, width, 16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.theme.category(self.category).accent))
        painter.drawRoundedRect(rect, 8, 8)
        painter.setFont(font)
        painter.setPen(QColor(self.theme.background))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _marker(self, painter: QPainter, centre: QPointF) -> None:
        colour = self.theme.severity.get(self.finding_severity or "", "#d92d20")
        painter.setPen(QPen(QColor(self.theme.background), 1.5))
        painter.setBrush(QColor(colour))
        painter.drawEllipse(centre, 7, 7)
        painter.setFont(_font(SMALL_POINT_SIZE, bold=True))
        painter.setPen(QColor("#ffffff"))
        painter.drawText(
            QRectF(centre.x() - 7, centre.y() - 7, 14, 14), Qt.AlignmentFlag.AlignCenter, "!"
        )

    def _handle(self, painter: QPainter, centre: QPointF) -> None:
        painter.setPen(QPen(QColor(self.theme.selection), 1.5))
        painter.setBrush(QColor(self.theme.background))
        painter.drawEllipse(centre, 5, 5)
