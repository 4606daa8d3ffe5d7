"""The canvas badge and hover say how many instances a component runs and what that rests on:
a count from `zones` is drawn outlined and the hover says "one per zone"; stating `replicas`
in the Properties panel turns it into a filled badge and a stated count."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import QSpinBox, QToolTip

from archdraw.drawing import face

from .conftest import load_into, property_field

DESIGN = """
archdraw: 1
name: badges
components:
  - {id: api, type: service, label: Orders API, position: [0, 0], props: {replicas: 3}}
  - {id: db, type: database, label: Orders DB, position: [300, 0], props: {zones: 3}}
"""


def _hover(window, qtbot, component_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Rest the mouse on the component's box and read the tooltip's lines."""
    QToolTip.hideText()
    qtbot.wait(50)
    spot = window.view.mapFromScene(window.scene.components[component_id].pos())
    viewport = window.view.viewport()
    qtbot.mouseMove(viewport, spot + QPoint(3, 0))
    qtbot.wait(30)
    qtbot.mouseMove(viewport, spot)
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    document = QTextDocument()
    document.setHtml(QToolTip.text())
    return document.toPlainText().splitlines()


def _pill_colour(window, component_id: str) -> QColor:  # type: ignore[no-untyped-def]
    """The colour painted inside the badge's pill, left of its text."""
    item = window.scene.components[component_id]
    pill = face(item.look, "full").badge
    assert pill is not None
    box = window.scene.drawing.boxes[component_id].rect
    spot = window.view.mapFromScene(QPointF(box.x0 + pill.x0 + 3, box.y0 + pill.centre[1]))
    image = window.view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    return QColor(image.pixel(int(spot.x() * ratio), int(spot.y() * ratio)))


def _near(colour: QColor, spelled: str) -> bool:
    want = QColor(spelled)
    pairs = zip(colour.getRgb()[:3], want.getRgb()[:3], strict=True)
    return all(abs(a - b) <= 24 for a, b in pairs)


def test_hover_and_badge_say_what_the_count_rests_on(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, DESIGN)
    window.view.centerOn(QPointF(150, 0))
    qtbot.wait(30)
    theme = window.scene.theme
    storage, compute = theme.category("storage"), theme.category("compute")

    assert _hover(window, qtbot, "db") == [
        "Orders DB",
        window.scene.components["db"].look.type_label,
        "3 instances, one per zone (`replicas` not stated)",
        "id: db",
    ]
    assert _hover(window, qtbot, "api")[2] == "3 instances (stated)"
    assert _near(_pill_colour(window, "api"), compute.accent)  # filled
    assert _near(_pill_colour(window, "db"), theme.background)  # outlined

    window.scene.select_ids(["db"])
    replicas = property_field(window, "replicas", QSpinBox)
    replicas.setFocus()
    replicas.selectAll()
    qtbot.keyClicks(replicas, "3")
    qtbot.keyClick(replicas, Qt.Key.Key_Return)
    assert window.document.design.component("db").props["replicas"] == 3
    window.scene.clearSelection()
    qtbot.wait(30)
    assert _hover(window, qtbot, "db")[2] == "3 instances (stated)"
    assert _near(_pill_colour(window, "db"), storage.accent)

    window.stack.undo()
    qtbot.wait(30)
    assert _hover(window, qtbot, "db")[2] == "3 instances, one per zone (`replicas` not stated)"
    assert _near(_pill_colour(window, "db"), theme.background)
