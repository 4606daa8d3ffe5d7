"""A component on the canvas: the box and face the Drawing gives it, at the zoom's level of detail.

The face (icon, title, type line, badge, or only a large title when the box is
small on screen) comes from archdraw.drawing, the same one the SVG export
writes, so the canvas and the exports agree on every line of text.
"""

from __future__ import annotations

import dataclasses
import html
from collections import OrderedDict

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from archdraw.drawing import ComponentLook, Face, face, face_at, instances_note
from archdraw.drawing.faces import BADGE_DASH, BADGE_STROKE
from archdraw.gui.icons import icon_pixmap
from archdraw.layout import Rect
from archdraw.style import CORNER_RADIUS, NODE_HEIGHT, NODE_WIDTH, Theme

from .text import draw_run, pixmap_ratio

PIXMAP_CACHE_BYTES = 64 * 1024 * 1024  # least recently drawn pixmaps go beyond this
_PIXMAPS: OrderedDict[tuple[object, ...], QPixmap] = OrderedDict()
_cached_bytes = [0]
HANDLE_RADIUS = 5.0  # the round handle drawn on the right edge on hover: drag it to link
EDGE_BAND = 7.0  # pressing this close to the border starts a link instead of a move
_BOX = QRectF(-NODE_WIDTH / 2, -NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT)
_BOUNDS = _BOX.adjusted(-8, -10, 8, 4)  # room for the badge, the hover handle and the pen
_SHAPES: dict[Rect | None, QPainterPath] = {}  # by the badge's pill: a few in a design
COMPONENT_TYPE = 65536 + 1  # QGraphicsItem.UserType + n


def _size(pixmap: QPixmap) -> int:
    return pixmap.width() * pixmap.height() * 4


class ComponentItem(QGraphicsRectItem):
    """Its bounding rectangle lives in C++ (QGraphicsRectItem): the scene asks for it
    thousands of times a frame, and a Python override costs a call each time."""

    def __init__(self, component_id: str, look: ComponentLook, theme: Theme) -> None:
        super().__init__(_BOUNDS)
        self.setPen(Qt.PenStyle.NoPen)
        self.component_id = component_id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setZValue(10)
        self.overlay_colour: str | None = None  # set by analysis overlays
        self.overlay_text: str | None = None
        self.dimmed = False  # drawn faded (e.g. down in a failure analysis)
        self.hovered = False
        self.theme = theme
        self.look = look
        self.set_look(look)

    def type(self) -> int:
        return COMPONENT_TYPE

    @property
    def title(self) -> str:
        return self.look.title

    @property
    def category(self) -> str:
        return self.look.category

    def set_look(self, look: ComponentLook) -> None:
        self.look = look
        note = instances_note(look)
        count = f"<br>{html.escape(note)}" if note else ""
        self.setToolTip(f"{self.heading()}{count}<br>id: {html.escape(self.component_id)}")
        self.update()

    def heading(self) -> str:
        """Its name in bold over its type, as rich text (tooltips: archdraw.gui.canvas.hover)."""
        return f"<b>{html.escape(self.look.title)}</b><br>{html.escape(self.look.type_label)}"

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def set_overlay(
        self, colour: str | None, text: str | None = None, dimmed: bool = False
    ) -> None:
        """Analysis overlays: tint the box, replace the type line, fade it. None clears."""
        self.overlay_colour, self.overlay_text, self.dimmed = colour, text, dimmed
        self.update()

    def box(self) -> QRectF:
        return QRectF(_BOX)

    def shape(self) -> QPainterPath:
        """What is drawn (the box, its badge and the handle shown on hover, with half the
        pen): clicks, hover and the rubber band meet that, not the room kept around it for
        repaints (`boundingRect`)."""
        pill = face(self.look, "full").badge
        shape = _SHAPES.get(pill)
        if shape is None:
            shape = QPainterPath()
            pen = 1.25  # half the widest outline
            box = _BOX.adjusted(-pen, -pen, pen, pen)
            shape.addRoundedRect(box, CORNER_RADIUS + pen, CORNER_RADIUS + pen)
            if pill is not None:
                left, top = _BOX.left(), _BOX.top()
                badge = QRectF(left + pill.x0, top + pill.y0, pill.width, pill.height)
                shape.addRoundedRect(badge.adjusted(-pen, -pen, pen, pen), 8, 8)
            shape.addEllipse(QPointF(_BOX.right(), 0), HANDLE_RADIUS + 1, HANDLE_RADIUS + 1)
            shape.setFillRule(Qt.FillRule.WindingFill)  # the badge overlaps the box: both in
            _SHAPES[pill] = shape
        return shape

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
        if self.dimmed:
            painter.setOpacity(self.theme.down_opacity)
        scale = painter.worldTransform().m11()
        look = self.look
        if self.overlay_text:
            look = dataclasses.replace(look, type_label=self.overlay_text)
        drawn = face_at(look, scale)
        if drawn.level == "box":
            self._outline(painter, selected, cosmetic=True)
            painter.drawRect(self.box())
            return
        ratio = pixmap_ratio(painter, scale)
        bounds = self.boundingRect()
        painter.drawPixmap(bounds.topLeft(), self._picture(drawn, ratio, selected))
        if self.hovered:
            self._handle(painter, QPointF(self.box().right(), 0))

    def _picture(self, drawn: Face, ratio: float, selected: bool) -> QPixmap:
        """The detailed drawing as a cached pixmap: one drawPixmap per frame instead of
        a dozen text and path calls (text layout dominates frame time at 100 %)."""
        key = (
            drawn,
            self.look.category,
            self.look.icon,
            selected,
            self.hovered,
            self.overlay_colour,
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
        self._paint_face(painter, drawn, selected)
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
        pen.setWidthF(2.5 if selected or self.hovered else 1.5)
        painter.setPen(pen)
        painter.setBrush(QBrush(fill))

    def _paint_face(self, painter: QPainter, drawn: Face, selected: bool) -> None:
        """The face in box coordinates; the Drawing's are from the box's top-left corner."""
        colours = self.theme.category(self.category)
        self._outline(painter, selected, cosmetic=False)
        box = self.box()
        painter.drawRoundedRect(box, CORNER_RADIUS, CORNER_RADIUS)
        left, top = box.left(), box.top()
        if drawn.icon is not None:
            icon = drawn.icon
            target = QRectF(left + icon.x0, top + icon.y0, icon.width, icon.height)
            pixmap = icon_pixmap(self.look.icon, colours.accent, round(icon.width))
            painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
        badge_ink = self.theme.background
        if drawn.badge is not None:
            pill = drawn.badge
            if drawn.badge_stated:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(colours.accent))
            else:  # a default or derived count: outlined, as the SVG export draws it
                pen = QPen(QColor(colours.accent), BADGE_STROKE)
                pen.setDashPattern([d / BADGE_STROKE for d in BADGE_DASH])
                painter.setPen(pen)
                painter.setBrush(QColor(self.theme.background))
                badge_ink = colours.accent
            painter.drawRoundedRect(
                QRectF(left + pill.x0, top + pill.y0, pill.width, pill.height), 8, 8
            )
        ink = {
            "title": QColor(self.theme.text),
            "type": QColor(self.theme.muted_text),
            "badge": QColor(badge_ink),
        }
        for run in drawn.texts:
            x, y = left + run.x, top + run.y
            draw_run(painter, x, y, run.text, run.size, run.bold, ink[run.role], run.centred)

    def _handle(self, painter: QPainter, centre: QPointF) -> None:
        painter.setPen(QPen(QColor(self.theme.selection), 1.5))
        painter.setBrush(QColor(self.theme.background))
        painter.drawEllipse(centre, HANDLE_RADIUS, HANDLE_RADIUS)
