"""The canvas badge and hover say how many instances a component runs and what that rests on:
a count from `zones` is drawn outlined and the hover says "one per zone"; stating `replicas`
in the Properties panel turns it into a filled badge and a stated count."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QSpinBox

from archdraw.drawing import face

from .conftest import hover_text, load_into, property_field

DESIGN = """
archdraw: 1
name: badges
components:
  - {id: api, type: service, label: Orders API, position: [0, 0], props: {replicas: 3}}
  - {id: db, type: database, label: Orders DB, position: [300, 0], props: {zones: 3}}
"""


def _hover(window, qtbot, component_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Rest the mouse on the component's box and read the tooltip's lines."""
    spot = window.view.mapFromScene(window.scene.components[component_id].pos())
    return hover_text(window, qtbot, spot).splitlines()


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


CORNER = """
archdraw: 1
name: corner
components:
  - {id: web, type: service, label: Web, position: [240, -300]}
  - {id: api, type: service, label: API, position: [0, 0], props: {replicas: 1}}
links:
  - {from: web, to: api}
"""


def test_a_badge_stated_in_the_panel_moves_the_arrowhead_off_it(window, qtbot):  # type: ignore[no-untyped-def]
    """The link enters the top side by the corner; once `replicas: 4` draws a badge there,
    the canvas's arrowhead slides left of it, and undo brings it back."""
    load_into(window, CORNER)
    item = window.scene.links["web->api"]

    def arrow_right_edge() -> float:
        return item.arrow.boundingRect().right()

    before = arrow_right_edge()
    box = window.scene.drawing.boxes["api"].rect
    assert box.x1 - 20 < before <= box.x1  # by the corner: where the badge will be
    window.scene.select_ids(["api"])
    replicas = property_field(window, "replicas", QSpinBox)
    replicas.setFocus()
    replicas.selectAll()
    qtbot.keyClicks(replicas, "4")
    qtbot.keyClick(replicas, Qt.Key.Key_Return)
    assert window.document.design.component("api").props["replicas"] == 4
    badge = window.scene.drawing.boxes["api"].badge
    assert badge is not None
    qtbot.waitUntil(lambda: arrow_right_edge() < badge.x0)
    path = window.scene.drawing.links["web->api"].path
    assert path is not None and item.arrow.boundingRect().top() < box.y0  # the top side still
    assert [(p.x(), p.y()) for p in item.arrow] == list(path.arrowhead())
    window.stack.undo()
    qtbot.waitUntil(lambda: arrow_right_edge() == before)
