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
from collections.abc import Callable, Iterable, Mapping
from itertools import pairwise

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from archdraw.drawing import BoxDrawing, Drawing, LinkDrawing
from archdraw.style import NODE_HEIGHT, NODE_WIDTH, Theme

from .scene_build import Step, chunks
from .zone_item import ZoneItem

OVERVIEW_SCALE = 0.3
OVERVIEW_MIN_COMPONENTS = 300
MAX_PICTURE_SIDE = 4096  # device pixels; bigger overviews are drawn directly


def node_box(x: float, y: float) -> QRectF:
    """A component's box in scene coordinates, from its centre."""
    return QRectF(x - NODE_WIDTH / 2, y - NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT)


class Geometry:
    """Boxes by category and link courses by kind, as the overview draws them, and their
    extent: read from the Drawing the items show, not from thousands of items."""

    def __init__(self) -> None:
        self.boxes: dict[str, list[QRectF]] = {}
        self.lines: dict[str, list[QLineF]] = {}
        self._extent = (math.inf, math.inf, -math.inf, -math.inf)

    @classmethod
    def of(cls, drawing: Drawing) -> Geometry:
        geometry = cls()
        geometry.add_boxes(drawing.boxes.values())
        geometry.add_links(drawing.links.values())
        return geometry

    def add_boxes(self, boxes: Iterable[BoxDrawing]) -> None:
        left, top, right, bottom = self._extent
        for box in boxes:
            x0, y0, x1, y1 = box.rect.x0, box.rect.y0, box.rect.x1, box.rect.y1
            self.boxes.setdefault(box.look.category, []).append(QRectF(x0, y0, x1 - x0, y1 - y0))
            left, top, right, bottom = min(left, x0), min(top, y0), max(right, x1), max(bottom, y1)
        self._extent = (left, top, right, bottom)

    def add_links(self, links: Iterable[LinkDrawing]) -> None:
        for link in links:
            if link.path is not None:
                self.lines.setdefault(link.kind, []).extend(
                    QLineF(x0, y0, x1, y1) for (x0, y0), (x1, y1) in pairwise(link.path.points)
                )

    def bounds(self, extra: Iterable[QRectF]) -> QRectF:
        """The boxes' extent and `extra` rectangles' (the zones'); links run near their
        boxes (archdraw.drawing.description.REACH)."""
        left, top, right, bottom = self._extent
        bounds = QRectF(left, top, right - left, bottom - top) if self.boxes else QRectF()
        for rect in extra:
            bounds = bounds.united(rect)
        return bounds


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
        self.version = 0  # counts set_geometry calls

    def set_geometry(self, geometry: Geometry, zones: Mapping[str, ZoneItem]) -> None:
        """Draw `geometry`, within its bounds and the zones'."""
        self.prepareGeometryChange()
        self.boxes, self.lines = geometry.boxes, geometry.lines
        self._bounds = geometry.bounds(zone.rect for zone in zones.values())
        self.version += 1
        self.invalidate()

    def steps(
        self,
        drawing: Drawing,
        zones: Mapping[str, ZoneItem],
        size: int,
        grow: Callable[[QRectF], None],
    ) -> list[Step]:
        """`set_geometry` from all of `drawing`, reading `size` boxes or links a step, and
        `grow` the scene to its bounds; a geometry set meanwhile (after a change) stays."""
        geometry, started = Geometry(), self.version
        boxes, links = list(drawing.boxes.values()), list(drawing.links.values())

        def finish() -> None:
            grow(geometry.bounds(zone.rect for zone in zones.values()))
            if self.version == started:
                self.set_geometry(geometry, zones)

        return [
            *chunks(boxes, size, geometry.add_boxes),
            *chunks(links, size, geometry.add_links),
            (0, finish),
        ]

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
