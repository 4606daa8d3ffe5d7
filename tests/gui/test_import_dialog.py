"""File > Import…, the import report, guess marks on the canvas and confirming a guess."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QWidget,
)

from archdraw.gui.import_dialog import ImportReportDialog
from archdraw.gui.import_marks import GuessMark
from archdraw.gui.lint_runner import rebuild
from archdraw.imports import import_files

from .conftest import send_mouse, viewport_point

COMPOSE = Path(__file__).parents[1] / "imports" / "data" / "compose" / "docker-compose.yml"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _import_with_keys(window, qtbot, monkeypatch, paths):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (paths, ""))
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.files.opening is None, timeout=30000)  # in the background


def _close_report(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.imports.report, Qt.Key.Key_Escape)
    window.activateWindow()  # shortcuts reach the window that is active again
    qtbot.waitUntil(window.isActiveWindow)


def _ad607(window, qtbot) -> list[str]:  # type: ignore[no-untyped-def]
    window.lint.run_now()
    qtbot.waitUntil(lambda: not window.lint.busy)
    return sorted(f.component or f.link or "" for f in window.lint.findings if f.code == "AD607")


def test_import_opens_the_design_and_shows_the_report(window, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    _import_with_keys(window, qtbot, monkeypatch, [str(COMPOSE)])
    design = window.document.design
    assert design.imported is not None and design.imported.format == "compose"
    assert window.document.path is None  # unsaved: Save asks where
    assert set(window.scene.components) == {c.id for c in design.components}
    assert {"db", "rabbitmq", "worker"} <= set(window.scene.components)
    dialog = window.imports.report
    assert isinstance(dialog, ImportReportDialog) and dialog.isVisible()
    model = dialog.table.model()
    assert model.rowCount() == len(design.imported.elements)

    def cell(row: int, column: int) -> str:
        return str(model.index(row, column).data())

    rows = {cell(r, 0): r for r in range(model.rowCount())}
    db = rows["db"]
    assert cell(db, 1) == "database"
    assert cell(db, 2).startswith("inferred")
    assert "images.by_image" in cell(db, 3)
    assert "docker-compose.yml:36" in cell(db, 4)
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert tabs[0] == f"Elements ({model.rowCount()})"
    assert any(t.startswith("Unknown (") and t != "Unknown (0)" for t in tabs)
    unknown = dialog.findChild(QPlainTextEdit, "import-unknown")
    assert "db: backups:" in unknown.toPlainText()
    start_up = dialog.findChild(QPlainTextEdit, "import-start-up-order")
    assert "api after db" in start_up.toPlainText()
    guesses = len(design.imported.unconfirmed_guesses())
    footer = [label.text() for label in dialog.findChildren(QLabel) if "'?'" in label.text()]
    assert footer == [
        f"{guesses} guesses are marked '?' on the canvas: check each, then confirm it "
        "(Edit > Confirm Import Guess, or right-click). Lint rule AD607 lists the rest."
    ]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_guesses_are_marked_until_confirmed_and_undo_brings_the_mark_back(
    window, qtbot, monkeypatch
):  # type: ignore[no-untyped-def]
    _import_with_keys(window, qtbot, monkeypatch, [str(COMPOSE)])
    _close_report(window, qtbot)
    marks = window.imports.marks.marks
    assert "worker" in marks and "api->db" in marks  # a guessed type, a guessed link
    assert "db" not in marks  # typed by its image: no mark
    mark = marks["worker"]
    assert isinstance(mark, GuessMark) and mark.parentItem() is window.scene.components["worker"]
    assert "Confirm Import Guess" in mark.toolTip()
    before = _ad607(window, qtbot)
    assert "worker" in before
    window.view.actual_size()
    window.view.centerOn(window.scene.components["worker"].pos())
    centre = window.scene.components["worker"].pos()
    send_mouse(window, QEvent.Type.MouseButtonPress, (centre.x(), centre.y()))
    send_mouse(window, QEvent.Type.MouseButtonRelease, (centre.x(), centre.y()))
    assert window.scene.selected_component_ids() == ["worker"]
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_K, CTRL_SHIFT)
    entry = next(e for e in window.document.design.imported.elements if e.subject == "worker")
    assert entry.confirmed
    assert "worker" not in window.imports.marks.marks
    assert mark.scene() is None
    assert "worker" not in _ad607(window, qtbot)
    assert window.stack.undoText() == "Confirm import guess"
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not entry.confirmed
    assert window.imports.marks.marks["worker"].parentItem() is window.scene.components["worker"]
    assert _ad607(window, qtbot) == before


def test_right_click_menu_confirms_the_guess_under_the_pointer(window, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    _import_with_keys(window, qtbot, monkeypatch, [str(COMPOSE)])
    _close_report(window, qtbot)
    window.view.actual_size()
    item = window.scene.components["worker"]
    window.view.centerOn(item.pos())
    qtbot.wait(10)
    point = viewport_point(window, (item.pos().x(), item.pos().y()))
    window.view.customContextMenuRequested.emit(point)  # what a right-click asks for
    menu = window.view.findChild(QMenu, "canvas-menu")
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    action = window.actions_by_name["confirm-import-guess"]
    assert window.scene.selected_component_ids() == ["worker"] and action.isEnabled()
    centre = menu.actionGeometry(action).center()
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: "worker" not in window.imports.marks.marks)
    window.scene.clearSelection()
    window.view.customContextMenuRequested.emit(QPoint(2, 2))  # empty canvas
    assert not action.isEnabled()
    popup = QApplication.activePopupWidget()
    if popup is not None:
        popup.close()
    # The menu on empty canvas greyed the action; selecting a guess offers it again, and
    # its shortcut confirms (it stayed disabled until the next right-click).
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "worker" in window.imports.marks.marks)
    centre = window.view.mapFromScene(item.pos())
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.scene.selected_component_ids() == ["worker"] and action.isEnabled()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_K, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "worker" not in window.imports.marks.marks)
    assert not action.isEnabled()  # confirmed: no guess selected any more


def test_bad_input_shows_its_place_and_keeps_the_design(window, qtbot, monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    bad = tmp_path / "compose.yaml"
    bad.write_text("services:\n  web:\n    image: [nginx\n")
    before = window.document.design
    _import_with_keys(window, qtbot, monkeypatch, [str(bad)])
    assert window.document.design is before
    dialog = window.files.last_problems
    assert dialog is not None and dialog.isVisible()
    assert any(p.startswith(f"{bad}:") and "malformed YAML" in p for p in dialog.problems)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)


def test_threaded_lint_keeps_the_import_block(tmp_path):  # type: ignore[no-untyped-def]
    from archdraw.library import builtin_library

    result = import_files([COMPOSE], builtin_library(), user_mappings=False)
    rebuilt = rebuild(result.design.model_dump())
    assert rebuilt.imported == result.design.imported


DRAWIO = Path(__file__).parents[1] / "imports" / "data" / "drawio" / "two-pages.drawio"


def test_a_drawio_file_of_several_pages_asks_which(window, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    asked: list[list[str]] = []

    def answer(parent, title, label, items, current, editable):  # type: ignore[no-untyped-def]
        asked.append(list(items))
        return items[1], True

    monkeypatch.setattr(QInputDialog, "getItem", answer)
    _import_with_keys(window, qtbot, monkeypatch, [str(DRAWIO)])
    assert asked[0][:2] == ["Overview", "Checkout detail"] and asked[0][2].startswith("All 2")
    assert set(window.scene.components) == {"Web", "Payments"}
    assert window.document.design.imported.imported_pages == ["Checkout detail"]
    _close_report(window, qtbot)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("", False))
    before = window.document.design
    _import_with_keys(window, qtbot, monkeypatch, [str(DRAWIO)])  # cancelled: nothing changes
    assert window.document.design is before


@pytest.mark.parametrize("background", [False, True])
def test_an_imported_design_opened_from_a_file_shows_its_guesses(  # type: ignore[no-untyped-def]
    window, qtbot, tmp_path, monkeypatch, background
):
    from archdraw.gui import files
    from archdraw.io import save
    from archdraw.library import builtin_library

    if background:  # its canvas items come after the design opened: marked then
        monkeypatch.setattr(files, "OPEN_IN_BACKGROUND_ABOVE", 0)
    result = import_files([COMPOSE], builtin_library(), user_mappings=False)
    path = tmp_path / "shop.archdraw.yaml"
    save(result.design, path)
    assert window.files.open_path(path)
    qtbot.waitUntil(lambda: window.files.opening is None, timeout=30000)
    marks = window.imports.marks.marks
    assert {e.subject for e in result.block.unconfirmed_guesses()} == set(marks)
    assert marks["worker"].parentItem() is window.scene.components["worker"]


def test_a_report_of_many_elements_shows_every_row(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFontMetrics

    from archdraw.library import builtin_library

    from .test_import_background import manifest

    path = tmp_path / "rendered.yaml"
    path.write_text(manifest(600))
    design = import_files([path], builtin_library(), user_mappings=False).design
    block = design.imported
    assert block is not None and len(block.elements) > 1000
    owner = QWidget()  # the window it belongs to (it closes with it)
    qtbot.addWidget(owner)
    dialog = ImportReportDialog(design, block, owner)
    dialog.show()
    qtbot.waitExposed(dialog)
    table, model = dialog.table, dialog.table.model()
    assert model.rowCount() == len(block.elements) and model.columnCount() == 5
    assert dialog.tabs.tabText(0) == f"Elements ({len(block.elements)})"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Element", "Type", "Confidence", "Rule", "Source"]
    kinds = {c.id: c.type for c in design.components}
    last = len(block.elements) - 1
    for row in (0, last // 2, last):
        element = block.elements[row]
        shown = [model.index(row, c).data() for c in range(5)]
        kind = kinds.get(element.subject, "zone" if element.zone else "link")
        assert shown[0] == element.subject and shown[1] == kind
        assert shown[2].startswith(element.confidence)
        assert shown[3] == element.rule and shown[4] == element.source
        tip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
        assert tip == ("\n".join(element.evidence) or None)
    assert {model.index(r, 1).data() for r in range(model.rowCount())} >= {"service", "link"}
    # Every text fits its column, the widest row too (measured without asking every row).
    metrics = QFontMetrics(table.font())
    for column in range(5):
        widest = max(
            metrics.horizontalAdvance(model.index(r, column).data()) for r in range(last + 1)
        )
        assert table.columnWidth(column) >= widest
    # The view reaches the last row: scrolled there, it is the row under the bottom cell.
    table.scrollToBottom()
    qtbot.waitUntil(lambda: table.rowAt(table.viewport().height() - 2) == last)
    assert table.indexAt(table.visualRect(model.index(last, 0)).center()).data() == (
        block.elements[last].subject
    )
