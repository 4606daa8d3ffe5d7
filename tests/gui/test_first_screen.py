"""The first screen on a 1366x768 display: the canvas gets most of the window, the design
opens with every component and zone on screen, and no named box is drawn blank."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox

from archdraw.drawing import face_at
from archdraw.gui.main_window import MainWindow
from archdraw.library import builtin_library

from .conftest import first_start_on_screen

TWITTER = Path(__file__).resolve().parents[2] / "sample_designs" / "twitter.archdraw.yaml"


@pytest.fixture
def small_screen(qtbot, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A first start (no saved layout) on a 1366x768 screen, a task bar taking 30 px."""
    main = first_start_on_screen(qtbot, monkeypatch, 738, TWITTER)
    qtbot.wait(50)
    yield main
    main.lint.timer.stop()


def _visible(window: MainWindow) -> QRectF:
    return window.view.mapToScene(window.view.viewport().rect()).boundingRect()


def test_the_canvas_gets_most_of_a_1366_wide_window(small_screen):  # type: ignore[no-untyped-def]
    share = small_screen.view.viewport().width() / small_screen.width()
    assert share >= 0.6, share


def test_the_docks_stay_wide_enough_to_read_in_a_small_first_window(qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    # Without a window manager the first show can be smaller than the screen; shares
    # of that width cut the palette's type names to three letters.
    from PySide6.QtWidgets import QDockWidget

    from archdraw.gui.main_window import MainWindow

    monkeypatch.setattr(
        MainWindow, "ask_save_changes", lambda self: QMessageBox.StandardButton.Discard
    )
    main = MainWindow(builtin_library(), "light")
    qtbot.addWidget(main)
    main.resize(900, 700)
    main.show()
    qtbot.waitExposed(main)
    qtbot.wait(30)
    palette = main.findChild(QDockWidget, "dock-palette")
    right = main.findChild(QDockWidget, "dock-properties")
    assert palette.width() >= 150 and right.width() >= 230, (palette.width(), right.width())
    main.lint.timer.stop()


def test_the_design_opens_with_every_component_and_zone_on_screen(small_screen):  # type: ignore[no-untyped-def]
    visible = _visible(small_screen)
    items = {**small_screen.scene.components, **small_screen.scene.zones}
    cut = [key for key, item in items.items() if not visible.contains(item.sceneBoundingRect())]
    assert cut == []


def test_no_named_box_is_drawn_blank_at_the_opening_zoom(small_screen, qtbot):  # type: ignore[no-untyped-def]
    view = small_screen.view
    scale = view.scale_factor()
    for item in small_screen.scene.components.values():
        drawn = face_at(item.look, scale)
        assert drawn.level != "box", item.look.title
        assert "".join(run.text for run in drawn.texts if run.role == "title").strip()
    # And on screen: ink (dark title pixels) inside every box, away from its border.
    small_screen.scene.clearSelection()
    qtbot.wait(20)
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    blank = []
    for item in small_screen.scene.components.values():
        box = view.mapFromScene(item.mapToScene(item.box())).boundingRect().adjusted(4, 4, -4, -4)
        ink = sum(
            QColor(image.pixel(int(x * ratio), int(y * ratio))).lightness() < 110
            for x in range(box.left(), box.right())
            for y in range(box.top(), box.bottom())
        )
        if ink < 5:
            blank.append(item.look.title)
    assert blank == []


def test_the_window_takes_its_size_from_that_screen(small_screen):  # type: ignore[no-untyped-def]
    assert 1100 <= small_screen.width() <= 1366 and small_screen.height() <= 738


def test_every_palette_type_name_shows_whole_on_that_screen(small_screen):  # type: ignore[no-untyped-def]
    # "Relational d…", "Load balan…": at 12 % of a 1366-wide window the dock cut half
    # the type names a first-time user reads to choose one.
    tree = small_screen.palette_panel.tree
    tree.expandAll()
    widest = tree.sizeHintForColumn(0)
    assert tree.viewport().width() >= widest, (tree.viewport().width(), widest)
    names = [
        tree.topLevelItem(g).child(c).text(0)
        for g in range(tree.topLevelItemCount())
        for c in range(tree.topLevelItem(g).childCount())
    ]
    assert "Relational database" in names  # the widest measured is a type's name
