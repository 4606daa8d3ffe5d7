"""A component is clicked and rubber-banded where it is drawn (Qt's hover asks the same
shape), not in the room kept round it for repaints: a click just above a box selected it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt

from archdraw.drawing import face
from archdraw.style import NODE_HEIGHT, NODE_WIDTH

from .conftest import TWO_SERVICES, drag, load_into, viewport_point

TOP, BOTTOM = -NODE_HEIGHT / 2, NODE_HEIGHT / 2
LEFT, RIGHT = -NODE_WIDTH / 2, NODE_WIDTH / 2


def _click(window, qtbot, point: tuple[float, float]) -> list[str]:  # type: ignore[no-untyped-def]
    """Click the canvas at this scene point (api sits at 0, 0); what is selected after."""
    window.scene.clearSelection()
    spot = viewport_point(window, point)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.wait(10)
    return window.scene.selected_component_ids()


def test_a_click_just_outside_the_box_selects_nothing(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    assert window.view.scale_factor() == 1.0  # scene pixels are screen pixels
    outside = [(-30, TOP - 4), (0, TOP - 9), (LEFT - 4, 10), (RIGHT - 40, BOTTOM + 3)]
    # Past the band along the border where a press starts a link instead (EDGE_BAND).
    inside = [(-30, TOP + 9), (0, TOP + 12), (LEFT + 9, 10), (RIGHT - 40, BOTTOM - 9)]
    for point in outside:
        assert _click(window, qtbot, point) == [], point
    for point in inside:
        assert _click(window, qtbot, point) == ["api"], point


def test_the_badge_and_the_hover_handle_are_part_of_the_box(window, qtbot):  # type: ignore[no-untyped-def]
    replicated = "{id: api, type: service, position: [0, 0]}"
    load_into(window, TWO_SERVICES.replace(replicated, replicated[:-1] + ", props: {replicas: 3}}"))
    item = window.scene.components["api"]
    pill = face(item.look, "full").badge
    assert pill is not None  # a service shows how many instances run
    badge = QRectF(LEFT + pill.x0, TOP + pill.y0, pill.width, pill.height)
    assert badge.top() < TOP  # it stands out over the box's top edge
    # A press on the badge is in the border's band: it starts a link from api (to nowhere).
    spot = viewport_point(window, (badge.center().x(), badge.top() + 2))
    assert window.view.itemAt(spot) is item
    assert _click(window, qtbot, (badge.left() - 6, TOP - 4)) == []  # beside it: nothing
    assert window.view.itemAt(viewport_point(window, (RIGHT + 4, 0))) is item  # the handle
    assert window.view.itemAt(viewport_point(window, (RIGHT + 4, -20))) is None


def test_a_rubber_band_takes_the_box_only_where_it_is_drawn(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    item = window.scene.components["api"]
    # A band that ends just above the box leaves it out; one just inside takes it.
    drag(window, (-200, -150), (RIGHT + 20, TOP - 4), steps=6)
    assert window.scene.selected_component_ids() == []
    drag(window, (-200, -150), (RIGHT + 20, TOP + 4), steps=6)
    assert window.scene.selected_component_ids() == ["api"]
    assert item.sceneBoundingRect().contains(QPointF(-30, TOP - 5))  # still repainted there
