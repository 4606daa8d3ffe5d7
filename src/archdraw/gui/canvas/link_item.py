"""A link on the canvas: its routed course, arrowhead and label, as the Drawing describes them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from archdraw.drawing import LabelDrawing, LinkDrawing
from archdraw.drawing.faces import READABLE_PX
from archdraw.drawing.parts import LINK_LABEL_SIZE, LINK_WIDTH
from archdraw.model import Link
from archdraw.style import Theme

from .text import draw_run, pixmap_ratio, scene_rect

LINK_TYPE = 65536 + 2  # QGraphicsItem.UserType + n
MAX_LABEL_PICTURES = 2_000
_LABELS: dict[tuple[object, ...], QPixmap] = {}
_INKS: dict[tuple[str, str, bool], tuple[QPen, QColor]] = {}


class LinkItem(QGraphicsRectItem):
    """The rect is the link's bounding box, kept in C++ (QGraphicsRectItem): the scene
    asks for it thousands of times a frame, and a Python override costs a call each."""

    def __init__(self, link: Link, theme: Theme) -> None:
        super().__init__()
        self.setPen(Qt.PenStyle.NoPen)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(5)
        self.theme = theme
        self.drawing: LinkDrawing | None = None
        self.line = QPolygonF()  # the course up to the arrowhead's base
        self.arrow = QPolygonF()
        self.label_rect: QRectF | None = None
        self.label: str | None = None
        # Told when the pointer comes onto (the key) and leaves (None) this link.
        self.on_hover: Callable[[str | None], None] | None = None
        self.setAcceptHoverEvents(True)
        self.update_from(link)

    def type(self) -> int:
        return LINK_TYPE

    def update_from(self, link: Link) -> None:
        self.key, self.source, self.target = link.key, link.source, link.target
        self.kind, self.label = link.kind, link.label
        self.update()  # its tooltip is written when asked (.hover): it names the ends' titles

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def set_drawing(self, drawing: LinkDrawing) -> None:
        """Take the course and label the Drawing gives this link."""
        if drawing == self.drawing:
            return
        self.drawing = drawing
        path = drawing.path
        self.line = QPolygonF([QPointF(x, y) for x, y in path.until_arrow()] if path else [])
        self.arrow = QPolygonF([QPointF(x, y) for x, y in path.arrowhead()] if path else [])
        self.label_rect = scene_rect(drawing.label.rect) if drawing.label else None
        bounds = self.line.boundingRect().united(self.arrow.boundingRect())
        if self.label_rect is not None:
            bounds = bounds.united(self.label_rect)
        bounds = bounds.adjusted(-4, -4, 4, 4)
        if bounds != self.rect():
            self.setRect(bounds)
        self.update()

    def hoverEnterEvent(self, event: object) -> None:
        if self.on_hover is not None:
            self.on_hover(self.key)

    def hoverLeaveEvent(self, event: object) -> None:
        if self.on_hover is not None:
            self.on_hover(None)

    def middle(self) -> QPointF:
        """The label's centre, else the course's middle (where a rename editor opens)."""
        if self.label_rect is not None:
            return self.label_rect.center()
        return self.course_middle()

    def course_middle(self) -> QPointF:
        """Halfway along the drawn course (where a link's findings marker sits, 14 above)."""
        if self.drawing is not None and self.drawing.path is not None:
            return QPointF(*self.drawing.path.at(0.5))
        return self.rect().center()

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addPolygon(self.line)
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        shape = stroker.createStroke(path)
        if self.label_rect is not None:
            shape.addRect(self.label_rect)
        return shape

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        if self.line.size() < 2:
            return
        pen, colour = self._ink(self.isSelected())
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(self.line)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(self.arrow)
        scale = painter.worldTransform().m11()
        label = self.drawing.label if self.drawing else None
        if label is None or self.label_rect is None or LINK_LABEL_SIZE * scale < READABLE_PX:
            return
        ratio = pixmap_ratio(painter, scale)
        painter.drawPixmap(self.label_rect.topLeft(), self._label_picture(label, colour, ratio))

    def _ink(self, selected: bool) -> tuple[QPen, QColor]:
        """The line's pen and the arrow's colour, made once per theme, kind and selection."""
        key = (self.theme.name, self.kind, selected)
        found = _INKS.get(key)
        if found is None:
            style = self.theme.link(self.kind)
            colour = QColor(self.theme.selection if selected else style.colour)
            pen = QPen(colour)
            pen.setWidthF(3.0 if selected else LINK_WIDTH)
            if style.dash:
                pen.setDashPattern([max(0.5, d) for d in style.dash])
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            found = _INKS[key] = (pen, colour)
        return found

    def _label_picture(self, label: LabelDrawing, colour: QColor, ratio: float) -> QPixmap:
        """The label on its pill, cached: laying out text every frame costs more than the lines."""
        size = (label.rect.width, label.rect.height)
        key = (label.text, size, colour.name(), self.theme.name, ratio)
        found = _LABELS.get(key)
        if found is not None:
            return found
        pixmap = QPixmap(round(size[0] * ratio), round(size[1] * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        background = QColor(self.theme.background)
        background.setAlphaF(0.9)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(QRectF(0, 0, *size), 4, 4)
        x, y = label.baseline
        draw_run(
            painter,
            x - label.rect.x0,
            y - label.rect.y0,
            label.text,
            LINK_LABEL_SIZE,
            False,
            colour,
            True,
        )
        painter.end()
        if len(_LABELS) > MAX_LABEL_PICTURES:
            _LABELS.clear()
        _LABELS[key] = pixmap
        return pixmap
