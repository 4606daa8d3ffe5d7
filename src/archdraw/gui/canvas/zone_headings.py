"""Zone titles far out: on a label over the boxes, where the zones' own headings cannot be read.

A zone draws its title itself, grown to stay readable, while the band above
its members holds it (ZoneItem). Further out (a big design at Fit), the
boxes are a few pixels wide and the zones are the one structure left to
read, so their titles are drawn here instead: on top, at READABLE_PX on
screen, at each zone's top-left corner, outer zones first; a title that
would cover one already placed, or that the zone is too narrow for, is left
to the zone's tooltip.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from archdraw.drawing.faces import READABLE_PX
from archdraw.drawing.text_metrics import fit, text_width
from archdraw.layout import clean_text
from archdraw.style import Theme

from .text import draw_label
from .zone_item import LARGE_HEADING_MAX, ZoneItem

MIN_LETTERS = 3  # a title cut shorter than this says nothing
PADDING = 0.4  # of the text size, round the text


def heading_size(scale: float) -> float | None:
    """The size of a far zone title at `scale`; None while the zones draw their own."""
    size = READABLE_PX / (scale or 1.0)
    return size if size > LARGE_HEADING_MAX else None


class ZoneHeadings(QGraphicsItem):
    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.setZValue(31)  # over boxes (10), focus labels (25) and findings markers (30)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.view_scale = 1.0
        self.zones: Mapping[str, ZoneItem] = {}
        self._pills: list[tuple[QRectF, str]] = []

    def follow(self, zones: Mapping[str, ZoneItem]) -> None:
        self.zones = zones
        self._measure()

    def set_scale(self, scale: float) -> None:
        if scale != self.view_scale:
            self.view_scale = scale
            self._measure()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def shown(self) -> list[tuple[QRectF, str]]:
        """The titles drawn now, with their labels' rectangles in scene coordinates."""
        return list(self._pills)

    def _measure(self) -> None:
        size = heading_size(self.view_scale)
        pills: list[tuple[QRectF, str]] = []
        for item in sorted(self.zones.values(), key=lambda z: (z.depth, z.zone_id)):
            if size is None or item.rect.isEmpty():
                continue
            pad = size * PADDING
            room = item.rect.width() - 2 * pad
            text = fit(clean_text(item.title, 400), room, size, True)
            if len(text.rstrip("…")) < min(MIN_LETTERS, len(item.title)):
                continue
            width = text_width(text, size, True) + 2 * pad
            rect = QRectF(item.rect.left(), item.rect.top(), width, size + 2 * pad)
            if not any(rect.intersects(other) for other, _ in pills):
                pills.append((rect, text))
        if pills == self._pills:
            return
        self.prepareGeometryChange()
        self._pills = pills
        self.update()

    def boundingRect(self) -> QRectF:
        bounds = QRectF()
        for rect, _ in self._pills:
            bounds = bounds.united(rect)
        return bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        size = heading_size(painter.worldTransform().m11())
        if size is None:
            return
        background = QColor(self.theme.background)
        background.setAlphaF(0.88)
        ink, edge = QColor(self.theme.text), QColor(self.theme.zone_stroke)
        for rect, text in self._pills:
            draw_label(painter, rect, text, size, ink, edge, background, bold=True, centred=False)
