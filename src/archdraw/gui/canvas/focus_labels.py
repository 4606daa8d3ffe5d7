"""Link labels that stay readable when zoomed out, for the links the user is looking at.

Below the zoom where a label's 11 px text drops under READABLE_PX on screen, the
links draw no labels (hundreds of tiny pills would be noise). The labels of
the links in focus (the one under the pointer, the selected ones, and those of
the selected components) are drawn here instead, on top, at READABLE_PX on
screen and centred where the Drawing placed them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from archdraw.drawing import LinkDrawing
from archdraw.drawing.faces import READABLE_PX
from archdraw.drawing.parts import LINK_LABEL_SIZE
from archdraw.drawing.text_metrics import text_width
from archdraw.style import Theme

from .text import draw_run

PILL_PADDING = 5.0  # each side, at LINK_LABEL_SIZE
PILL_HEIGHT = 18.0  # at LINK_LABEL_SIZE


def focus_size(scale: float) -> float | None:
    """The label size that reads at `scale`; None when the links' own labels already do."""
    if LINK_LABEL_SIZE * scale >= READABLE_PX:
        return None
    return READABLE_PX / (scale or 1.0)


class FocusLabels(QGraphicsItem):
    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.setZValue(25)  # over boxes (10), under findings markers (30)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.view_scale = 1.0
        self.hovered: str | None = None
        self.chosen: frozenset[str] = frozenset()
        self.links: Mapping[str, LinkDrawing] = {}
        self._pills: list[tuple[QRectF, str, str]] = []  # rect, text, link kind

    def follow(self, links: Mapping[str, LinkDrawing]) -> None:
        self.links = links
        self._measure()

    def set_scale(self, scale: float) -> None:
        self.view_scale = scale
        self._measure()

    def set_hovered(self, key: str | None) -> None:
        if key != self.hovered:
            self.hovered = key
            self._measure()

    def set_chosen(self, keys: Iterable[str]) -> None:
        chosen = frozenset(keys)
        if chosen != self.chosen:
            self.chosen = chosen
            self._measure()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def shown(self) -> list[tuple[QRectF, str]]:
        """The pills drawn now, in scene coordinates, with their text."""
        return [(rect, text) for rect, text, _ in self._pills]

    def _measure(self) -> None:
        size = focus_size(self.view_scale)
        keys = set(self.chosen) | ({self.hovered} if self.hovered else set())
        pills = []
        for key in sorted(keys):
            if size is None:
                break
            drawn = self.links.get(key)
            if drawn is None or drawn.label is None:
                continue
            grow = size / LINK_LABEL_SIZE
            width = text_width(drawn.label.text, size) + 2 * PILL_PADDING * grow
            x, y = drawn.label.rect.centre
            rect = QRectF(x - width / 2, y - PILL_HEIGHT * grow / 2, width, PILL_HEIGHT * grow)
            pills.append((rect, drawn.label.text, drawn.kind))
        self.prepareGeometryChange()
        self._pills = pills
        self.update()

    def boundingRect(self) -> QRectF:
        bounds = QRectF()
        for rect, _, _ in self._pills:
            bounds = bounds.united(rect.adjusted(-2, -2, 2, 2))
        return bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        size = focus_size(painter.worldTransform().m11())
        if size is None:
            return
        background = QColor(self.theme.background)
        background.setAlphaF(0.92)
        for rect, text, kind in self._pills:
            colour = QColor(self.theme.link(kind).colour)
            painter.setPen(colour)
            painter.setBrush(background)
            radius = rect.height() / 4
            painter.drawRoundedRect(rect, radius, radius)
            baseline = rect.center().y() + size * 0.36
            draw_run(painter, rect.center().x(), baseline, text, size, False, colour, True)
