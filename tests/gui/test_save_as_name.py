"""Save As names an untitled design after its file; a name the design states stays."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLineEdit

from archdraw.gui.main_window import MainWindow
from archdraw.io import load

from .conftest import load_into


def _save_as(window: MainWindow, monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.actions_by_name["save-as"].trigger()


def _name_field(window: MainWindow) -> str:
    field = window.doc_panel.findChild(QLineEdit, "doc-name")
    assert field is not None
    return field.text()


def test_an_untitled_design_takes_its_name_from_the_file(window, qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    window.actions_by_name["new"].trigger()
    window.add_at_centre("service")
    assert window.document.design.name == "Untitled design"
    target = tmp_path / "online-checkout.archdraw.yaml"
    _save_as(window, monkeypatch, target)
    assert window.document.design.name == "online checkout"
    assert load(target, window.library).design.name == "online checkout"  # the file says so
    assert window.windowTitle().startswith("online-checkout.archdraw.yaml")
    assert not window.isWindowModified()
    qtbot.waitUntil(lambda: _name_field(window) == "online checkout", timeout=2000)
    # The rename is an edit of the design like any other: one undo step, after the add.
    window.actions_by_name["undo"].trigger()
    assert window.document.design.name == "Untitled design"
    assert window.isWindowModified()
    assert [c.type for c in window.document.design.components] == ["service"]
    window.actions_by_name["redo"].trigger()
    assert window.document.design.name == "online checkout"
    assert not window.isWindowModified()


def test_a_stated_name_survives_save_as(window, qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    load_into(window)  # name: test
    _save_as(window, monkeypatch, tmp_path / "copy-of-test.archdraw.yaml")
    assert window.document.design.name == "test"
    assert load(tmp_path / "copy-of-test.archdraw.yaml", window.library).design.name == "test"
    assert window.windowTitle().startswith("copy-of-test.archdraw.yaml")
    assert window.stack.count() == 0  # nothing was edited


def test_a_failed_save_as_leaves_the_name_alone(window, qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    window.actions_by_name["new"].trigger()
    _save_as(window, monkeypatch, tmp_path / "no-such-folder" / "shop.archdraw.yaml")
    dialog = window.files.last_problems
    assert dialog is not None and "Saving to" in dialog.summary
    dialog.close()
    assert window.document.design.name == "Untitled design"
    assert window.document.path is None


def test_the_suggested_name_for_an_untitled_design_renames_nothing(
    window, qtbot, tmp_path, monkeypatch
):  # type: ignore[no-untyped-def]
    window.actions_by_name["new"].trigger()
    suggested: list[str] = []

    def accept_suggestion(parent, caption, start, filters):  # type: ignore[no-untyped-def]
        suggested.append(start)
        return str(tmp_path / Path(start).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", accept_suggestion)
    window.actions_by_name["save-as"].trigger()
    assert Path(suggested[0]).name == "untitled-design.archdraw.yaml"
    assert window.document.design.name == "Untitled design"  # not "untitled design"
    assert window.stack.count() == 0


def test_save_as_suggests_a_plain_file_name(window, qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    load_into(window, "archdraw: 1\nname: AI job queue (LLM responses -- images)\n")
    suggested: list[str] = []

    def cancel(parent, caption, start, filters):  # type: ignore[no-untyped-def]
        suggested.append(Path(start).name)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", cancel)
    window.actions_by_name["save-as"].trigger()
    assert suggested == ["ai-job-queue-llm-responses-images.archdraw.yaml"]  # no "--"


def test_saving_deep_in_folders_keeps_the_file_name_in_the_status_bar(
    window, qtbot, tmp_path, monkeypatch
):  # type: ignore[no-untyped-def]
    load_into(window)
    window.resize(1000, window.height())
    qtbot.wait(30)
    deep = tmp_path.joinpath(*["customer-platform-architecture-reviews"] * 5)
    deep.mkdir(parents=True)
    target = deep / "uber-ride-hailing-with-surge-pricing.archdraw.yaml"
    _save_as(window, monkeypatch, target)
    bar = window.statusBar()
    shown = bar.currentMessage()
    assert shown.startswith("Saved /") and shown.endswith("/" + target.name)
    assert "…" in shown  # the folders lost their middle, not the file its name
    counts = window.counts_label.mapTo(bar, window.counts_label.rect().topLeft()).x()
    assert bar.fontMetrics().horizontalAdvance(shown) < counts  # clear of the counts
