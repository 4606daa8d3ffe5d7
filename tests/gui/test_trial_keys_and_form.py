"""What a first-time user met driving the editor under X11: Ctrl+Y (the README's second
Redo key) did nothing, because Qt binds only Ctrl+Shift+Z there; and selecting another
component showed its form scrolled as far down as the last one, its id and label hidden."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox

from archdraw.gui.actions import redo_keys

from .conftest import load_into, property_field, replicas_field, type_into

CTRL = Qt.KeyboardModifier.ControlModifier


def test_redo_answers_both_keys_whatever_the_platform_binds(qapp) -> None:  # type: ignore[no-untyped-def]
    keys = redo_keys()
    assert QKeySequence("Ctrl+Y") in keys and QKeySequence("Ctrl+Shift+Z") in keys
    assert len(keys) == len(set(k.toString() for k in keys))


def test_ctrl_y_redoes_a_property_edit(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    field = replicas_field(window, qtbot)
    QTest.keyClicks(field, "4")
    QTest.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document.design.component("api").props.get("replicas") == 4)
    view = window.view.viewport()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))  # the canvas, empty
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: "replicas" not in window.document.design.component("api").props)
    QTest.keyClick(view, Qt.Key.Key_Y, CTRL)
    qtbot.waitUntil(lambda: window.document.design.component("api").props.get("replicas") == 4)
    assert window.stack.index() == 1


def test_another_component_s_form_starts_at_its_top(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1300, 600)  # a form taller than its dock: it scrolls
    load_into(window)
    window.scene.select_ids(["api"])
    property_field(window, "replicas", QAbstractSpinBox)
    bar = window.properties.form_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(60)
    window.scene.select_ids(["cache"])
    property_field(window, "hit_ratio", QAbstractSpinBox)  # waits for the form's rebuild
    assert bar.value() == 0


def test_history_names_the_element_a_property_was_set_on(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window)
    for component_id in ("api", "inner"):
        window.scene.select_ids([component_id])
        field = property_field(window, "replicas", QAbstractSpinBox)
        type_into(field, "2")
        qtbot.waitUntil(
            lambda c=component_id: window.document.design.component(c).props.get("replicas") == 2
        )
    texts = [window.stack.text(i) for i in range(window.stack.count())]
    assert texts == ["Set replicas of api", "Set replicas of inner"]


def test_a_whole_number_typed_in_a_number_field_is_saved_as_typed(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from archdraw.io import dumps

    load_into(window)
    window.scene.select_ids(["api"])
    field = property_field(window, "capacity_rps", QAbstractSpinBox)
    type_into(field, "500")
    qtbot.waitUntil(lambda: "capacity_rps" in window.document.design.component("api").props)
    assert "props: {capacity_rps: 500}" in dumps(window.document.design)  # not 500.0
    window.scene.select_ids(["cache"])
    field = property_field(window, "hit_ratio", QAbstractSpinBox)
    type_into(field, "0.75")
    qtbot.waitUntil(
        lambda: window.document.design.component("cache").props.get("hit_ratio") == 0.75
    )
