"""Opening, saving, bad files, samples, title and theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from archdraw.gui.gallery import SampleGallery
from archdraw.io import load
from archdraw.io.samples import list_samples

from .conftest import TWO_SERVICES, load_into

BAD_FILES = sorted((Path(__file__).resolve().parents[1] / "data" / "bad").glob("*"))


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.name for p in BAD_FILES])
def test_bad_file_shows_problems_and_keeps_document(window, path):  # type: ignore[no-untyped-def]
    load_into(window)
    design, revision = window.document.design, window.document.revision
    assert window.files.open_path(path) is False
    dialog = window.files.last_problems
    assert dialog is not None and dialog.isVisible()
    assert dialog.problems and all(p.strip() for p in dialog.problems)
    assert any(path.name in p for p in dialog.problems)
    assert window.document.design is design and window.document.revision == revision
    dialog.close()


def test_a_crash_while_loading_shows_a_dialog(window, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    import archdraw.gui.files as files

    def broken(*args: object) -> None:
        raise OverflowError("cannot convert float infinity to integer")

    monkeypatch.setattr(files, "load", broken)
    source = tmp_path / "shop.archdraw.yaml"
    source.write_text(TWO_SERVICES)
    assert window.files.open_path(source) is False
    dialog = window.files.last_problems
    assert dialog is not None and dialog.isVisible()
    assert "internal error" in dialog.problems[0] and "OverflowError" in dialog.problems[0]
    dialog.close()


def test_window_title_shows_control_characters_as_escapes(window):  # type: ignore[no-untyped-def]
    load_into(window, 'archdraw: 1\nname: "\\e]0;owned\\a\\e[2J\\nx"\n')
    title = window.windowTitle()
    assert "\x1b" not in title and "\x07" not in title and "\n" not in title
    assert "\\x1b]0;owned" in title


def test_bad_files_exist():  # type: ignore[no-untyped-def]
    assert len(BAD_FILES) >= 5


def test_problem_lines_have_locations(window, tmp_path):  # type: ignore[no-untyped-def]
    bad = tmp_path / "typo.archdraw.yaml"
    bad.write_text("archdraw: 1\nname: x\ncomponents:\n  - {id: a, type: nope}\n")
    window.files.open_path(bad)
    assert window.files.last_problems.problems[0].startswith(f"{bad}:4:")


def test_open_save_title_and_unsaved_mark(window, tmp_path):  # type: ignore[no-untyped-def]
    source = tmp_path / "shop.archdraw.yaml"
    source.write_text(TWO_SERVICES)
    assert window.files.open_path(source)
    assert window.windowTitle().startswith("shop.archdraw.yaml")
    assert not window.isWindowModified()
    window.add_at_centre("cache")
    assert window.isWindowModified()
    assert window.files.save()
    assert not window.isWindowModified()
    reloaded = load(source, window.library).design
    assert reloaded.component("cache-2") is not None
    assert str(source.resolve()) in window.files.recent()


def test_files_without_positions_are_placed(window, tmp_path):  # type: ignore[no-untyped-def]
    source = tmp_path / "plain.archdraw.yaml"
    source.write_text(
        "archdraw: 1\nname: p\ncomponents:\n  - {id: a, type: service}\n"
        "  - {id: b, type: database}\nlinks:\n  - {from: a, to: b}\n"
    )
    assert window.files.open_path(source)
    positions = [c.position for c in window.document.design.components]
    assert all(p is not None for p in positions) and positions[0] != positions[1]


def test_dropping_a_file_on_the_canvas_opens_it(window, tmp_path):  # type: ignore[no-untyped-def]
    source = tmp_path / "dropped.archdraw.yaml"
    source.write_text(TWO_SERVICES)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    viewport = window.view.viewport()
    enter = QDragEnterEvent(
        QPoint(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, drop)
    assert window.document.path == source.resolve()
    assert "inner" in window.scene.components


def test_close_with_unsaved_changes_asks(window, monkeypatch):  # type: ignore[no-untyped-def]
    asked = []

    def cancel(self):  # type: ignore[no-untyped-def]
        asked.append(True)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(type(window), "ask_save_changes", cancel)
    window.add_at_centre("service")
    assert window.close() is False
    assert asked and window.isVisible()


@pytest.mark.skipif(not list_samples(), reason="no samples yet")
def test_open_sample_from_gallery_opens_a_copy(window, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    gallery = SampleGallery(window.library, window.theme, window)
    qtbot.addWidget(gallery)
    assert gallery.list.count() == len(gallery.samples) > 0
    gallery.list.setCurrentRow(1)
    chosen = gallery.chosen()
    assert chosen is not None
    assert gallery.samples[1].name in gallery.purpose.text()
    monkeypatch.setattr(SampleGallery, "exec", lambda self: 1)
    monkeypatch.setattr(SampleGallery, "chosen", lambda self: chosen)
    window.files.open_sample()
    assert window.document.path is None
    assert len(window.scene.components) == len(load(chosen, window.library).design.components)


def test_the_gallery_says_naive_once(window, qtbot):  # type: ignore[no-untyped-def]
    # Found under Xvfb: "AI generation API (naive first version) (naive)".
    gallery = SampleGallery(window.library, window.theme, window)
    qtbot.addWidget(gallery)
    titles = [gallery.list.item(i).text() for i in range(gallery.list.count())]
    naive = [t for t in titles if "naive" in t.lower()]
    assert naive and all(t.lower().count("naive") == 1 for t in naive), naive


def test_dark_theme_recolours_the_canvas(window):  # type: ignore[no-untyped-def]
    load_into(window)
    window.actions_by_name["theme-dark"].trigger()
    assert window.scene.backgroundBrush().color().name() == window.theme.background
    assert window.theme.name == "dark"
    assert window.scene.components["api"].theme.name == "dark"
    window.set_theme("light")


@pytest.mark.parametrize("fmt", ["svg", "png", "mermaid"])
def test_export_writes_a_file(window, tmp_path, fmt):  # type: ignore[no-untyped-def]
    from archdraw.export import FORMATS

    load_into(window)
    target = tmp_path / f"out{FORMATS[fmt].extension}"
    assert window.files.export_to(target)
    data = target.read_bytes()
    assert data and (fmt != "png" or data.startswith(b"\x89PNG"))
    assert fmt != "svg" or b"<svg" in data


def test_missing_file_and_directory_show_a_dialog(window, tmp_path):  # type: ignore[no-untyped-def]
    for path in (tmp_path / "nope.archdraw.yaml", tmp_path):
        assert window.files.open_path(path) is False
        assert window.files.last_problems is not None
        assert any(str(path) in p for p in window.files.last_problems.problems)
        window.files.last_problems.close()


def test_open_recent_menu_reopens_a_file(window, tmp_path):  # type: ignore[no-untyped-def]
    source = tmp_path / "recent.archdraw.yaml"
    source.write_text(TWO_SERVICES)
    assert window.files.open_path(source)
    window.files.new()
    assert window.document.path is None
    actions = window.recent_menu.actions()
    assert actions and actions[0].text() == str(source.resolve())
    actions[0].trigger()
    assert window.document.path == source.resolve()


def test_rules_reference_lists_every_rule():  # type: ignore[no-untyped-def]
    from archdraw.gui.dialogs import rules_reference_html
    from archdraw.lint import all_rules

    text = rules_reference_html()
    assert all(rule.code in text and rule.name in text for rule in all_rules())


def test_a_name_too_long_to_look_at_is_reported_not_raised(window, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    reported: list[str] = []
    monkeypatch.setattr(window.files, "show_problems", lambda title, *_: reported.append(title))
    path = tmp_path / ("x" * 5000)  # stat() fails with "file name too long"
    assert window.files.open_path(path) is False
    assert reported and window.document.design.components == []
