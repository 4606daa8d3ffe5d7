"""Link labels that stay readable when zoomed out, for the links the user is looking at.

Below the zoom where a label's 11 px text drops under READABLE_PX on screen, the
links draw no labels (hundreds of tiny pills would be noise). The labels of
the links in focus (the one under the pointer, the selected ones, and those of
the selected components) are drawn here instead, at READABLE_PX on screen,
centred where the Drawing placed them or, when a grown label would cover a
box or another label or hide a zone's title, moved up or down by a line or two
to a free spot if there is one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from archdraw.drawing import Drawing
from archdraw.drawing.faces import READABLE_PX
from archdraw.drawing.parts import LINK_LABEL_SIZE
from archdraw.drawing.text_metrics import text_width
from archdraw.layout import Rect
from archdraw.style import Theme

from .text import draw_label

PILL_PADDING = 5.0  # each side, at LINK_LABEL_SIZE
PILL_HEIGHT = 18.0  # at LINK_LABEL_SIZE
# More links in focus than this (a large selection) and only the hovered one is labelled:
# a crowd of grown labels cannot be read, and placing each against the others is quadratic.
MAX_FOCUS = 40
SHIFTS = (0.0, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0)  # in pill heights, tried in turn


def focus_size(scale: float) -> float | None:
    """The label size that reads at `scale`; None when the links' own labels already do."""
    if LINK_LABEL_SIZE * scale >= READABLE_PX:
        return None
    return READABLE_PX / (scale or 1.0)


class FocusLabels(QGraphicsItem):
    def __init__(self, theme: Theme, drawing: Callable[[], Drawing]) -> None:
        """`drawing` gives the scene's current Drawing (a new one after each rebuild)."""
        super().__init__()
        self.theme = theme
        self.setZValue(25)  # over boxes (10), under findings markers (30)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.view_scale = 1.0
        self.hovered: str | None = None
        self.chosen: frozenset[str] = frozenset()
        self.drawing = drawing
        self._pills: list[tuple[QRectF, str, str]] = []  # rect, text, link kind

    def refresh(self) -> None:
        """Follow the links and boxes as the Drawing has them now (after an edit, a frame)."""
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
        keys = set(self.chosen) if len(self.chosen) <= MAX_FOCUS else set()
        keys |= {self.hovered} if self.hovered else set()
        pills: list[tuple[QRectF, str, str]] = []
        drawing = self.drawing()
        for key in sorted(keys):
            if size is None:
                break
            drawn = drawing.links.get(key)
            if drawn is None or drawn.label is None:
                continue
            grow = size / LINK_LABEL_SIZE
            width = text_width(drawn.label.text, size) + 2 * PILL_PADDING * grow
            x, y = drawn.label.rect.centre
            height = PILL_HEIGHT * grow
            rect = QRectF(x - width / 2, y - height / 2, width, height)
            placed = [r for r, _, _ in pills]
            candidates = [rect.translated(0, shift * height) for shift in SHIFTS]
            rect = min(candidates, key=lambda spot: self._covered(spot, placed))
            pills.append((rect, drawn.label.text, drawn.kind))
        if pills == self._pills:
            return  # a drag frame away from any label in focus
        self.prepareGeometryChange()
        self._pills = pills
        self.update()

    def _covered(self, spot: QRectF, placed: list[QRectF]) -> tuple[bool, float]:
        """Whether `spot` would hide a zone's title (worse than any overlap, as for the
        Drawing's own labels), then how much of boxes and of labels already placed it would
        cover (a free spot: (False, 0); the first free one in SHIFTS order wins, as min keeps
        the first of equals)."""
        drawing = self.drawing()
        others = [drawing.boxes[k].rect for k in drawing.boxes_meeting(_rect(spot))]
        area = 0.0
        for other in [*(QRectF(b.x0, b.y0, b.width, b.height) for b in others), *placed]:
            overlap = spot.intersected(other)
            area += overlap.width() * overlap.height()
        return drawing.hides_zone_title(_rect(spot)), area

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
            draw_label(painter, rect, text, size, colour, colour, background)


def _rect(rect: QRectF) -> Rect:
    return Rect(rect.left(), rect.top(), rect.right(), rect.bottom())
