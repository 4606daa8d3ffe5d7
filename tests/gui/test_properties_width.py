"""The Properties form reads whole at 1366 x 768: in the narrow dock each label goes over
its field and the field takes the dock's width; a wide dock puts them side by side; the
wheel scrolls the form instead of changing the fields that pass under the pointer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from archdraw.gui.main_window import MainWindow

from .conftest import property_field

UBER = Path(__file__).resolve().parents[2] / "sample_designs" / "uber.archdraw.yaml"


def _open_at_1366(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1366, 768)
    qtbot.wait(20)
    window._size_docks()  # as a first start at this size lays them out
    qtbot.wait(20)
    assert window.files.open_path(UBER)
    qtbot.waitUntil(lambda: "trips_db" in window.scene.components)
    window.scene.select_ids(["trips_db"])
    qtbot.wait(20)


def _label(window: MainWindow, field: QWidget) -> QLabel:
    label = window.properties.form.labelForField(field)
    assert isinstance(label, QLabel)
    return label


def _shows_whole(widget: QWidget, text: str) -> bool:
    return widget.fontMetrics().horizontalAdvance(text) < widget.contentsRect().width() - 8


def test_the_form_reads_whole_in_the_dock_of_a_1366_window(window, qtbot):  # type: ignore[no-untyped-def]
    _open_at_1366(window, qtbot)
    dock = window.findChild(QDockWidget, "dock-properties")
    assert dock is not None and dock.width() <= 300  # the dock stays narrow: the canvas gets it
    kind = property_field(window, "type", QComboBox)
    label = property_field(window, "label", QLineEdit)
    qtbot.waitUntil(lambda: _label(window, kind).geometry().bottom() < kind.geometry().top())
    assert _shows_whole(kind, "Relational database") and kind.currentText() == (
        "Relational database"
    )
    assert _shows_whole(label, "Trips (sharded)")
    viewport = window.properties.form_scroll.viewport()
    for name, field in window.properties.fields.items():
        words = _label(window, field)
        # Over its field, inside the visible width, and tall enough for all its lines.
        assert words.geometry().bottom() < field.geometry().top(), name
        assert field.geometry().right() <= viewport.width(), name
        assert words.geometry().right() <= viewport.width(), name
        assert words.height() >= words.heightForWidth(words.width()), name
        if words.fontMetrics().horizontalAdvance(words.text()) < words.width():
            assert words.height() < 2 * words.fontMetrics().height(), name  # one line


def test_a_wide_dock_puts_each_label_beside_its_field(window, qtbot):  # type: ignore[no-untyped-def]
    _open_at_1366(window, qtbot)
    dock = window.findChild(QDockWidget, "dock-properties")
    assert dock is not None
    window.resizeDocks([dock], [520], Qt.Orientation.Horizontal)  # as Analyze widens it
    kind = property_field(window, "type", QComboBox)
    qtbot.waitUntil(lambda: _label(window, kind).geometry().right() < kind.geometry().left())
    words = _label(window, kind)
    assert words.geometry().top() < kind.geometry().bottom()  # on the same row
    assert _shows_whole(kind, "Relational database")
    window.resizeDocks([dock], [250], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: _label(window, kind).geometry().bottom() < kind.geometry().top())


def _wheel_down(field: QWidget) -> QWheelEvent:
    centre = QPointF(field.rect().center())
    return QWheelEvent(
        centre,
        QPointF(field.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),  # down
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )


def test_the_wheel_scrolls_the_form_past_choices_and_numbers(window, qtbot):  # type: ignore[no-untyped-def]
    _open_at_1366(window, qtbot)
    kind = property_field(window, "type", QComboBox)
    bar = window.properties.form_scroll.verticalScrollBar()
    assert bar.maximum() > 0  # more rows than the dock shows
    before = bar.value()
    for _ in range(3):
        QApplication.sendEvent(kind, _wheel_down(kind))
        qtbot.wait(10)
    assert bar.value() > before
    assert window.document.design.component("trips_db").type == "database"
    assert window.stack.count() == 0


def test_the_wheel_over_the_field_just_clicked_scrolls_the_form_too(window, qtbot):  # type: ignore[no-untyped-def]
    """Clicking a choice or number and then scrolling the panel, with the pointer still over
    it, changed its value (one undo step a notch) instead of scrolling."""
    _open_at_1366(window, qtbot)
    bar = window.properties.form_scroll.verticalScrollBar()
    for name, kind in (("type", QComboBox), ("replicas", QSpinBox)):
        field = property_field(window, name, kind)
        window.properties.form_scroll.ensureWidgetVisible(field)
        qtbot.wait(10)
        if isinstance(field, QComboBox):
            field.setFocus()  # tabbed to (a click would open its list)
        else:
            qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=QPoint(8, field.height() // 2))
        qtbot.waitUntil(field.hasFocus)
        bar.setValue(0)
        window.properties.form_scroll.ensureWidgetVisible(field)
        before, shown = bar.value(), field.text() if isinstance(field, QSpinBox) else None
        for _ in range(2):
            QApplication.sendEvent(field, _wheel_down(field))
            qtbot.wait(10)
        assert bar.value() > before or bar.value() == bar.maximum(), name
        if isinstance(field, QSpinBox):
            assert field.text() == shown
    trips = window.document.design.component("trips_db")
    assert trips.type == "database" and trips.props["replicas"] == 48  # as the file states
    assert window.stack.count() == 0
