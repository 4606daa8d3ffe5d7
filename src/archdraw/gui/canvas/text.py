"""Drawing the Drawing's text with Qt: sizes in scene pixels, positions at baselines."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from archdraw.layout import Rect
from archdraw.style import LABEL_FONT

_FONTS: dict[tuple[float, bool, int], QFont] = {}


def font(size: float, bold: bool, dpi: int) -> QFont:
    """LABEL_FONT at `size` scene pixels on a device of `dpi` (as the SVG's font-size)."""
    key = (size, bold, dpi)
    found = _FONTS.get(key)
    if found is None:
        found = QFont(LABEL_FONT)
        found.setPointSizeF(size * 72 / max(dpi, 1))
        found.setBold(bold)
        _FONTS[key] = found
    return found


def draw_run(
    painter: QPainter,
    x: float,
    y: float,
    text: str,
    size: float,
    bold: bool,
    colour: QColor,
    centred: bool = False,
) -> None:
    """`text` with its baseline at `y`, starting at `x` (centred on `x` when `centred`)."""
    chosen = font(size, bold, painter.device().logicalDpiY())
    painter.setFont(chosen)
    painter.setPen(colour)
    if centred:
        x -= QFontMetricsF(chosen).horizontalAdvance(text) / 2
    painter.drawText(QPointF(x, y), text)


# A baseline this far (times the size) below a line's middle centres lowercase text on it.
MIDDLE_TO_BASELINE = 0.36


def draw_label(
    painter: QPainter,
    rect: QRectF,
    text: str,
    size: float,
    ink: QColor,
    edge: QColor,
    background: QColor,
    bold: bool = False,
    centred: bool = True,
) -> None:
    """`text` on a rounded label filling `rect`: centred on it, or from its left padding."""
    painter.setPen(edge)
    painter.setBrush(background)
    radius = rect.height() / 4
    painter.drawRoundedRect(rect, radius, radius)
    baseline = rect.center().y() + size * MIDDLE_TO_BASELINE
    x = rect.center().x() if centred else rect.left() + (rect.height() - size) / 2
    draw_run(painter, x, baseline, text, size, bold, ink, centred)


def pixmap_ratio(painter: QPainter, scale: float) -> float:
    """Device pixels per scene pixel for a cached picture: whole steps, 1 to 4."""
    return min(4.0, max(1.0, -(-scale * painter.device().devicePixelRatioF() // 1)))


def scene_rect(rect: Rect) -> QRectF:
    return QRectF(rect.x0, rect.y0, rect.width, rect.height)
