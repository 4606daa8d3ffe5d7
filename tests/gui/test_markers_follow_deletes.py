"""A deleted component's or link's findings marker goes with it, and comes back on undo.
Found under Xvfb: after pasting a cache and deleting it, its orange marker stayed on the
canvas, over the cache it was copied from, for good."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt

from archdraw.gui.main_window import MainWindow

from .conftest import load_into, send_mouse
from .test_panels import LINTED


def _linted(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.lint.busy, timeout=3000)


def _click(window: MainWindow, point: tuple[float, float]) -> None:
    send_mouse(window, QEvent.Type.MouseButtonPress, point)
    send_mouse(window, QEvent.Type.MouseButtonRelease, point)


def _delete_key(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Delete)


def test_a_deleted_component_takes_its_marker(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, LINTED)
    window.lint.run_now()
    markers = window.scene.markers.markers
    assert markers[("component", "db")].count == 3
    centre = window.scene.components["db"].sceneBoundingRect().center()
    _click(window, (centre.x(), centre.y()))
    assert window.scene.selected_component_ids() == ["db"]
    _delete_key(window, qtbot)
    assert window.document.design.component("db") is None
    # At once, and after the lint has caught up.
    assert ("component", "db") not in markers and ("link", "api->db") not in markers
    _linted(window, qtbot)
    assert ("component", "db") not in markers and ("link", "api->db") not in markers
    assert ("component", "db") not in window.scene.drawing.markers
    window.actions_by_name["undo"].trigger()
    _linted(window, qtbot)
    assert markers[("component", "db")].count == 3
    assert ("link", "api->db") in markers


def test_undone_before_the_lint_runs_the_marker_comes_back(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, LINTED)
    window.lint.run_now()
    markers = window.scene.markers.markers
    window.scene.select_ids(["db"])
    _delete_key(window, qtbot)
    window.actions_by_name["undo"].trigger()  # the lint sees the design as it was: no change
    _linted(window, qtbot)
    assert markers[("component", "db")].count == 3
    assert ("link", "api->db") in markers


def test_a_deleted_link_takes_its_marker(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, LINTED)
    window.lint.run_now()
    markers = window.scene.markers.markers
    assert ("link", "api->db") in markers
    window.scene.select_ids(["api->db"])
    _delete_key(window, qtbot)
    assert ("link", "api->db") not in markers
    _linted(window, qtbot)
    assert ("link", "api->db") not in markers
    window.actions_by_name["undo"].trigger()
    _linted(window, qtbot)
    assert ("link", "api->db") in markers
