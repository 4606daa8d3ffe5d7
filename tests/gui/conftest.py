"""Qt fixtures: offscreen platform, settings and autosave isolated per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything loads Qt

import pytest

pytest.importorskip("PySide6", reason="the editor tests need the gui extra (PySide6)")

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent, QScreen, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot

from archdraw.gui.main_window import MainWindow
from archdraw.io import loads
from archdraw.library import builtin_library

TWO_SERVICES = """
archdraw: 1
name: test
zones:
  - {id: zone-a, label: Zone A}
components:
  - {id: api, type: service, position: [0, 0]}
  - {id: db, type: database, position: [400, 0]}
  - {id: cache, type: cache, position: [0, 300]}
  - {id: inner, type: service, zone: zone-a, position: [800, 400]}
"""


@pytest.fixture(autouse=True)
def isolated_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    state = tmp_path / "state"
    monkeypatch.setenv("ARCHDRAW_STATE_DIR", str(state))
    monkeypatch.setenv("ARCHDRAW_AUTOSAVE_SECONDS", "3600")
    return state


@pytest.fixture(autouse=True)
def no_button_left_down(qtbot: QtBot) -> Iterator[None]:
    """After each test, no mouse button is down as far as Qt knows.

    `QTest.mouseDClick` on a widget ends on its second press (no release follows), so
    Qt goes on believing the button is held; and Qt shows no tooltip while a button is
    down, so every later test that hovers for one timed out, until some click released
    it. A release on a throwaway window puts Qt back to no buttons."""
    yield
    held = QGuiApplication.mouseButtons()
    if held == Qt.MouseButton.NoButton:
        return
    spot = QWidget()
    spot.resize(8, 8)
    spot.show()
    qtbot.waitExposed(spot)
    for button in (
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.RightButton,
        Qt.MouseButton.MiddleButton,
    ):
        if held & button:
            QTest.mouseRelease(spot, button, Qt.KeyboardModifier.NoModifier, QPoint(1, 1))
    spot.close()
    spot.deleteLater()
    assert QGuiApplication.mouseButtons() == Qt.MouseButton.NoButton


@pytest.fixture
def window(qtbot, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        MainWindow, "ask_save_changes", lambda self: QMessageBox.StandardButton.Discard
    )
    main = MainWindow(builtin_library(), "light")
    qtbot.addWidget(main)
    main.resize(1300, 850)
    main.show()
    qtbot.waitExposed(main)
    qtbot.wait(20)  # the docks take their first widths once the window is laid out
    yield main
    main.lint.timer.stop()


def first_start_on_screen(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, height: int, design: Path
) -> MainWindow:
    """A first start (no saved layout) on a 1366-wide screen `height` px tall, with `design`
    open: the docks take their first sizes once the window is laid out, before it opens."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1366, height))
    monkeypatch.setattr(
        MainWindow, "ask_save_changes", lambda self: QMessageBox.StandardButton.Discard
    )
    main = MainWindow(builtin_library(), "light")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    qtbot.wait(50)
    assert main.files.open_path(design)
    return main


def load_into(window: MainWindow, text: str = TWO_SERVICES) -> None:
    design = loads(text, "test.archdraw.yaml", window.library).design
    window.files.replace(design, None)
    window.view.actual_size()
    window.view.centerOn(QPointF(400, 200))
    QApplication.processEvents()


def property_field(window: MainWindow, name: str, kind: type[QWidget]) -> QWidget:
    """The Properties panel's field `name`, once the form for the selection is built.

    The panel rebuilds from the event loop, so this lets the loop run first.
    """
    panel = window.properties
    for _ in range(200):
        if not panel.rebuild_pending():
            break
        QTest.qWait(5)
    widget = panel.findChild(kind, f"prop-{name}")
    assert widget is not None, f"no field {name}"
    assert isinstance(widget, kind)
    return widget


def choose_by_keys(qtbot: QtBot, box: QComboBox, key: Qt.Key) -> None:
    """Choose the item `key` moves to, as a user does from the keyboard: the key opens a
    closed choice's list (it no longer changes the value), moves in it, and Enter chooses."""
    qtbot.keyClick(box, key)
    qtbot.waitUntil(box.view().isVisible)
    qtbot.keyClick(box.view(), key)
    qtbot.keyClick(box.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.view().isVisible())
    # The offscreen platform leaves the closed list's window active; a window manager
    # gives the keys back to the main window, as the next field's keys need.
    box.window().activateWindow()
    qtbot.waitUntil(box.window().isActiveWindow)


def type_into(field: QWidget, text: str) -> None:
    """Click-free typing as a user does it: focus the field, select its text, type, Enter."""
    field.setFocus()
    field.selectAll()  # type: ignore[attr-defined]
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)


def replicas_field(window: MainWindow, qtbot: QtBot) -> QWidget:
    """The two-service design loaded, `api` selected and its `replicas` field clicked into
    with its text selected, ready for typed keys."""
    load_into(window)
    window.activateWindow()
    qtbot.waitActive(window)
    window.scene.select_ids(["api"])
    field = property_field(window, "replicas", QAbstractSpinBox)
    qtbot.mouseClick(field.findChild(QLineEdit), Qt.MouseButton.LeftButton)
    field.selectAll()  # type: ignore[attr-defined]
    return field


def viewport_point(window: MainWindow, scene_point: QPointF | tuple[float, float]) -> QPoint:
    point = QPointF(*scene_point) if isinstance(scene_point, tuple) else scene_point
    return window.view.mapFromScene(point)


def send_mouse(
    window: MainWindow,
    kind: QEvent.Type,
    scene_point: QPointF | tuple[float, float],
    button: Qt.MouseButton = Qt.MouseButton.LeftButton,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A real QMouseEvent on the canvas viewport (buttons held while moving, as a user's drag)."""
    local = QPointF(viewport_point(window, scene_point))
    viewport = window.view.viewport()
    held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
    event = QMouseEvent(
        kind,
        local,
        QPointF(viewport.mapToGlobal(local.toPoint())),
        button if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
        held,
        modifiers,
    )
    QApplication.sendEvent(viewport, event)


def drag(
    window: MainWindow,
    start: tuple[float, float],
    end: tuple[float, float],
    steps: int = 5,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    send_mouse(window, QEvent.Type.MouseButtonPress, start, modifiers=modifiers)
    for step in range(1, steps + 1):
        fraction = step / steps
        point = (
            start[0] + (end[0] - start[0]) * fraction,
            start[1] + (end[1] - start[1]) * fraction,
        )
        send_mouse(window, QEvent.Type.MouseMove, point, modifiers=modifiers)
    send_mouse(window, QEvent.Type.MouseButtonRelease, end, modifiers=modifiers)
    QApplication.processEvents()


def hover_text(window: MainWindow, qtbot: QtBot, spot: QPoint) -> str:
    """Rest the mouse on `spot` of the canvas and read the tooltip that comes up, as plain
    text (rich text, wrapped by Qt: read it as a user does)."""
    QToolTip.hideText()
    qtbot.wait(50)
    viewport = window.view.viewport()
    qtbot.mouseMove(viewport, spot + QPoint(3, 0))
    qtbot.wait(30)
    qtbot.mouseMove(viewport, spot)
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    document = QTextDocument()
    document.setHtml(QToolTip.text())
    return document.toPlainText()
