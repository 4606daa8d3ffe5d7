"""The floor of a drawing tool, driven through the real widgets: placing from the palette,
findings buttons, file dialogs, arranging, copy and paste between windows, snap."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from archdraw.gui import main_window as main_window_module
from archdraw.gui.main_window import MainWindow
from archdraw.layout import node_rect
from archdraw.library import builtin_library

from .conftest import drag, load_into
from .test_panels import LINTED

ASK_SAVE_CHANGES = main_window_module.MainWindow.ask_save_changes  # before the fixture stubs it


class PaintRecorder(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.rects: list[QRect] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QPaintEvent):
            self.rects.append(event.rect())
        return False


def _double_click_palette(window, qtbot, type_id: str) -> None:  # type: ignore[no-untyped-def]
    tree = window.palette_panel.tree
    item = window.palette_panel.type_item(type_id)
    tree.scrollToItem(item)
    qtbot.wait(10)  # let the scroll lay the rows out before asking where the item is
    centre = tree.visualItemRect(item).center()
    # A user's double-click: a click, then the second press arriving as a double-click.
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    # QTest's double-click leaves the button held in its own state: release it, or every
    # later mouse move in this process is a drag and no tooltip ever comes up.
    qtbot.mouseRelease(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.wait(QApplication.doubleClickInterval() + 20)  # the next one is a new double-click


def test_palette_double_clicks_place_side_by_side_with_the_type_label(window, qtbot):  # type: ignore[no-untyped-def]
    recorder = PaintRecorder()
    window.view.viewport().installEventFilter(recorder)
    for _ in range(3):
        _double_click_palette(window, qtbot, "service")
    design = window.document.design
    assert [c.label for c in design.components] == ["Service", "Service 2", "Service 3"]
    boxes = [node_rect(c.position) for c in design.components]
    assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert window.scene.selected_component_ids() == [design.components[-1].id]
    # The hint spans the canvas: the first component must repaint all of it.
    full = window.view.viewport().rect()
    assert any(rect.contains(full) for rect in recorder.rects)
    window.view.viewport().removeEventFilter(recorder)


def test_palette_places_next_to_the_selection_and_in_its_zone(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.scene.select_ids(["inner"])
    _double_click_palette(window, qtbot, "cache")
    added = window.document.design.components[-1]
    inner = window.document.design.component("inner")
    assert added.zone == "zone-a" and added.position[1] == inner.position[1]
    assert added.position[0] > inner.position[0]
    others = [node_rect(c.position) for c in window.document.design.components[:-1]]
    assert not any(node_rect(added.position).intersects(box) for box in others)


def _click_row(qtbot, panel, row: int) -> None:  # type: ignore[no-untyped-def]
    panel.table.scrollTo(panel.model.index(row, 0))
    rect = panel.table.visualRect(panel.model.index(row, 1))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_finding_buttons_act_only_on_the_selected_finding(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, LINTED)
    window.lint.run_now()
    panel = window.findings
    buttons = (panel.fix_button, panel.disable_button, panel.ignore_button)
    assert not any(b.isEnabled() for b in buttons), "nothing selected: nothing to act on"
    fixable = next(i for i in range(panel.row_count()) if panel.row(i).fix)
    _click_row(qtbot, panel, fixable)
    assert panel.fix_button.isEnabled()
    qtbot.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)
    window.lint.run_now()
    qtbot.wait(20)
    # The fixed finding is gone; the table getting focus must not pick another one.
    panel.table.setFocus()
    qtbot.wait(20)
    assert panel.current() is None
    assert not any(b.isEnabled() for b in buttons)
    steps = window.stack.count()
    qtbot.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.disable_button, Qt.MouseButton.LeftButton)
    assert window.stack.count() == steps


def test_export_takes_the_format_from_the_typed_extension(window, qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    load_into(window)
    answers = iter(
        [
            (str(tmp_path / "x.png"), "SVG image, as the canvas draws it (*.svg)"),
            (str(tmp_path / "x.bmpx"), "SVG image, as the canvas draws it (*.svg)"),
        ]
    )
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: next(answers))
    window.actions_by_name["export"].trigger()
    assert (tmp_path / "x.png").read_bytes().startswith(b"\x89PNG")
    window.actions_by_name["export"].trigger()
    assert not (tmp_path / "x.bmpx").exists()
    dialog = window.files.last_problems
    assert dialog is not None and "unknown extension '.bmpx'" in " ".join(dialog.problems)
    dialog.close()


def test_save_as_adds_the_extension_and_open_starts_in_the_last_folder(
    window, qtbot, tmp_path, monkeypatch
):  # type: ignore[no-untyped-def]
    load_into(window)
    folder = tmp_path / "designs"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(folder / "shop"), ""))
    window.actions_by_name["save-as"].trigger()
    saved = folder / "shop.archdraw.yaml"
    assert saved.exists() and window.document.path == saved.resolve()
    window.actions_by_name["new"].trigger()
    asked: list[str] = []

    def open_name(parent, caption, start, filters):  # type: ignore[no-untyped-def]
        asked.append(start)
        return str(saved), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_name)
    window.actions_by_name["open"].trigger()
    assert Path(asked[0]) == folder.resolve()


def test_the_close_prompt_names_the_file(window, qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    load_into(window)
    window.files._write(tmp_path / "orders.archdraw.yaml")
    window.add_at_centre("cache")
    monkeypatch.setattr(MainWindow, "ask_save_changes", ASK_SAVE_CHANGES)
    texts: list[str] = []

    def question(parent, title, text, buttons):  # type: ignore[no-untyped-def]
        texts.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    assert window.close() is False
    assert texts == ["Save the changes to orders.archdraw.yaml?"]


def test_align_and_distribute_from_the_menu_are_one_step_each(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    window.scene.select_ids(["api", "db", "cache"])
    window.actions_by_name["align-top"].trigger()
    design = window.document.design
    assert {design.component(i).position[1] for i in ("api", "db", "cache")} == {0.0}
    assert window.stack.count() == 1 and window.stack.undoText() == "Align 3 components top"
    window.actions_by_name["distribute-horizontal"].trigger()
    xs = sorted(design.component(i).position[0] for i in ("api", "db", "cache"))
    assert xs[1] - xs[0] == xs[2] - xs[1]
    window.stack.undo()
    window.stack.undo()
    assert design.component("cache").position == (0.0, 300.0)
    window.scene.select_ids(["api"])
    window.actions_by_name["align-left"].trigger()
    assert "two or more" in window.statusBar().currentMessage()


TWO_LINKS = """
archdraw: 1
name: pair
components:
  - {id: api, type: service, position: [0, 0]}
  - {id: db, type: database, position: [300, 0]}
links:
  - {from: api, to: db}
  - {id: api-db-replica, from: api, to: db, kind: async}
"""


def test_copy_in_one_window_and_paste_in_another(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window, TWO_LINKS)
    other = MainWindow(builtin_library(), "light")
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    load_into(other, TWO_LINKS)
    window.scene.select_ids(["api", "db"])
    window.actions_by_name["copy"].trigger()
    other.actions_by_name["paste"].trigger()
    pasted = other.document.design
    assert len(pasted.components) == 4 and len(pasted.links) == 4
    assert sorted(other.scene.selected_component_ids()) == ["api-2", "db-2"]
    other.stack.undo()
    assert len(pasted.components) == 2
    other.lint.timer.stop()


def test_drags_snap_to_the_grid_until_snap_is_turned_off(window, qtbot):  # type: ignore[no-untyped-def]
    load_into(window)
    drag(window, (0, 0), (33, 47))
    assert window.document.design.component("api").position == (40.0, 40.0)
    window.actions_by_name["snap"].trigger()
    drag(window, (40, 40), (53, 41))
    assert window.document.design.component("api").position == (53.0, 41.0)
    QApplication.processEvents()


def test_the_history_panel_and_the_core_history_move_together(window, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    load_into(window)
    window.add_at_centre("cache")
    window.add_at_centre("queue")
    window.files._write(tmp_path / "h.archdraw.yaml")
    assert not window.isWindowModified()
    view = window.history  # the History panel: row 0 is "<opened>", then one per step
    rect = view.visualRect(view.model().index(1, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    history = window.document.history
    assert history.index == 1 == window.stack.index()
    assert window.document.dirty and window.isWindowModified()
    window.document.redo()  # the core moves: the stack follows
    assert window.stack.index() == 2 and not window.isWindowModified()
