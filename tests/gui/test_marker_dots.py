"""Zoomed far out, the findings markers are drawn from one picture: still each in its place,
in its severity's colour."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from .conftest import load_into

# Three services far apart, each on its own: every one has findings.
SPREAD = """
archdraw: 1
name: spread
components:
  - {id: web, type: client, position: [0, 0], props: {rps: 100}}
  - {id: a, type: service, position: [3000, 0]}
  - {id: b, type: service, position: [6000, 2000]}
links:
  - {from: web, to: a}
  - {from: a, to: b}
"""


def _pixel_at(window, point: QPointF) -> QColor:  # type: ignore[no-untyped-def]
    image = window.view.viewport().grab().toImage()
    spot = window.view.mapFromScene(point)
    return QColor(image.pixel(spot.x(), spot.y()))


def _close(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) < 40


def test_far_out_every_marker_is_a_dot_of_its_severity(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, SPREAD)
    window.lint.run_now()
    qtbot.wait(20)
    markers = window.scene.markers
    assert len(markers.markers) >= 2
    window.view.fit()
    qtbot.wait(20)
    assert window.view.scale_factor() < 0.2  # far enough out that no count is readable
    for marker in markers.markers.values():
        colour = QColor(window.theme.severity[marker.severity])
        assert _close(_pixel_at(window, QPointF(*marker.centre)), colour), marker
