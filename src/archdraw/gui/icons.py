"""Qt icons and pixmaps drawn from the shared Lucide SVGs of `archdraw.style`.

Pixmaps are cached per (icon, colour, size, device pixel ratio): the canvas
paints thousands of components and rendering SVG on every paint is slow.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from archdraw.style import icon_svg


@functools.cache
def _renderer(name: str, colour: str) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(icon_svg(name, colour, 24.0).encode()))


@functools.cache
def icon_pixmap(name: str, colour: str, size: int, ratio: float = 2.0) -> QPixmap:
    """The icon as a transparent pixmap `size` logical pixels square, sharp at `ratio`."""
    side = max(1, round(size * ratio))
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _renderer(name, colour).render(painter, QRectF(0, 0, side, side))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def qicon(name: str, colour: str) -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32):
        icon.addPixmap(icon_pixmap(name, colour, size))
    return icon
