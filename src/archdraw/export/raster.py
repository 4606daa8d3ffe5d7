"""PNG and PDF: the SVG export drawn by Qt's SVG renderer, offscreen, never in a window.

The one core module allowed to import PySide6. With no display, Qt aborts the
process when it creates an application on the default platform, so the
`offscreen` platform is chosen before a QGuiApplication is created (only when
none exists: inside the editor, its application is used).

The same SVG gives the same PNG and PDF bytes in every run, as the SVG export does for a
design (exported pictures are committed beside designs): see `svg_to_pdf` for what Qt
would otherwise vary.
"""

from __future__ import annotations

import math
import os
import re
import sys
import uuid
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QHashSeed,
    QIODevice,
    QMarginsF,
    QRectF,
    QSizeF,
    QUuid,
)
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtSvg import QSvgRenderer

# A headless export needs an application for fonts; kept alive for the process.
_application: list[Any] = []
# Beyond these, images take minutes and many viewers refuse them: the scale is lowered.
MAX_SIDE = 32_000
MAX_PIXELS = 200_000_000


class RasterError(Exception):
    """The image could not be made (too big, or the SVG did not render)."""


def has_display() -> bool:
    if sys.platform != "linux" and not sys.platform.startswith("freebsd"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def ensure_application() -> None:
    """A Qt GUI application for font rendering, created headless if there is none."""
    if QCoreApplication.instance() is not None:
        return
    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _application.append(_application_class()(["archdraw-export"]))


def _application_class() -> type[QGuiApplication]:
    # A QApplication (not a bare QGuiApplication) so that a process which exports
    # first and shows widgets later (a script, a test session) does not abort:
    # Qt refuses widgets when the one application object is only a GUI application.
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError:
        return QGuiApplication
    return QApplication


def _renderer(svg: str) -> tuple[QSvgRenderer, QSizeF]:
    ensure_application()
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        raise RasterError("the SVG could not be rendered")
    size = renderer.defaultSize()
    return renderer, QSizeF(max(1, size.width()), max(1, size.height()))


def fitted_scale(width: float, height: float, scale: float) -> float:
    """`scale`, lowered if needed so the image stays within MAX_SIDE and MAX_PIXELS."""
    limit = min(MAX_SIDE / max(width, 1.0), MAX_SIDE / max(height, 1.0))
    limit = min(limit, math.sqrt(MAX_PIXELS / max(width * height, 1.0)))
    return min(scale, limit)


def svg_to_png(svg: str, scale: float = 2.0, background: str | None = None) -> bytes:
    """The SVG as PNG bytes, `scale` device pixels per SVG pixel (2 for HiDPI).

    Drawings too big for that scale are drawn smaller (see fitted_scale).
    """
    if not 0 < scale <= 16:
        raise RasterError(f"scale must be above 0 and at most 16, not {scale:g}")
    renderer, size = _renderer(svg)
    scale = fitted_scale(size.width(), size.height(), scale)
    width, height = max(1, round(size.width() * scale)), max(1, round(size.height() * scale))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(background) if background else QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # The stubs ask for bytes, but PySide6 only accepts a str format at run time.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise RasterError("Qt could not encode the PNG")
    return bytes(buffer.data().data())


def svg_to_pdf(svg: str, title: str = "archdraw design") -> bytes:
    """The SVG as a one-page vector PDF the size of the drawing (1 SVG pixel = 1 point).

    Reproducible: Qt writes the embedded fonts in the order of a hash table whose seed is
    random per process, so the seed is fixed while the PDF is made; the document id (XMP
    and the trailer's /ID) is derived from the SVG and title rather than random; and the
    clock's dates are replaced (`_dated`)."""
    when = source_date()
    renderer, size = _renderer(svg)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    random_seed = os.environ.get("QT_HASH_SEED") != "0"  # else the process asked for 0
    QHashSeed.setDeterministicGlobalSeed()  # tables made from here on; others keep theirs
    try:
        writer = QPdfWriter(buffer)
        writer.setTitle(title)
        writer.setCreator("archdraw")
        writer.setDocumentId(QUuid(str(uuid.uuid5(_PDF_IDS, f"{title}\0{svg}"))))
        writer.setPageLayout(
            QPageLayout(
                QPageSize(
                    size, QPageSize.Unit.Point, "drawing", QPageSize.SizeMatchPolicy.ExactMatch
                ),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
        )
        painter = QPainter()
        if not painter.begin(writer):
            raise RasterError("Qt could not start the PDF")
        page = writer.pageLayout().paintRectPixels(writer.resolution())
        renderer.render(painter, QRectF(0, 0, page.width(), page.height()))
        painter.end()
    finally:
        if random_seed:
            QHashSeed.resetRandomGlobalSeed()
    return _dated(bytes(buffer.data().data()), when)


_PDF_IDS = uuid.uuid5(uuid.NAMESPACE_URL, "archdraw:pdf-export")
# Qt stamps the PDF's information dictionary and its XMP metadata with the clock.
_INFO_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:[^)]*\)")
_XMP_DATE = re.compile(rb'xmp:(CreateDate|ModifyDate|MetadataDate)="[^"]*"')


def source_date() -> datetime | None:
    """`SOURCE_DATE_EPOCH` (the reproducible-builds convention) as a UTC time, if set."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise RasterError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {value!r}")
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (OverflowError, OSError, ValueError):
        raise RasterError(f"SOURCE_DATE_EPOCH is out of range: {value}") from None


def _dated(pdf: bytes, when: datetime | None) -> bytes:
    """Qt's dates replaced by `when`, or removed when it is None. Each replacement has the
    length of what it replaces, padded with blanks (whitespace between PDF tokens and
    between XML attributes), so the byte offsets in the cross-reference table stay right."""

    def info(match: re.Match[bytes]) -> bytes:
        stamp = f"D:{when:%Y%m%d%H%M%S}Z" if when else ""
        return _padded(f"/{match[1].decode()} ({stamp})" if when else "", match[0])

    def xmp(match: re.Match[bytes]) -> bytes:
        stamp = f"{when:%Y-%m-%dT%H:%M:%S}Z" if when else ""
        return _padded(f'xmp:{match[1].decode()}="{stamp}"' if when else "", match[0])

    return _XMP_DATE.sub(xmp, _INFO_DATE.sub(info, pdf))


def _padded(text: str, original: bytes) -> bytes:
    data = text.encode("ascii")
    if len(data) > len(original):  # never: Qt's own stamp in UTC is as long, others longer
        data = b""
    return data.ljust(len(original))
