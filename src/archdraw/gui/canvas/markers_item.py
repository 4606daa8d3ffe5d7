"""The Drawing's findings markers on the canvas, all in one item.

Thousands of findings on a big design would be thousands of items to rebuild
after every lint run; instead one item keeps the markers bucketed by grid
cell and paints only those in the exposed area. It takes no mouse events:
the scene's hover (archdraw.gui.canvas.hover) asks `at` for the marker under
the pointer and lists its findings in a tooltip.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from archdraw.drawing import SEVERITY_ORDER, MarkerDrawing
from archdraw.drawing.grid import CELL
from archdraw.drawing.markers import MARKER_RADIUS, Target
from archdraw.style import Theme

from .text import draw_run, scene_rect

MARKER_TEXT_SIZE = 11.0
MIN_SCREEN_RADIUS = 4.0  # still a visible dot when zoomed far out
DOTS_IMAGE_MAX = 4096  # pixels a side: larger, the dots are drawn one by one
Cell = tuple[int, int]


def _cell(marker: MarkerDrawing) -> Cell:
    return (int(marker.centre[0] // CELL), int(marker.centre[1] // CELL))


class MarkersItem(QGraphicsItem):
    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.markers: dict[Target, MarkerDrawing] = {}
        self._cells: dict[Cell, dict[Target, MarkerDrawing]] = {}
        self._bounds = QRectF()
        # Zoomed out, where no count is readable: every dot drawn once into a picture
        # at that scale, reused while panning (a call per dot costs a frame at 5,000).
        self._dots: tuple[tuple[float, float], QImage] | None = None
        self.setZValue(30)
        self.setAcceptedMouseButtons(self.acceptedMouseButtons().NoButton)
        # Paint is told the exposed area, not the whole (scene-wide) bounding rect.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def change(self, markers: Mapping[Target, MarkerDrawing], targets: Iterable[Target]) -> None:
        """Follow the markers of these targets (moved, added or gone)."""
        grown = QRectF(self._bounds)
        for target in targets:
            old = self.markers.pop(target, None)
            if old is not None:
                self._cells.get(_cell(old), {}).pop(target, None)
            new = markers.get(target)
            if new is not None:
                self.markers[target] = new
                self._cells.setdefault(_cell(new), {})[target] = new
                grown = grown.united(scene_rect(new.rect).adjusted(-40, -40, 40, 40))
        if grown != self._bounds:
            self.prepareGeometryChange()
            self._bounds = grown
        self._dots = None
        self.update()

    def at(self, point: QPointF, scale: float) -> Target | None:
        """The marker drawn under `point` at `scale` (the nearest one, if several)."""
        radius = self.radius(scale) + 2 / scale  # a pixel or two of slack round the dot
        x, y = point.x(), point.y()
        near = []
        for i in range(int((x - radius) // CELL), int((x + radius) // CELL) + 1):
            for j in range(int((y - radius) // CELL), int((y + radius) // CELL) + 1):
                for target, marker in self._cells.get((i, j), {}).items():
                    distance = (marker.centre[0] - x) ** 2 + (marker.centre[1] - y) ** 2
                    if distance <= radius**2:
                        near.append((distance, target))
        return min(near)[1] if near else None

    @staticmethod
    def radius(scale: float) -> float:
        """A marker's radius in scene units: never smaller than a few pixels on screen."""
        return max(MARKER_RADIUS, MIN_SCREEN_RADIUS / (scale or 1.0))

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._dots = None
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never under the mouse

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        scale = painter.worldTransform().m11() or 1.0
        radius = self.radius(scale)
        edge = QPen(QColor(self.theme.background), 1.5)
        readable = MARKER_TEXT_SIZE * scale >= 7.0
        if not readable and self._paint_dots(painter, edge, radius):
            return
        area = option.exposedRect.adjusted(-radius, -radius, radius, radius)
        columns = range(int(area.left() // CELL), int(area.right() // CELL) + 1)
        rows = range(int(area.top() // CELL), int(area.bottom() // CELL) + 1)
        if len(columns) * len(rows) > 4 * len(self._cells):
            shown: Iterable[MarkerDrawing] = self.markers.values()
        else:
            shown = [m for i in columns for j in rows for m in self._cells.get((i, j), {}).values()]
        white = QColor("#ffffff")
        for marker in shown:
            centre = QPointF(*marker.centre)
            painter.setPen(edge)
            painter.setBrush(QColor(self._colour(marker.severity)))
            painter.drawEllipse(centre, radius, radius)
            if readable:
                x, y = marker.centre
                draw_run(painter, x, y + 4, marker.text, MARKER_TEXT_SIZE, True, white, True)

    def _colour(self, severity: str) -> str:
        return self.theme.severity.get(severity, self.theme.severity["info"])

    def _paint_dots(self, painter: QPainter, edge: QPen, radius: float) -> bool:
        """Every dot from one picture drawn at this scale (False: too big to keep one)."""
        scale = painter.worldTransform().m11() or 1.0
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        width = int(self._bounds.width() * scale * ratio) + 1
        height = int(self._bounds.height() * scale * ratio) + 1
        if width > DOTS_IMAGE_MAX or height > DOTS_IMAGE_MAX:
            return False
        key = (scale * ratio, radius)
        if self._dots is None or self._dots[0] != key:
            image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            # One dot per severity drawn once, then copied to each marker: copying pixels
            # is far cheaper than drawing thousands of antialiased circles.
            pixels = scale * ratio
            stamps = {
                severity: _stamp(QColor(self._colour(severity)), edge, radius, pixels)
                for severity in {m.severity for m in self.markers.values()}
            }
            left, top = self._bounds.left(), self._bounds.top()
            dots = QPainter(image)
            # The worst severity last, so it is drawn on top.
            for marker in sorted(self.markers.values(), key=lambda m: -_rank(m.severity)):
                stamp = stamps[marker.severity]
                half = stamp.width() / 2
                x, y = marker.centre
                dots.drawImage(
                    QPointF((x - left) * pixels - half, (y - top) * pixels - half), stamp
                )
            dots.end()
            self._dots = (key, image)
        painter.drawImage(self._bounds, self._dots[1])
        return True


def _stamp(fill: QColor, edge: QPen, radius: float, pixels: float) -> QImage:
    """One antialiased dot as a marker looks at `pixels` per scene unit (its `radius` and
    `edge` in scene units), on a transparent square."""
    side = int(2 * (radius + edge.widthF()) * pixels + 2) | 1  # odd: centred on a pixel
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(side / 2, side / 2)
    painter.scale(pixels, pixels)
    painter.setPen(edge)
    painter.setBrush(fill)
    painter.drawEllipse(QPointF(0, 0), radius, radius)
    painter.end()
    return image


def _rank(severity: str) -> int:
    """0 for the worst severity; unknown ones rank with the least."""
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)
